import { MAX_ENTITY_REPRESENTATIONS } from '@kinga/shared';
import { postGraphql } from '@kinga/shared/testing';
import { startProxiedGateway, type ProxiedGateway } from '../faults/proxied-gateway';
import { startSystem, type KingaSystem } from '../harness/start-system';

const PROVIDERS = `query Providers($first: Int) {
  serviceProviders(first: $first) {
    totalCount
    edges { node { id name agency { name } county { code name } openingHours { open24Hours weekly { day opens closes } } } }
  }
}`;

describe('operation limits at the gateway', () => {
  let system: KingaSystem;
  let gateway: ProxiedGateway;
  let strict: ProxiedGateway;

  beforeAll(async () => {
    system = await startSystem({ subgraphs: ['directory'], demoData: true });
    gateway = await startProxiedGateway(system);
    // The same gateway with limits just under what PROVIDERS needs: proves each limit is what refuses it.
    strict = await startProxiedGateway(system, { limits: { maxDepth: 5, maxAliases: 1, maxDirectives: 1, maxTokens: 30, maxCost: 50 } });
  });
  afterAll(async () => {
    await strict?.stop();
    await gateway?.stop();
    await system?.stop();
  });

  /** Posts and returns status, body and how many requests reached a subgraph meanwhile. */
  async function send(target: ProxiedGateway, query: string, variables: Record<string, unknown> = {}) {
    const before = target.subgraphRequests();
    const { status, body } = await postGraphql(target.url, query, variables, { gatewaySecret: null });
    return { status, body, subgraphCalls: target.subgraphRequests() - before };
  }

  it('serves the documented providers query, with a full page', async () => {
    const { status, body, subgraphCalls } = await send(gateway, PROVIDERS, { first: 100 });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(subgraphCalls).toBeGreaterThan(0);
  });

  it.each([
    ['depth', `query { serviceProviders { edges { node { openingHours { weekly { day } } } } } }`, /depth limit of 5 exceeded/],
    ['aliases', `{ a: counties { code } b: counties { code } }`, /Aliases limit of 1 exceeded/],
    ['directives', `{ counties { code @include(if: true) name @skip(if: false) } }`, /Directives limit of 1 exceeded/],
    ['tokens', PROVIDERS, /Token limit of 30 exceeded/],
    [
      'cost',
      `{ serviceProviders(first: 10) { edges { node { id name phone email address subCounty capacity active } } } }`,
      /Query Cost limit of 50 exceeded/,
    ],
  ])('refuses an operation over the %s limit with 400 before any subgraph is called', async (_limit, query, message) => {
    const { status, body, subgraphCalls } = await send(strict, query);
    expect(status).toBe(400);
    expect(body.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(body.errors?.map((e) => e.message).join(' ')).toMatch(message);
    expect(subgraphCalls).toBe(0);
  });

  it.each([
    ['a literal', `{ agencies(first: 101) { totalCount } }`, {}],
    ['a variable', `query($n: Int) { agencies(first: $n) { totalCount } }`, { n: 5000 }],
    ['a variable default', `query($n: Int = 1000) { agencies(first: $n) { totalCount } }`, {}],
  ])('refuses `first` over 100 given as %s with 400 BAD_USER_INPUT before any subgraph is called', async (_how, query, variables) => {
    const { status, body, subgraphCalls } = await send(gateway, query, variables);
    expect(status).toBe(400);
    expect(body.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'first' });
    expect(subgraphCalls).toBe(0);
  });

  it('refuses pages whose answer could hold more than 10,000 values, `first` given as a variable, with 400 before any subgraph is called', async () => {
    // graphql-armor's cost rule counts a `first` it cannot read (a variable) as 1: thirty aliased pages of 100 pass it.
    const pages = `query($n: Int) { ${Array.from(
      { length: 30 },
      (_, i) => `p${i}: serviceProviders(first: $n) { edges { node { id name phone email agency { name } county { name } } } }`,
    ).join(' ')} }`;
    const { status, body, subgraphCalls } = await send(gateway, pages, { n: 100 });
    expect(status).toBe(400);
    expect(body.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'first' });
    expect(body.errors?.[0].message).toMatch(/more than the 10000 one request may/);
    expect(subgraphCalls).toBe(0);
    const small = await send(gateway, pages, { n: 5 });
    expect(small.status).toBe(200);
    expect(small.body.errors).toBeUndefined();
  });

  it('counts what a plain list can hold, not one of it: two full pages of providers with their weeks are refused', async () => {
    // A week is up to 21 opening windows: one page of 100 providers with theirs fits, two do not. Counted as
    // one window each, as before, even thirty such pages would have passed.
    const pages = (n: number) =>
      `query($n: Int) { ${Array.from({ length: n }, (_, i) => `p${i}: serviceProviders(first: $n) { edges { node { id openingHours { weekly { day opens closes } } } } }`).join(' ')} }`;
    const one = await send(gateway, pages(1), { n: 100 });
    expect(one.status).toBe(200);
    expect(one.body.errors).toBeUndefined();
    const two = await send(gateway, pages(2), { n: 100 });
    expect(two.status).toBe(400);
    expect(two.body.errors?.[0].message).toMatch(/could answer with \d+ values, more than the 10000/);
    expect(two.subgraphCalls).toBe(0);
  });

  it('hides field suggestions', async () => {
    const { status, body } = await send(gateway, `{ countie { code } }`);
    expect(status).toBe(400);
    expect(body.errors?.[0].message).toBe('Cannot query field "countie" on type "Query".');
  });

  it('refuses a batched array with 400', async () => {
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ counties { code } }' }, { query: '{ counties { name } }' }]),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ errors: [{ message: 'Operation batching disabled.', extensions: { code: 'BAD_REQUEST' } }] });
  });

  describe('at the subgraph', () => {
    const entities = (count: number) => ({
      representations: Array.from({ length: count }, (_, i) => ({ __typename: 'County', code: String((i % 47) + 1).padStart(3, '0') })),
    });
    const ENTITIES = `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on County { code name } } }`;

    // 20 cases with 20 referrals each ask the directory for 400 providers, duplicates included.
    it(`resolves ${MAX_ENTITY_REPRESENTATIONS} representations in one \`_entities\` call`, async () => {
      const { status, body } = await postGraphql(system.subgraphs.directory?.url as string, ENTITIES, entities(MAX_ENTITY_REPRESENTATIONS));
      expect(status).toBe(200);
      expect((body.data as { _entities: unknown[] })._entities).toHaveLength(MAX_ENTITY_REPRESENTATIONS);
    });

    it('refuses one representation more with BAD_USER_INPUT and runs no SQL', async () => {
      const before = system.sqlStatements().directory;
      const { status, body } = await postGraphql(
        system.subgraphs.directory?.url as string,
        ENTITIES,
        entities(MAX_ENTITY_REPRESENTATIONS + 1),
      );
      expect(status).toBe(400);
      expect(body.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'representations' });
      expect(system.sqlStatements().directory).toBe(before);
    });

    it('keeps its own, looser depth limit', async () => {
      const deep = `{ ${'a { '.repeat(20)}b${' }'.repeat(20)} }`;
      const { status, body } = await postGraphql(system.subgraphs.directory?.url as string, deep);
      expect(status).toBe(400);
      expect(body.errors?.map((e) => e.message).join(' ')).toMatch(/depth limit of 20 exceeded/);
    });
  });
});
