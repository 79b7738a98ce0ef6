import { groupBy, toConnection, type ConnectionShape, type CursorValue } from '@kinga/shared';
import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { CaseNoteEntity } from './case-note.entity';

interface NoteRow {
  /** Null on the one row of a case whose page is empty (all its notes lie before the cursor): it carries the count. */
  id: string | null;
  case_id: string;
  author_sub: string;
  author_name: string;
  body: string;
  created_at: Date;
  total: string;
}

/**
 * A page of notes (newest first) for many cases in one statement: each case's count, then its page, so the page
 * size applies per case and the count is there even when the cursor leaves the page empty. Ordered, and cut, by
 * the millisecond a cursor can carry (a JavaScript date): by the database's microseconds, a note written in the
 * same millisecond as the last one of a page, a little earlier, would fall between pages.
 */
export function createNotePageLoader(db: DataSource, limit: number, after: CursorValue[] | null) {
  return new DataLoader<string, ConnectionShape<CaseNoteEntity>>(async (caseIds) => {
    const params: unknown[] = [[...caseIds], limit + 1];
    let cursorCondition = '';
    if (after) {
      params.push(after[0], after[1]);
      cursorCondition = `AND (date_trunc('milliseconds', n.created_at), n.id) < ($3::timestamptz, $4::uuid)`;
    }
    const rows: NoteRow[] = await db.query(
      `SELECT counted.case_id, counted.total, page.id, page.author_sub, page.author_name, page.body, page.created_at
         FROM (SELECT case_id, count(*) AS total FROM cases.case_note WHERE case_id = ANY($1::uuid[]) GROUP BY case_id) counted
         LEFT JOIN LATERAL (
           SELECT n.id, n.author_sub, n.author_name, n.body, n.created_at FROM cases.case_note n
            WHERE n.case_id = counted.case_id ${cursorCondition}
            ORDER BY date_trunc('milliseconds', n.created_at) DESC, n.id DESC LIMIT $2
         ) page ON true
        ORDER BY counted.case_id, date_trunc('milliseconds', page.created_at) DESC, page.id DESC`,
      params,
    );
    const byCase = groupBy(rows, (row) => row.case_id);
    return caseIds.map((caseId) => {
      const counted = byCase.get(caseId) ?? [];
      const found = counted.filter((row): row is NoteRow & { id: string } => row.id !== null);
      return toConnection(
        found,
        limit,
        counted.length > 0 ? Number(counted[0].total) : 0,
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
