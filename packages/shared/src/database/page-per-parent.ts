import DataLoader from 'dataloader';
import { decodeTypedCursor, toConnection, type ConnectionShape, type CursorValue, type CursorValueType } from '../graphql/connection';
import { groupBy } from './group-by';

/** What a page is ordered and cut by (a column, or an expression of them, on alias `t`), and the type its cursor value is cast back to. */
export interface PageKey {
  column: string;
  type: CursorValueType;
}

/**
 * A child list served a page per parent (a case's notes, a referral's service records): the table's rows whose
 * `parentColumn` is the parent's id, `where` (a fixed condition on alias `t`, no parameters) narrowing them,
 * ordered by `keys` in `direction` (the last key unique, so the order is total), each row as `select` (on alias
 * `t`) names its fields.
 */
export interface PagePerParent {
  table: string;
  /** A uuid column, compared as one so that its index serves the page. */
  parentColumn: string;
  select: string;
  keys: readonly PageKey[];
  direction: 'ASC' | 'DESC';
  where?: string;
}

interface PageRow {
  _parent: string;
  _total: string;
  /** Null on the one row of a parent whose page is empty (all its rows lie beyond the cursor): it carries the count. */
  _k0: unknown;
  [field: string]: unknown;
}

// A timestamp is ordered and cut by the bare column, so the list's index serves the page, and its cursor carries
// the database's microseconds: a JavaScript date's milliseconds would let a row written in the same millisecond
// as the last one of a page, a little earlier, fall between pages.
const MICROSECOND_INSTANT = `'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'`;
const MILLISECOND_INSTANT = /\.\d{3}Z$/;
const cursorExpression = (key: PageKey) =>
  key.type === 'timestamptz' ? `to_char(${key.column} AT TIME ZONE 'UTC', ${MICROSECOND_INSTANT})` : key.column;
const cursorValueOf = (value: unknown): CursorValue => (typeof value === 'number' ? value : String(value));

/**
 * A page of each parent's rows for a whole batch of parents in one statement: each parent's count, then its
 * page, so the page size applies per parent and the count is there even when the cursor leaves the page empty.
 * `after` is a decoded cursor of this list (one value per key), or null for the first page.
 */
export function createPagePerParentLoader<Node>(
  db: { query(sql: string, parameters?: unknown[]): Promise<unknown> },
  list: PagePerParent,
  limit: number,
  after: readonly CursorValue[] | null,
): DataLoader<string, ConnectionShape<Node>> {
  const keys = list.keys.map((key, i) => ({ expression: key.column, alias: `_k${i}`, cursor: `_c${i}`, type: key.type }));
  const narrowed = list.where ? `AND (${list.where})` : '';
  // A cursor given out before cursors carried microseconds cuts as the order it came from did: by the millisecond.
  const cutExpression = (k: (typeof keys)[number], i: number) =>
    k.type === 'timestamptz' && typeof after?.[i] === 'string' && MILLISECOND_INSTANT.test(after[i] as string)
      ? `date_trunc('milliseconds', ${k.expression})`
      : k.expression;
  const cursorCondition = after
    ? `AND (${keys.map(cutExpression).join(', ')}) ${list.direction === 'DESC' ? '<' : '>'} (${keys.map((k, i) => `$${i + 3}::${k.type}`).join(', ')})`
    : '';
  const order = (prefix: string) => keys.map((k) => `${prefix}${k.alias} ${list.direction}`).join(', ');
  const sql = `SELECT counted._parent, counted._total, page.*
       FROM (SELECT t.${list.parentColumn} AS _parent, count(*) AS _total FROM ${list.table} t
              WHERE t.${list.parentColumn} = ANY($1::uuid[]) ${narrowed} GROUP BY t.${list.parentColumn}) counted
       LEFT JOIN LATERAL (
         SELECT ${list.select}, ${keys.map((k, i) => `${k.expression} AS ${k.alias}, ${cursorExpression(list.keys[i])} AS ${k.cursor}`).join(', ')}
           FROM ${list.table} t
          WHERE t.${list.parentColumn} = counted._parent ${narrowed} ${cursorCondition}
          ORDER BY ${order('')} LIMIT $2
       ) page ON true
      ORDER BY counted._parent, ${order('page.')}`;

  return new DataLoader<string, ConnectionShape<Node>>(async (parentIds) => {
    const rows = (await db.query(sql, [[...parentIds], limit + 1, ...(after ?? [])])) as PageRow[];
    const byParent = groupBy(rows, (row) => row._parent);
    return parentIds.map((parentId) => {
      const counted = byParent.get(parentId) ?? [];
      return toConnection(
        counted.filter((row) => row._k0 !== null),
        limit,
        counted.length > 0 ? Number(counted[0]._total) : 0,
        (row) => keys.map((k) => cursorValueOf(row[k.cursor])),
        (row) => nodeOf<Node>(row),
      );
    });
  });
}

function nodeOf<Node>(row: PageRow): Node {
  const node: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(row)) if (!field.startsWith('_')) node[field] = value;
  return node as Node;
}

/** The `after` of a page of `list`, checked value by value against the list's keys (`decodeTypedCursor`). */
export function decodePageCursor(list: Pick<PagePerParent, 'keys'>, after: string | null | undefined): CursorValue[] | null {
  return decodeTypedCursor(
    after,
    list.keys.map((key) => key.type),
  );
}
