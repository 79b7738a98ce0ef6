import { groupBy, toConnection, type ConnectionShape, type CursorValue } from '@kinga/shared';
import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { CaseNoteEntity } from './case-note.entity';

interface NoteRow {
  id: string;
  case_id: string;
  author_sub: string;
  author_name: string;
  body: string;
  created_at: Date;
  total: string;
}

/**
 * A page of notes (newest first) for many cases in one statement: a window function numbers each case's
 * notes, so the page size applies per case, and counts them before the cursor cuts. Ordered, and cut, by the
 * millisecond a cursor can carry (a JavaScript date): by the database's microseconds, a note written in the same
 * millisecond as the last one of a page, a little earlier, would fall between pages.
 */
export function createNotePageLoader(db: DataSource, limit: number, after: CursorValue[] | null) {
  return new DataLoader<string, ConnectionShape<CaseNoteEntity>>(async (caseIds) => {
    const params: unknown[] = [[...caseIds], limit + 1];
    let cursorCondition = '';
    if (after) {
      params.push(after[0], after[1]);
      cursorCondition = 'AND (at_ms, id) < ($3::timestamptz, $4::uuid)';
    }
    const rows: NoteRow[] = await db.query(
      `SELECT * FROM (
         SELECT n.*, row_number() OVER (PARTITION BY case_id ORDER BY at_ms DESC, id DESC) AS rn FROM (
           SELECT id, case_id, author_sub, author_name, body, created_at, date_trunc('milliseconds', created_at) AS at_ms,
                  count(*) OVER (PARTITION BY case_id) AS total
             FROM cases.case_note WHERE case_id = ANY($1::uuid[])
         ) n WHERE true ${cursorCondition}
       ) numbered WHERE rn <= $2 ORDER BY case_id, at_ms DESC, id DESC`,
      params,
    );
    const byCase = groupBy(rows, (row) => row.case_id);
    return caseIds.map((caseId) => {
      const found = byCase.get(caseId) ?? [];
      return toConnection(
        found,
        limit,
        found.length > 0 ? Number(found[0].total) : 0,
        (row) => [row.created_at.toISOString(), row.id],
        (row) => ({
          id: row.id,
          caseId: row.case_id,
          authorSub: row.author_sub,
          authorName: row.author_name,
          body: row.body,
          createdAt: row.created_at,
        }),
      );
    });
  });
}
