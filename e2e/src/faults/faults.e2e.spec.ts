import { existsSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { subgraphSchemaPath } from '@kinga/gateway';
import { DEMO_CALLERS, Role } from '@kinga/shared';
import { postGraphql, TEST_SUBGRAPH_SECRET } from '@kinga/shared/testing';
import { parse } from 'graphql';
import { openFixtureCase, PARTY_POINT } from '../cases/fixtures';
import { startSystem, type KingaSystem } from '../harness/start-system';
import { startProxiedGateway, type ProxiedGateway } from './proxied-gateway';

/**
 * A stand-in second subgraph that extends the directory's County, so a test can take one part of an answer
 * away and see the gateway serve the rest.
 */
const HOTLINES_SDL = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type County @key(fields: "code") {
    code: ID!
    """The county's child helpline desk (nullable: another subgraph's part of the answer)."""
    hotline: String
    """Who staffs it: non-null, so its absence nulls what holds it."""
    desk: String!
  }
`;

async function startHotlinesSubgraph(): Promise<{ url: string; stop(): Promise<void> }> {
  const schema = buildSubgraphSchema({
    typeDefs: parse(HOTLINES_SDL),
    resolvers: {
      County: {
        __resolveReference: (county: { code: string }) => ({ code: county.code, hotline: `116-${county.code}`, desk: 'County desk' }),
      },
    },
  });
  const server = new ApolloServer({ schema });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  return { url, stop: () => server.stop() };
}

const COUNTIES = '{ counties { code name hotline } }';
const TIMEOUT_MS = 500;

interface CountiesResult {
  counties: Array<{ code: string; name: string; hotline: string | null }>;
}

describe('faults: a subgraph that is down or slow', () => {
  let system: KingaSystem;
  let hotlines: { url: string; stop(): Promise<void> };
  let gateway: ProxiedGateway;

  beforeAll(async () => {
    system = await startSystem({ subgraphs: ['directory'] });
    hotlines = await startHotlinesSubgraph();
    gateway = await startProxiedGateway(system, {
      env: { SUBGRAPH_TIMEOUT_MS: String(TIMEOUT_MS) },
      extraSubgraphs: [{ name: 'hotlines', url: hotlines.url, sdl: HOTLINES_SDL }],
    });
  });
  afterEach(() => {
    for (const proxy of Object.values(gateway.proxies)) proxy.mode = { kind: 'forward' };
  });
  afterAll(async () => {
    await gateway?.stop();
    await hotlines?.stop();
    await system?.stop();
  });

  const query = () => postGraphql<CountiesResult>(gateway.url, COUNTIES, {}, { gatewaySecret: null });

  it('refuses a request over GATEWAY_MAX_IN_FLIGHT at once with 503 OVERLOADED, without calling a subgraph, and serves the others', async () => {
    // A second gateway over the same subgraphs, taking two requests at a time.
    const twoAtATime = await startProxiedGateway(system, {
      env: { GATEWAY_MAX_IN_FLIGHT: '2' },
      extraSubgraphs: [{ name: 'hotlines', url: hotlines.url, sdl: HOTLINES_SDL }],
    });
    try {
      // Held long enough that a slow machine still sends the third request while the two are in flight.
      twoAtATime.proxies.hotlines.mode = { kind: 'slow', delayMs: 2000 };
      const ask = () => postGraphql<CountiesResult>(twoAtATime.url, COUNTIES, {}, { gatewaySecret: null });
      const admitted = [ask(), ask()];
      while (twoAtATime.proxies.hotlines.requests < 2) await new Promise((resolve) => setTimeout(resolve, 5));
      const before = twoAtATime.subgraphRequests();
      const started = Date.now();
      const refused = await ask();
      // At once: well before the two admitted ones are answered.
      expect(Date.now() - started).toBeLessThan(1500);
      expect(refused.status).toBe(503);
      expect(refused.body.errors?.[0].extensions).toEqual({ code: 'OVERLOADED', retryAfter: 1 });
      expect(twoAtATime.subgraphRequests()).toBe(before);
      for (const answer of await Promise.all(admitted)) {
        expect(answer.status).toBe(200);
        expect(answer.body.data?.counties[0]).toEqual({ code: '001', name: 'Mombasa', hotline: '116-001' });
      }
      twoAtATime.proxies.hotlines.mode = { kind: 'forward' };
      expect((await ask()).status).toBe(200);
    } finally {
      await twoAtATime.stop();
    }
  });

  it('lets no trickling body hold a request slot, and bounds the bodies being received apart', async () => {
    // Two requests at a time, so four bodies received at a time.
    const twoAtATime = await startProxiedGateway(system, {
      env: { GATEWAY_MAX_IN_FLIGHT: '2' },
      extraSubgraphs: [{ name: 'hotlines', url: hotlines.url, sdl: HOTLINES_SDL }],
    });
    const { hostname, port } = new URL(twoAtATime.url);
    const tricklers: Socket[] = [];
    const trickle = async () => {
      const socket = connect(Number(port), hostname);
      tricklers.push(socket);
      await new Promise((resolve) => socket.once('connect', resolve));
      socket.write(
        `POST /graphql HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: application/json\r\nContent-Length: 10000\r\n\r\n{"query":`,
      );
      await new Promise((resolve) => setTimeout(resolve, 50));
    };
    const ask = () => postGraphql<CountiesResult>(twoAtATime.url, COUNTIES, {}, { gatewaySecret: null });
    try {
      // Three trickling bodies, more than the two requests worked on at once: a whole request is still served.
      for (let i = 0; i < 3; i += 1) await trickle();
      const served = await ask();
      expect(served.status).toBe(200);
      expect(served.body.data?.counties).toHaveLength(47);
      // A fourth fills the bodies that may be received at once: the next request is turned away, not buffered.
      await trickle();
      const refused = await ask();
      expect(refused.status).toBe(503);
      expect(refused.body.errors?.[0].extensions).toEqual({ code: 'OVERLOADED', retryAfter: 1 });
    } finally {
      for (const socket of tricklers) socket.destroy();
      await twoAtATime.stop();
    }
  });

  it('serves both parts when both subgraphs answer', async () => {
    const { status, body } = await query();
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data?.counties).toHaveLength(47);
    expect(body.data?.counties[0]).toEqual({ code: '001', name: 'Mombasa', hotline: '116-001' });
  });

  it('answers what the directory can when the other subgraph is down, naming the missing part', async () => {
    gateway.proxies.hotlines.mode = { kind: 'down' };
    const { status, body } = await query();
    expect(status).toBe(200);
    expect(body.data?.counties).toHaveLength(47);
    expect(body.data?.counties[0]).toEqual({ code: '001', name: 'Mombasa', hotline: null });
    expect(body.errors).toEqual([
      {
        message: 'The hotlines service cannot be reached; the fields it serves are missing from this answer. Try again shortly.',
        extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'hotlines' },
      },
    ]);
    expect(JSON.stringify(body)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|fetch failed|stack/i);
  });

  it('answers within the timeout when the other subgraph is slow', async () => {
    gateway.proxies.hotlines.mode = { kind: 'slow', delayMs: 5_000 };
    const started = Date.now();
    const { status, body } = await query();
    const elapsed = Date.now() - started;
    expect(status).toBe(200);
    expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(elapsed).toBeLessThan(TIMEOUT_MS + 1_500);
    expect(body.data?.counties[46]).toEqual({ code: '047', name: 'Nairobi', hotline: null });
    expect(body.errors?.[0]).toEqual({
      message: `The hotlines service did not answer within ${TIMEOUT_MS} ms; the fields it serves are missing from this answer. Try again shortly.`,
      extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'hotlines' },
    });
  });

  describe('a write made before part of its answer failed', () => {
    const UPDATE = `mutation($input: UpdateServiceProviderInput!) { updateServiceProvider(input: $input) { serviceProvider { id phone county { desk } } } }`;
    const admin = () => system.token(DEMO_CALLERS[Role.DIRECTORY_ADMIN]);
    let providerId: string;
    beforeAll(async () => {
      const agency = await postGraphql<{ createAgency: { agency: { id: string } } }>(
        gateway.url,
        `mutation($input: CreateAgencyInput!) { createAgency(input: $input) { agency { id } } }`,
        { input: { name: `Faults Agency ${Date.now()}`, type: 'NGO' } },
        { token: admin(), gatewaySecret: null },
      );
      const agencyId = agency.body.data!.createAgency.agency.id;
      const created = await postGraphql<{ createServiceProvider: { serviceProvider: { id: string } } }>(
        gateway.url,
        `mutation($input: CreateServiceProviderInput!) { createServiceProvider(input: $input) { serviceProvider { id } } }`,
        {
          input: {
            agencyId,
            name: 'Faults Helpdesk',
            type: 'HELPLINE',
            countyCode: '019',
            services: ['PSYCHOSOCIAL_SUPPORT'],
            openingHours: { open24Hours: true },
          },
        },
        { token: admin(), gatewaySecret: null },
      );
      if (!created.body.data) throw new Error(JSON.stringify(created.body.errors));
      providerId = created.body.data.createServiceProvider.serviceProvider.id;
    });
    const phoneNow = async () =>
      (
        await system.subgraphs.directory!.database.dataSource.query(`SELECT phone FROM directory.service_provider WHERE id = $1`, [
          providerId,
        ])
      )[0].phone as string;
    const update = (phone: string) =>
      postGraphql<{ updateServiceProvider: unknown }>(
        gateway.url,
        UPDATE,
        { input: { id: providerId, phone } },
        { token: admin(), gatewaySecret: null },
      );

    it('says the change was saved when another subgraph could not answer for its part, even where that nulls the whole answer', async () => {
      gateway.proxies.hotlines.mode = { kind: 'down' };
      const { status, body } = await update('0700111001');
      expect(status).toBe(200);
      // The desk is non-null: its absence nulls the county, the provider and the payload, so no data says it was made.
      expect(body.data).toBeNull();
      expect(body.errors).toEqual([
        {
          message:
            'The change was saved, but the hotlines service could not answer for part of what it shows, so that part is missing. Read the record again; do not send the change again.',
          extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'hotlines', outcome: 'SAVED' },
        },
      ]);
      expect(await phoneNow()).toBe('0700111001');
    });

    it('says a write answered with a failure of its own may have been made, as when its answer never came', async () => {
      gateway.proxies.directory.mode = { kind: 'failsAfter', status: 502 };
      const { body } = await update('0700111002');
      expect(body.errors?.[0].extensions).toEqual({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'directory', outcome: 'UNKNOWN' });
      expect(body.errors?.[0].message).toMatch(/whether this change was made is not known: look for it before you send it again/);
      expect(await phoneNow()).toBe('0700111002');
      // A read answered so is not a write: try again.
      const read = await postGraphql<CountiesResult>(gateway.url, COUNTIES, {}, { gatewaySecret: null });
      expect(read.body.errors?.[0].extensions).toEqual({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'directory' });
    });
  });

  it('tells a client whose write timed out that it may have been made, and to look before sending it again', async () => {
    gateway.proxies.directory.mode = { kind: 'slow', delayMs: TIMEOUT_MS + 300 };
    const admin = system.token(DEMO_CALLERS[Role.DIRECTORY_ADMIN]);
    const name = `Late Answer Helpdesk ${Date.now()}`;
    const { status, body } = await postGraphql(
      gateway.url,
      'mutation($input: CreateAgencyInput!) { createAgency(input: $input) { agency { id } } }',
      { input: { name, type: 'NGO' } },
      { token: admin, gatewaySecret: null },
    );
    expect(status).toBe(200);
    expect(body.errors?.[0]).toEqual({
      message: `The directory service did not answer within ${TIMEOUT_MS} ms, so whether this change was made is not known: look for it before you send it again, or send it again with the same idempotency key where it takes one.`,
      extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'directory', outcome: 'UNKNOWN' },
    });
    // And it was made: the subgraph finished the write after the gateway had stopped waiting.
    gateway.proxies.directory.mode = { kind: 'forward' };
    const agencyNames = async () =>
      (
        await postGraphql<{ agencies: { edges: Array<{ node: { name: string } }> } }>(
          gateway.url,
          '{ agencies(first: 100) { edges { node { name } } } }',
          {},
          { gatewaySecret: null },
        )
      ).body.data?.agencies.edges.map((e) => e.node.name) ?? [];
    // However slowly the subgraph commits on a busy machine: asked again for up to ten seconds.
    let names = await agencyNames();
    for (let waited = 0; !names.includes(name) && waited < 10_000; waited += 200) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      names = await agencyNames();
    }
    expect(names).toContain(name);
  });

  it('serves the part again as soon as the subgraph is back, without restarting the gateway', async () => {
    gateway.proxies.hotlines.mode = { kind: 'down' };
    expect((await query()).body.errors?.[0].extensions?.code).toBe('SUBGRAPH_UNAVAILABLE');
    gateway.proxies.hotlines.mode = { kind: 'forward' };
    const { body } = await query();
    expect(body.errors).toBeUndefined();
    expect(body.data?.counties[0].hotline).toBe('116-001');
  });

  it('names the subgraph when the root of the answer is missing', async () => {
    gateway.proxies.directory.mode = { kind: 'down' };
    const { status, body } = await query();
    expect(status).toBe(200);
    expect(body.data).toBeNull();
    expect(body.errors?.[0].extensions).toEqual({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'directory' });
  });
});

describe('faults: a gateway whose SUBGRAPH_SECRET differs from the subgraphs’', () => {
  let system: KingaSystem;
  let gateway: ProxiedGateway;

  beforeAll(async () => {
    system = await startSystem({ subgraphs: ['directory'] });
    gateway = await startProxiedGateway(system, { env: { SUBGRAPH_SECRET: 'a-different-secret-0123456789abcdef' } });
  });
  afterAll(async () => {
    await gateway?.stop();
    await system?.stop();
  });

  it('reports the subgraph unavailable (its own misconfiguration), not the caller unauthenticated', async () => {
    const { status, body } = await postGraphql(gateway.url, '{ counties { code } }', {}, { gatewaySecret: null });
    expect(status).toBe(200);
    expect(body.errors).toEqual([
      {
        message: 'The directory service failed to answer; the fields it serves are missing from this answer. Try again shortly.',
        extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'directory' },
      },
    ]);
  });

  it('serves the subgraph once given that subgraph’s own secret (DIRECTORY_SUBGRAPH_SECRET), whatever the shared one', async () => {
    const own = await startProxiedGateway(system, {
      env: { SUBGRAPH_SECRET: 'a-different-secret-0123456789abcdef', DIRECTORY_SUBGRAPH_SECRET: TEST_SUBGRAPH_SECRET },
    });
    try {
      const { status, body } = await postGraphql<{ counties: unknown[] }>(own.url, '{ counties { code } }', {}, { gatewaySecret: null });
      expect(status).toBe(200);
      expect(body.errors).toBeUndefined();
      expect(body.data?.counties).toHaveLength(47);
    } finally {
      await own.stop();
    }
  });
});

describe('faults: a subgraph process stopped and restarted on the same port', () => {
  let system: KingaSystem;

  beforeAll(async () => {
    system = await startSystem({ subgraphs: ['directory'] });
  });
  afterAll(() => system?.stop());

  it('is reported unavailable while stopped and served again once restarted, by the same gateway', async () => {
    const port = system.subgraphs.directory?.port;
    expect((await system.request('{ counties { code } }')).status).toBe(200);

    await system.stopSubgraph('directory');
    const down = await system.request('{ county(code: "047") { name } }');
    expect(down.status).toBe(200);
    expect(down.body.errors?.[0].extensions).toEqual({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'directory' });

    const restarted = await system.restartSubgraph('directory');
    expect(restarted.port).toBe(port);
    const up = await system.request<{ county: { name: string } }>('{ county(code: "047") { name } }');
    expect(up.body).toEqual({ data: { county: { name: 'Nairobi' } } });
  });
});

describe('/health and /ready', () => {
  let system: KingaSystem;

  beforeAll(async () => {
    system = await startSystem({ subgraphs: ['directory'] });
  });
  afterAll(() => system?.stop());

  const get = async (url: string, path: string) => {
    const response = await fetch(url.replace(/\/graphql$/, path));
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('the gateway is alive and ready once its supergraph is loaded', async () => {
    expect(await get(system.gatewayUrl, '/health')).toEqual({ status: 200, body: { status: 'ok', service: 'gateway' } });
    expect(await get(system.gatewayUrl, '/ready')).toEqual({ status: 200, body: { status: 'ready', service: 'gateway' } });
  });

  it('a subgraph is ready when its database answers and its migrations are applied, and says so when not', async () => {
    const directory = system.subgraphs.directory;
    if (!directory) throw new Error('directory not started');
    expect(await get(directory.url, '/health')).toEqual({ status: 200, body: { status: 'ok', service: 'directory' } });
    expect(await get(directory.url, '/ready')).toEqual({ status: 200, body: { status: 'ready', service: 'directory' } });

    await directory.database.dataSource.destroy();
    try {
      expect(await get(directory.url, '/health')).toEqual({ status: 200, body: { status: 'ok', service: 'directory' } });
      expect(await get(directory.url, '/ready')).toEqual({ status: 503, body: { status: 'database unreachable', service: 'directory' } });
    } finally {
      await directory.database.dataSource.initialize();
    }
    expect((await get(directory.url, '/ready')).status).toBe(200);
  });

  it('/health and /ready need neither a token nor the gateway secret', async () => {
    const directory = system.subgraphs.directory;
    const response = await fetch((directory?.url ?? '').replace(/\/graphql$/, '/ready'));
    expect(response.status).toBe(200);
  });
});

const WHOLE_SYSTEM = ['cases', 'referrals'].every((name) => existsSync(subgraphSchemaPath(name)));

(WHOLE_SYSTEM ? describe : describe.skip)('faults: the referrals subgraph down under the whole system', () => {
  let system: KingaSystem;

  beforeAll(async () => {
    system = await startSystem({ demoData: true });
  }, 120_000);
  afterAll(() => system?.stop());

  const QUERY =
    '{ county(code: "047") { name } cases(first: 2) { edges { node { id caseNumber status referrals(first: 1) { totalCount } } } } }';
  const POLICE_QUEUE = '{ referrals(first: 20, filter: { direction: INCOMING }) { edges { node { case { id caseNumber } } } } }';
  const CASE = 'query($id: ID!) { case(id: $id) { id caseNumber } }';

  it('serves the directory and an officer’s own cases, withholds what depends on referral data (fail closed), and names referrals', async () => {
    const officer = system.token(DEMO_CALLERS[Role.DCS_OFFICER]);
    const police = system.token(DEMO_CALLERS[Role.POLICE_CPU]);
    const before = await system.request<{ cases: { edges: Array<{ node: { caseNumber: string | null } }> } }>(QUERY, {}, officer);
    expect(before.body.errors).toBeUndefined();
    expect(before.body.data?.cases.edges[0].node.caseNumber).toMatch(/^KE-047-/);
    // A case the police unit sees only as a party to its referral (with a consent that covers it).
    const queue = await system.request<{ referrals: { edges: Array<{ node: { case: { id: string; caseNumber: string | null } } }> } }>(
      POLICE_QUEUE,
      {},
      police,
    );
    const referred = queue.body.data?.referrals.edges.map(({ node }) => node.case).find((c) => c.caseNumber !== null);
    if (!referred) throw new Error('the demo police unit should see the number of at least one referred case');
    expect((await system.request(CASE, { id: referred.id }, police)).body).toEqual({ data: { case: referred } });

    await system.stopSubgraph('referrals');
    const down = await system.request<{
      county: { name: string };
      cases: { edges: Array<{ node: { id: string; caseNumber: string | null; referrals: unknown } }> };
    }>(QUERY, {}, officer);
    expect(down.status).toBe(200);
    expect(down.body.data?.county).toEqual({ name: 'Nairobi' });
    // The officer's agency owns these cases: ownership decides, so no referral data is needed to release them.
    expect(down.body.data?.cases.edges).toHaveLength(2);
    for (const [index, { node }] of (down.body.data?.cases.edges ?? []).entries()) {
      const { referrals: _referrals, ...fields } = before.body.data?.cases.edges[index].node as typeof node;
      expect(node).toEqual({ ...fields, referrals: null });
    }
    expect(down.body.errors?.map((e) => e.extensions)).toEqual([{ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'referrals' }]);
    // Whether the police unit is party to a referral of the case is referral data: without it, nothing is released.
    const policeDown = await system.request<{ case: { id: string; caseNumber: string | null } | null }>(CASE, { id: referred.id }, police);
    expect(policeDown.body.data?.case).toEqual({ id: referred.id, caseNumber: null });
    // Withheld without a decision by the cases subgraph: the parties it would decide with never arrived.
    expect(policeDown.body.errors?.map((e) => e.extensions)).toEqual([{ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'referrals' }]);

    await system.restartSubgraph('referrals');
    const back = await system.request(QUERY, {}, officer);
    expect(back.body).toEqual(before.body);
    expect((await system.request(CASE, { id: referred.id }, police)).body).toEqual({ data: { case: referred } });
  });

  it('refuses a referral whose providers cannot be checked as retryable, saving nothing, and sends it on the retry', async () => {
    const officer = system.token(DEMO_CALLERS[Role.DCS_OFFICER]);
    const { id: caseId } = await openFixtureCase(system);
    const REFER = `mutation Refer($key: String!, $input: CreateReferralInput!) {
      createReferral(idempotencyKey: $key, input: $input) { referral { id status } } }`;
    const to = PARTY_POINT[Role.POLICE_CPU];
    const variables = {
      key: `faults-directory-down-${caseId}`,
      input: { caseId, toProviderId: to.providerId, serviceRequested: to.service, urgency: 'EMERGENCY', reason: 'Fault test (invented)' },
    };
    const referralsOfCase = async () =>
      (
        await system.subgraphs.referrals!.database.dataSource.query(
          `SELECT count(*)::int AS n FROM referrals.referral WHERE case_id = $1`,
          [caseId],
        )
      )[0].n;

    await system.stopSubgraph('directory');
    const down = await system.request<{ createReferral: unknown }>(REFER, variables, officer);
    expect(down.body.data?.createReferral ?? null).toBeNull();
    // Not "there is no such provider": the referrals service (serviceName, set by the gateway) could not check it,
    // because the directory (unavailableService) did not answer; the client may send the same request again.
    expect(down.body.errors?.map((e) => e.extensions)).toEqual([
      { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'referrals', unavailableService: 'directory', retryable: true },
    ]);
    expect(down.body.errors?.[0].message).toMatch(/^The directory service could not be reached.*nothing was saved/);
    expect(await referralsOfCase()).toBe(0);

    // A consent naming an agency cannot be checked either: refused as retryable, nothing saved.
    const consentDown = await system.request<{ recordConsent: unknown }>(
      `mutation Consent($input: RecordConsentInput!) { recordConsent(input: $input) { consent { id } } }`,
      { input: { caseId, basis: 'CAREGIVER', agencyIds: [to.agencyId], tiers: ['OPERATIONAL'], purpose: 'Fault test (invented)' } },
      officer,
    );
    expect(consentDown.body.errors?.map((e) => e.extensions)).toEqual([
      { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'cases', unavailableService: 'directory', retryable: true },
    ]);
    const [{ consents }] = (await system.subgraphs.cases!.database.dataSource.query(
      `SELECT count(*)::int AS consents FROM cases.consent WHERE case_id = $1`,
      [caseId],
    )) as Array<{ consents: number }>;
    expect(consents).toBe(0);

    await system.restartSubgraph('directory');
    const sent = await system.request<{ createReferral: { referral: { status: string } } }>(REFER, variables, officer);
    expect(sent.body.errors).toBeUndefined();
    expect(sent.body.data?.createReferral.referral.status).toBe('SENT');
    expect(await referralsOfCase()).toBe(1);
  });
});
