import { createLogger, createSubgraphDataSource, initialiseDatabase, type SubgraphDataSource } from '@kinga/shared';
import { createTestDatabase, type TestDatabase } from '@kinga/shared/testing';
import { casesSubgraph } from '../../cases.subgraph';
import { DATA_SUBJECT_CASES } from './subject-search.service';

/**
 * A data protection officer's search must not read every child of the country: with enough children that a scan
 * costs the planner more than the indexes, the search by certificate and by names each reads the child's index.
 */
describe('dataSubjectCases at scale (real PostgreSQL or embedded)', () => {
  let database: TestDatabase;
  let cases: SubgraphDataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    cases = createSubgraphDataSource({
      schema: 'cases',
      url: database.url,
      entities: casesSubgraph.entities,
      migrations: casesSubgraph.migrations,
      poolSize: 2,
      logger: createLogger('cases', 'silent'),
    });
    await initialiseDatabase(cases);
    await cases.dataSource.query(
      `INSERT INTO cases.child (first_name, last_name, date_of_birth, sex, county_code, birth_certificate_number)
         SELECT 'Child' || n, 'Family' || (n % 5000), date '2015-01-01' + (n % 3000), 'FEMALE', '047', 'BC' || n
           FROM generate_series(1, 30000) n`,
    );
    // A case per child, as in the country; the statistics the triggers keep are not what this test reads.
    await cases.dataSource.query(`ALTER TABLE cases."case" DISABLE TRIGGER USER`);
    await cases.dataSource.query(
      `INSERT INTO cases."case" (case_number, child_id, county_code, owner_agency_id, owner_provider_id, categories, risk_level, opened_on)
         SELECT 'KE-047-2026-' || lpad(row_number() OVER ()::text, 6, '0'), id, '047', gen_random_uuid(), gen_random_uuid(), '{NEGLECT}', 'LOW', date '2026-01-01'
           FROM cases.child`,
    );
    await cases.dataSource.query(`ALTER TABLE cases."case" ENABLE TRIGGER USER`);
    await cases.dataSource.query(`ANALYZE cases.child`);
    await cases.dataSource.query(`ANALYZE cases."case"`);
  });

  afterAll(async () => {
    if (cases?.dataSource.isInitialized) await cases.dataSource.destroy();
    await database?.drop();
  });

  async function planOf(parameters: unknown[]): Promise<string> {
    const rows = (await cases.dataSource.query(`EXPLAIN ${DATA_SUBJECT_CASES}`, parameters)) as Array<{ 'QUERY PLAN': string }>;
    return rows.map((row) => row['QUERY PLAN']).join('\n');
  }

  it.each([
    ['a birth certificate number', ['bc1234', null, null, null]],
    ['names and a date of birth', [null, 'child5678', 'FAMILY678', '2022-05-02']],
  ])('finds a child by %s through the index, without reading every child', async (_by, parameters) => {
    const plan = await planOf(parameters);
    expect(plan).not.toMatch(/Seq Scan on child/);
    expect(plan).toMatch(/child_birth_certificate_idx|child_names_idx/);
    const [found] = (await cases.dataSource.query(DATA_SUBJECT_CASES, parameters)) as Array<{ caseNumber: string }>;
    expect(found).toBeDefined();
  });
});
