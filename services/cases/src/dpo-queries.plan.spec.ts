import type { SubgraphDataSource } from '@kinga/shared';
import { createTestDatabase, migratedSchema, planOf, type TestDatabase } from '@kinga/shared/testing';
import { casesSubgraph } from './cases.subgraph';
import { CASES_OF_A_RECORD } from './modules/audit/audit-trail';
import { DATA_SUBJECT_CASES } from './modules/subject-search/subject-search.service';

/**
 * A data protection officer's (or supervisor's) questions must not read every child or case of the country:
 * with enough of them that a scan costs the planner more than the indexes, the search for a child's cases and
 * the lookup of the cases an audited record belongs to each read an index.
 */
describe("the DPO's queries at scale (real PostgreSQL or embedded)", () => {
  let database: TestDatabase;
  let cases: SubgraphDataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    cases = await migratedSchema(casesSubgraph, database.url);
    await cases.dataSource.query(
      `INSERT INTO cases.child (first_name, last_name, date_of_birth, sex, county_code, birth_certificate_number)
         SELECT 'Child' || n, 'Family' || (n % 5000), date '2015-01-01' + (n % 3000), 'FEMALE', '047', 'BC' || n
           FROM generate_series(1, 30000) n`,
    );
    // Some children gave a first name only.
    await cases.dataSource.query(`UPDATE cases.child SET last_name = NULL WHERE first_name LIKE '%7'`);
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

  it.each([
    ['a birth certificate number', ['bc1234', null, null, null, true], /child_birth_certificate_idx/],
    ['names and a date of birth', [null, 'child5678', 'FAMILY678', '2022-05-02', true], /child_names_idx/],
    ['a first name only and a date of birth', [null, 'child5677', 'Family677', '2022-05-01', true], /child_first_name_only_idx/],
  ])('finds a child by %s through the index, without reading every child', async (_by, parameters, index) => {
    const plan = await planOf(cases, DATA_SUBJECT_CASES, parameters);
    expect(plan).not.toMatch(/Seq Scan on child/);
    expect(plan).toMatch(index);
    const [found] = (await cases.dataSource.query(DATA_SUBJECT_CASES, parameters)) as Array<{ caseNumber: string }>;
    expect(found).toBeDefined();
  });

  it('finds the cases of an audited record, whichever kind of record it names, through indexes', async () => {
    const [record] = (await cases.dataSource.query(`SELECT id, child_id FROM cases."case" ORDER BY case_number LIMIT 1`)) as Array<{
      id: string;
      child_id: string;
    }>;
    for (const id of [record.id, record.child_id]) {
      expect(await planOf(cases, CASES_OF_A_RECORD, [id])).not.toMatch(/Seq Scan on "case"/);
      expect(await cases.dataSource.query(CASES_OF_A_RECORD, [id])).toEqual([
        { id: record.id, county_code: '047', child_id: record.child_id },
      ]);
    }
  });
});
