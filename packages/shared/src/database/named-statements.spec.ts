import { Writable } from 'node:stream';
import { Client as PgClient } from 'pg';
import type { DataSource } from 'typeorm';
import { createLogger } from '../logging/logger';
import { createTestDatabase, freePort, startEmbeddedPostgresProcess, type TestDatabase } from '../testing/test-database';
import { createSubgraphDataSource, initialiseDatabase, type SubgraphDataSource } from './data-source';
import { MAX_NAMED_STATEMENTS, namedStatementClient, namesStatements } from './named-statements';

const silent = createLogger('test', 'error', new Writable({ write: (_chunk, _enc, done) => done() }));

it('names statements on a PostgreSQL server, never on PGlite, which runs every connection in one session', () => {
  expect(namesStatements('PostgreSQL 15.20 (Debian 15.20-0+deb12u1) on x86_64-pc-linux-gnu, compiled by gcc 12.2.0, 64-bit')).toBe(true);
  expect(namesStatements('PostgreSQL 18.6 (PGlite 0.5.14) on wasm32-unknown-emscripten, compiled by emcc 6.0.5, 32-bit')).toBe(false);
});

it('names each parameterised text once, statements without parameters never, and stops naming past the cap', async () => {
  // pg's own query, as the client class finds it when made: what it would send, without a server.
  const sent = jest.spyOn(PgClient.prototype, 'query').mockImplementation((() => Promise.resolve({ rows: [] })) as never);
  try {
    const client = new (namedStatementClient({ allowed: true, enabled: true }))();
    await client.query('SELECT $1::int', [1]);
    await client.query('SELECT $1::int', [2]);
    await client.query('BEGIN');
    await client.query('SELECT 1', []);
    for (let i = 0; i < MAX_NAMED_STATEMENTS + 1; i += 1) await client.query(`SELECT $1::int + ${i}`, [i]);
    const firsts = sent.mock.calls.map((args) => args[0] as unknown);
    expect(firsts[0]).toEqual({ name: 'kinga_0', text: 'SELECT $1::int', values: [1] });
    expect(firsts[1]).toEqual({ name: 'kinga_0', text: 'SELECT $1::int', values: [2] });
    expect(firsts[2]).toBe('BEGIN');
    expect(firsts[3]).toBe('SELECT 1');
    expect(firsts[4]).toMatchObject({ name: 'kinga_1' });
    expect(firsts.at(-1)).toBe(`SELECT $1::int + ${MAX_NAMED_STATEMENTS}`);
  } finally {
    sent.mockRestore();
  }
});

describe.each([
  ['the embedded PostgreSQL', false],
  ['the PostgreSQL server of DATABASE_URL', true],
])('prepared statements on %s', (_label, server) => {
  const skip = server && !process.env.DATABASE_URL;
  let database: TestDatabase;
  const opened: SubgraphDataSource[] = [];

  beforeAll(async () => {
    if (skip) return;
    database = server ? await createTestDatabase() : await startEmbeddedPostgresProcess(await freePort());
  }, 60_000);
  afterAll(async () => {
    for (const { dataSource } of opened) if (dataSource.isInitialized) await dataSource.destroy();
    await database?.drop();
  });

  async function open(namedStatements?: boolean): Promise<SubgraphDataSource> {
    const source = createSubgraphDataSource({
      schema: 'named_statements',
      url: database.url,
      entities: [],
      migrations: [],
      poolSize: 2,
      logger: silent,
      namedStatements,
    });
    opened.push(source);
    await initialiseDatabase(source);
    return source;
  }

  /** The names prepared on one connection, after it ran a parameterised statement twice. */
  async function preparedOnOneConnection(dataSource: DataSource): Promise<string[]> {
    const runner = dataSource.createQueryRunner();
    try {
      for (const n of [1, 2]) expect(await runner.query('SELECT $1::int + 1 AS n', [n])).toEqual([{ n: n + 1 }]);
      const rows = (await runner.query('SELECT name FROM pg_prepared_statements')) as Array<{ name: string }>;
      return rows.map((row) => row.name);
    } finally {
      await runner.release();
    }
  }

  (skip ? it.skip : it)(server ? 'prepares each statement once per connection' : 'sends every statement unnamed', async () => {
    const source = await open();
    expect(source.statementNaming.enabled).toBe(server);
    const names = await preparedOnOneConnection(source.dataSource);
    if (server) expect(names.some((name) => name.startsWith('kinga_'))).toBe(true);
    else expect(names).toEqual([]);
    // Two connections at once, each with the same statement: on PGlite's one session a second PREPARE would fail.
    const both = await Promise.all(
      [1, 2, 3, 4].map((n) => source.dataSource.query('SELECT $1::int * 2 AS n, pg_sleep(0.01) IS NULL AS slept', [n])),
    );
    expect(both.map((rows) => (rows as Array<{ n: number }>)[0].n)).toEqual([2, 4, 6, 8]);
  });

  (skip ? it.skip : it)('sends every statement unnamed when DB_NAMED_STATEMENTS is false', async () => {
    const source = await open(false);
    expect(source.statementNaming.enabled).toBe(false);
    expect(await preparedOnOneConnection(source.dataSource)).toEqual([]);
  });
});
