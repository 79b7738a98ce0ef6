import { DEMO_CALLERS, Role } from '@kinga/shared';
import { countSqlStatements, startSystem, type KingaSystem } from '../harness/start-system';

const LIST = `query CasePage($first: Int!) {
  cases(first: $first, filter: { county: "047" }) {
    totalCount
    edges { node { id caseNumber status categories
      child { initials ageBand firstName lastName caregivers { name relationship phone } }
      consents { basis agencyTypes tiers active } } }
  }
}`;

describe('the cost of listing cases through the gateway', () => {
  let system: KingaSystem;
  beforeAll(async () => {
    system = await startSystem({ subgraphs: ['directory', 'cases', 'referrals'], demoData: true });
  }, 120_000);
  afterAll(() => system?.stop());

  it('runs the same number of SQL statements per subgraph for 5 and for 100 cases with child, caregivers and consents', async () => {
    const token = system.token(DEMO_CALLERS[Role.DCS_SUPERVISOR]);
    const run = (first: number) =>
      countSqlStatements(system, async () => {
        const { body } = await system.request<{ cases: { edges: unknown[] } }>(LIST, { first }, token);
        expect(body.errors).toBeUndefined();
        expect(body.data?.cases.edges).toHaveLength(first);
      });
    await run(5); // warm-up: the first request of a process prepares what later ones reuse
    const small = await run(5);
    const large = await run(100);
    expect(large).toEqual(small);
    // cases: count + page, then the entity fetch: cases by id, consents, child, caregivers; referrals: one.
    expect(small.cases).toBeLessThanOrEqual(7);
    expect(small.referrals).toBeLessThanOrEqual(1);
    console.warn(`SQL statements for 5 cases: ${JSON.stringify(small)}; for 100 cases: ${JSON.stringify(large)}`);
  });
});
