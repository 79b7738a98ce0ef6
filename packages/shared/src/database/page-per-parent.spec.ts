import { Client } from 'pg';
import { decodeCursor } from '../graphql/connection';
import { createTestDatabase, type TestDatabase } from '../testing/test-database';
import { createPagePerParentLoader, decodePageCursor, type PagePerParent } from './page-per-parent';

const NOTES: PagePerParent = {
  table: 'ppp.note',
  parentColumn: 'parent_id',
  select: 't.id, t.body',
  keys: [
    { column: 't.written_at', type: 'timestamptz' },
    { column: 't.id', type: 'uuid' },
  ],
  direction: 'DESC',
};

const BUSY = '00000000-0000-4000-8000-00000000000a';
const QUIET = '00000000-0000-4000-8000-00000000000b';
const EMPTY = '00000000-0000-4000-8000-00000000000c';

describe('createPagePerParentLoader (real PostgreSQL or embedded)', () => {
  let database: TestDatabase;
  let client: Client;
  const statements: string[] = [];
  const db = {
    query: async (sql: string, parameters?: unknown[]) => {
      statements.push(sql);
      return (await client.query(sql, parameters)).rows;
    },
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    client = new Client({ connectionString: database.url });
    await client.connect();
    await client.query(`CREATE SCHEMA ppp`);
    await client.query(
      `CREATE TABLE ppp.note (id uuid PRIMARY KEY, parent_id uuid NOT NULL, written_at timestamptz NOT NULL, body text NOT NULL)`,
    );
    await client.query(`CREATE INDEX note_parent_idx ON ppp.note (parent_id, written_at DESC, id DESC)`);
    // The quiet parent's three notes, two in one millisecond; the busy parent's thousands, enough that reading
    // them all to sort them costs the planner more than walking the index.
    await client.query(
      `INSERT INTO ppp.note (id, parent_id, written_at, body) VALUES
         ('00000000-0000-4000-8000-000000000001', $1, '2026-01-05T10:00:00.100000Z', 'first'),
         ('00000000-0000-4000-8000-000000000003', $1, '2026-01-05T10:00:00.123200Z', 'second'),
         ('00000000-0000-4000-8000-000000000002', $1, '2026-01-05T10:00:00.123400Z', 'third')`,
      [QUIET],
    );
    await client.query(
      `INSERT INTO ppp.note (id, parent_id, written_at, body)
         SELECT gen_random_uuid(), $1, timestamptz '2026-01-01' + n * interval '1 minute', 'note ' || n FROM generate_series(1, 20000) n`,
      [BUSY],
    );
    await client.query(`ANALYZE ppp.note`);
  });

  afterAll(async () => {
    await client?.end();
    await database?.drop();
  });

  const page = (after: string | null, limit = 1) =>
    createPagePerParentLoader<{ id: string; body: string }>(db, NOTES, limit, decodePageCursor(NOTES, after));

  it('pages through rows written within one millisecond without losing one, newest first', async () => {
    const bodies: string[] = [];
    let after: string | null = null;
    for (let turn = 0; turn < 5; turn += 1) {
      const connection = await page(after).load(QUIET);
      bodies.push(...connection.edges.map((edge) => edge.node.body));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(bodies).toEqual(['third', 'second', 'first']);
  });

  it("carries the row's microseconds in its cursor, and cuts a millisecond cursor given out before as its order did", async () => {
    const first = await page(null).load(QUIET);
    expect(decodeCursor(first.pageInfo.endCursor, 2)).toEqual(['2026-01-05T10:00:00.123400Z', '00000000-0000-4000-8000-000000000002']);
    // The old order, by the millisecond and then the id, had given "second" first (its id is the higher) with
    // this cursor: what it had not given yet ("third", "first") comes next, none skipped.
    const oldCursor = Buffer.from(JSON.stringify(['2026-01-05T10:00:00.123Z', '00000000-0000-4000-8000-000000000003'])).toString(
      'base64url',
    );
    const fromMilliseconds = await page(oldCursor, 5).load(QUIET);
    expect(fromMilliseconds.edges.map((edge) => edge.node.body)).toEqual(['third', 'first']);
    expect(() => decodePageCursor(NOTES, Buffer.from(JSON.stringify(['2026-01-05T10:00:00.1234Z', QUIET])).toString('base64url'))).toThrow(
      'after is not a cursor this list gave out',
    );
  });

  it('answers a batch of parents in one statement, a count for each, an empty page where none are left', async () => {
    statements.length = 0;
    const loader = page(null, 2);
    const [busy, quiet, empty] = await Promise.all([loader.load(BUSY), loader.load(QUIET), loader.load(EMPTY)]);
    expect(statements).toHaveLength(1);
    expect(busy.totalCount).toBe(20000);
    expect(busy.edges.map((edge) => edge.node.body)).toEqual(['note 20000', 'note 19999']);
    expect(quiet.edges.map((edge) => edge.node.body)).toEqual(['third', 'second']);
    expect(empty).toEqual({ edges: [], pageInfo: { hasNextPage: false, endCursor: null }, totalCount: 0 });
  });

  it("walks the parent's index for its page rather than reading and sorting every row", async () => {
    statements.length = 0;
    const after = (await page(null, 1).load(BUSY)).pageInfo.endCursor;
    statements.length = 0;
    await page(after, 20).load(BUSY);
    const [{ 'QUERY PLAN': plan }] = (
      await client.query(`EXPLAIN (FORMAT JSON) ${statements[0]}`, [[BUSY], 21, ...decodePageCursor(NOTES, after)!])
    ).rows as Array<{ 'QUERY PLAN': unknown }>;
    const pageScan = findNode(plan, (node) => node['Node Type'] === 'Limit');
    expect(pageScan).toBeDefined();
    expect(findNode(pageScan, (node) => node['Node Type'] === 'Sort')).toBeUndefined();
    expect(findNode(pageScan, (node) => node['Index Name'] === 'note_parent_idx')).toBeDefined();
  });
});

type PlanNode = Record<string, unknown>;
function findNode(plan: unknown, matches: (node: PlanNode) => boolean): PlanNode | undefined {
  if (Array.isArray(plan)) {
    for (const item of plan) {
      const found = findNode(item, matches);
      if (found) return found;
    }
    return undefined;
  }
  if (plan === null || typeof plan !== 'object') return undefined;
  const node = plan as PlanNode;
  if ('Node Type' in node && matches(node)) return node;
  for (const key of ['Plan', 'Plans']) {
    const found = key in node ? findNode(node[key], matches) : undefined;
    if (found) return found;
  }
  return undefined;
}
