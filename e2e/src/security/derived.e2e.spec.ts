import { DEMO_CALLERS, Role, type CallerClaims } from '@kinga/shared';
import { buildClientSchema, getIntrospectionQuery, type IntrospectionQuery } from 'graphql';
import {
  ACCEPTABLE_CODES,
  entityCases,
  injectionCases,
  matchesNothing,
  OTHER_SUBGRAPHS,
  ownedQueryFields,
  type DerivedCase,
} from './cases/derived';
import type { Target } from './cases/types';
import { leaksIn, send } from './run-case';
import { startSystem, type KingaSystem } from '../harness/start-system';

/**
 * The derived half of the security suite (see `cases/derived.ts`): run against every subgraph whose schema
 * exists, so it grows with the system. Cases are built in `beforeAll` from the live schema and the demo data.
 */
const describeIfOthers = OTHER_SUBGRAPHS.length > 0 ? describe : describe.skip;

describeIfOthers('security: derived cases for the cases, referrals and programmes subgraphs', () => {
  let system: KingaSystem;
  const cases: DerivedCase[] = [];
  const tally = new Map<string, { cases: number; passed: number }>();

  beforeAll(async () => {
    system = await startSystem({ subgraphs: ['directory', ...OTHER_SUBGRAPHS], demoData: true });
    const introspection = await system.request<IntrospectionQuery>(getIntrospectionQuery());
    const schema = buildClientSchema(introspection.body.data as IntrospectionQuery);
    for (const name of OTHER_SUBGRAPHS) {
      // The roles that together may ask every query of the subgraph: the data protection officer alone reads
      // audit trails and requests, and searches for a child's cases.
      const worker = name === 'programmes' ? Role.PROGRAMME_OFFICER : Role.DCS_OFFICER;
      for (const role of [worker, Role.DATA_PROTECTION_OFFICER])
        cases.push(...injectionCases(schema, DEMO_CALLERS[role], ownedQueryFields(name)));
    }
    if (OTHER_SUBGRAPHS.includes('cases')) {
      const { body } = await system.request<{ cases: { edges: Array<{ node: { id: string } }> } }>(
        '{ cases(first: 3) { edges { node { id } } } }',
        {},
        system.token(DEMO_CALLERS[Role.DCS_SUPERVISOR]),
      );
      const ids = body.data?.cases.edges.map((e) => e.node.id) ?? [];
      // A failed query would otherwise derive no _entities cases and the suite would pass without them.
      expect(ids).toHaveLength(3);
      cases.push(...entityCases('cases', 'Case', ids));
    }
    if (OTHER_SUBGRAPHS.includes('referrals')) {
      const { body } = await system.request<{ referrals: { edges: Array<{ node: { id: string } }> } }>(
        '{ referrals(first: 3) { edges { node { id } } } }',
        {},
        system.token(DEMO_CALLERS[Role.DCS_OFFICER]),
      );
      const ids = body.data?.referrals.edges.map((e) => e.node.id) ?? [];
      expect(ids).toHaveLength(3);
      cases.push(...entityCases('referrals', 'Referral', ids));
    }
  }, 120_000);

  afterAll(async () => {
    const summary = [...tally.entries()].map(([category, t]) => `${category} ${t.passed}/${t.cases}`).join(', ');
    process.stdout.write(`\nsecurity suite (derived): ${cases.length} cases — ${summary}\n`);
    await system?.stop();
  });

  /** A derived case sent as the hand-written rows are (`send`): to the gateway, or to its subgraph with the gateway secret. */
  const run = (derived: DerivedCase) =>
    send(
      { urls: { gateway: system.gatewayUrl, ...Object.fromEntries(Object.entries(system.subgraphs).map(([name, s]) => [name, s?.url])) } },
      {
        target: derived.subgraph as Target | undefined,
        query: derived.query,
        variables: derived.variables,
        headers: derived.caller ? { authorization: `Bearer ${system.token(derived.caller as CallerClaims)}` } : {},
      },
    );

  it('derives cases from the schemas and the demo data', () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  it('holds against every derived case', async () => {
    const failures: string[] = [];
    /** Per query field, whether some role's hostile string reached its resolver rather than a refusal. */
    const reached = new Map<string, boolean>();
    for (const derived of cases) {
      const entry = tally.get(derived.category) ?? { cases: 0, passed: 0 };
      entry.cases += 1;
      tally.set(derived.category, entry);
      const outcome = await run(derived);
      const data = outcome.data as ({ _entities?: Array<Record<string, unknown> | null> } & Record<string, unknown>) | null | undefined;
      const { codes } = outcome;
      if (derived.field) {
        const refused = codes.some((c) => c === 'FORBIDDEN' || c === 'UNAUTHENTICATED');
        reached.set(derived.field, (reached.get(derived.field) ?? false) || !refused);
      }
      const problems: string[] = [];
      // Sent straight to a subgraph with the gateway secret and a valid token, a 401 would mean the request never
      // reached _entities, so the check below of what it reveals would pass vacuously.
      const statusFits =
        derived.subgraph && derived.caller
          ? outcome.status === 200
          : outcome.status === 200 ||
            (outcome.status === 400 && codes.every((c) => c === 'BAD_USER_INPUT')) ||
            (outcome.status === 401 && codes.every((c) => c === 'UNAUTHENTICATED'));
      if (!statusFits) problems.push(`status ${outcome.status}`);
      const unexpected = codes.filter((c) => !ACCEPTABLE_CODES.includes(c));
      if (unexpected.length) problems.push(`codes ${[...new Set(unexpected)].join(',')}`);
      const leaks = leaksIn(outcome, { variables: derived.variables });
      if (leaks.length) problems.push(`leaks ${leaks.join(', ')}`);
      // A string no record holds matches none: a tautology that worked would answer rows.
      if (derived.field && !matchesNothing(data?.[derived.field])) problems.push(`matched ${JSON.stringify(data?.[derived.field])}`);
      if (derived.withinMs !== undefined && outcome.elapsedMs >= derived.withinMs)
        problems.push(`took ${Math.round(outcome.elapsedMs)} ms`);
      if (derived.subgraph) {
        // A stranger gets nothing about the record but the id they already had.
        for (const entity of data?._entities ?? []) {
          const revealed = Object.entries(entity ?? {}).filter(([key, value]) => key !== 'id' && key !== '__typename' && value !== null);
          if (revealed.length) problems.push(`revealed ${revealed.map(([key]) => key).join(', ')}`);
        }
      }
      const canary = await system.request('{ county(code: "047") { name } }');
      if (canary.status !== 200) problems.push('the system stopped serving');
      if (problems.length) failures.push(`${derived.category} | ${derived.name}: ${problems.join('; ')}`);
      else entry.passed += 1;
    }
    expect(failures).toEqual([]);
    // Every query with a text argument had its strings reach the resolver for some role: a query refused to
    // every role sent would pass every check above without a string reaching SQL.
    expect([...reached.entries()].filter(([, byResolver]) => !byResolver).map(([field]) => field)).toEqual([]);
    expect(reached.size).toBeGreaterThan(10);
  }, 300_000);
});
