import type { SubgraphDataSource } from '@kinga/shared';
import { createTestDatabase, migratedSchema, withStatementCount, type TestDatabase } from '@kinga/shared/testing';
import { casesSubgraph } from '../../cases.subgraph';
import { createSecCasesByYearLoader, createSecCasesYears } from './indicator.loader';

/**
 * The public count of SEC cases opened in a year is kept by each process and reused until a case's county,
 * opening date or categories change (the statistics summary's change log says so): computed once, then one
 * indexed check per request, and never an answer that misses a change committed before the request began.
 */
describe('SEC cases opened in a year, across requests (real PostgreSQL or embedded)', () => {
  let database: TestDatabase;
  let cases: SubgraphDataSource;
  const years = createSecCasesYears();
  let opened = 0;

  /** A case of a child of its own, opened in 2025, inserted as the service would (triggers on). */
  const open = async (categories: string[]) => {
    opened += 1;
    await cases.dataSource.query(
      `WITH child AS (
         INSERT INTO cases.child (first_name, date_of_birth, sex, county_code) VALUES ('Count', date '2015-01-01', 'FEMALE', '047') RETURNING id)
       INSERT INTO cases."case" (case_number, child_id, county_code, owner_agency_id, owner_provider_id, categories, risk_level, opened_on)
       SELECT 'KE-047-2025-' || lpad($1::text, 6, '0'), child.id, '047', gen_random_uuid(), gen_random_uuid(), $2::text[], 'LOW', date '2025-03-10'
         FROM child`,
      [opened, categories],
    );
  };
  /** A request's answer for 2025 nationally, and the SQL statements it cost. */
  const request = async () => {
    const { value, statements } = await withStatementCount(cases, () => createSecCasesByYearLoader(cases.dataSource, years).load(2025));
    return { national: value.year.national, statements };
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    cases = await migratedSchema(casesSubgraph, database.url);
    for (let n = 0; n < 6; n += 1) await open(['DEFILEMENT']);
    await open(['NEGLECT']);
  });

  afterAll(async () => {
    if (cases?.dataSource.isInitialized) await cases.dataSource.destroy();
    await database?.drop();
  });

  it('computes a year once and answers the next request with one check', async () => {
    const first = await request();
    expect(first.national).toBe(6);
    expect(first.statements).toBeGreaterThan(1);
    expect(await request()).toEqual({ national: 6, statements: 1 });
  });

  it('counts a case opened since, and one whose categories change', async () => {
    await open(['ONLINE_SEXUAL_EXPLOITATION']);
    expect((await request()).national).toBe(7);
    await cases.dataSource.query(`UPDATE cases."case" SET categories = '{CHILD_MARRIAGE}' WHERE categories = '{NEGLECT}'`);
    expect((await request()).national).toBe(8);
    // A change of what is not counted (the risk level) is not a change of the count.
    await cases.dataSource.query(`UPDATE cases."case" SET risk_level = 'HIGH'`);
    expect(await request()).toEqual({ national: 8, statements: 1 });
  });
});
