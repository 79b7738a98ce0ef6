import { createLogger, DEMO_CALLERS, MAX_STATISTICS_CELLS, Role, startSubgraph, type StartedSubgraph } from '@kinga/shared';
import { createTestDatabase, postGraphql, testEnv, testToken, type TestDatabase } from '@kinga/shared/testing';
import { casesSubgraph } from '../../cases.subgraph';

/**
 * A national table larger than an answer may be: every county, ten years of quarters, each sex and age band
 * (30,080 cells) in the summary the triggers keep. Asked whole it is refused; cut by a filter it is answered.
 */
describe('caseStatistics answer size (real PostgreSQL or embedded)', () => {
  let database: TestDatabase;
  let subgraph: StartedSubgraph;

  beforeAll(async () => {
    database = await createTestDatabase();
    subgraph = await startSubgraph(
      casesSubgraph,
      testEnv(database.url, { GATEWAY_URL: 'http://127.0.0.1:9/graphql' }),
      createLogger('cases', 'silent'),
    );
    await subgraph.database.dataSource.query(
      `INSERT INTO cases.case_statistics_cell (category, county_code, quarter, sex, age_band, n)
         SELECT '*', lpad(county::text, 3, '0'), year || '-Q' || quarter, sex, age_band, 7
           FROM generate_series(1, 47) county, generate_series(2017, 2026) year, generate_series(1, 4) quarter,
                unnest(ARRAY['FEMALE', 'MALE', 'INTERSEX', 'UNKNOWN']) sex, unnest(ARRAY['AGE_0_4', 'AGE_5_9', 'AGE_10_14', 'AGE_15_17']) age_band`,
    );
  });

  afterAll(async () => {
    await subgraph?.stop();
    await database?.drop();
  });

  const STATISTICS = `query S($groupBy: [StatisticsDimension!]!, $filter: CaseStatisticsFilter) {
    caseStatistics(groupBy: $groupBy, filter: $filter) { cells { countyCode count } } }`;
  const ask = async (variables: Record<string, unknown>) =>
    (
      await postGraphql<{ caseStatistics: { cells: unknown[] } }>(subgraph.url, STATISTICS, variables, {
        token: testToken(DEMO_CALLERS[Role.ANALYST]),
      })
    ).body;

  it(`refuses a table of more than ${MAX_STATISTICS_CELLS} cells, saying how to narrow it, and answers it cut by a filter`, async () => {
    const groupBy = ['COUNTY', 'QUARTER', 'SEX', 'AGE_BAND'];
    const whole = await ask({ groupBy });
    expect(whole.data).toBeNull();
    expect(whole.errors?.[0]).toMatchObject({
      message: expect.stringContaining('group by fewer dimensions'),
      extensions: { code: 'BAD_USER_INPUT', field: 'groupBy' },
    });
    const twoCounties = await ask({ groupBy, filter: { counties: ['001', '047'] } });
    expect(twoCounties.errors).toBeUndefined();
    expect(twoCounties.data?.caseStatistics.cells).toHaveLength(2 * 40 * 4 * 4);
    const byCounty = await ask({ groupBy: ['COUNTY', 'QUARTER'] });
    expect(byCounty.data?.caseStatistics.cells).toHaveLength(47 * 40);
  });
});
