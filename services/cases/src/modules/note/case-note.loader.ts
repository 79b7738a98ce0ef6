import { createPagePerParentLoader, type CursorValue, type PagePerParent } from '@kinga/shared';
import type { DataSource } from 'typeorm';
import type { CaseNoteEntity } from './case-note.entity';

/** A case's notes, newest first. */
export const NOTES_OF_A_CASE: PagePerParent = {
  table: 'cases.case_note',
  parentColumn: 'case_id',
  select: 't.id, t.case_id AS "caseId", t.author_sub AS "authorSub", t.author_name AS "authorName", t.body, t.created_at AS "createdAt"',
  keys: [
    { column: 't.created_at', type: 'timestamptz' },
    { column: 't.id', type: 'uuid' },
  ],
  direction: 'DESC',
};

/** A page of notes for many cases in one statement. */
export function createNotePageLoader(db: DataSource, limit: number, after: CursorValue[] | null) {
  return createPagePerParentLoader<CaseNoteEntity>(db, NOTES_OF_A_CASE, limit, after);
}
