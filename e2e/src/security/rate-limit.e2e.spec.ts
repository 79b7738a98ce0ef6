import { DEMO_AGENCIES, demoAgencyId, Role } from '@kinga/shared';
import { postGraphql } from '@kinga/shared/testing';
import { startProxiedGateway, type ProxiedGateway } from '../faults/proxied-gateway';
import { startSystem, type KingaSystem } from '../harness/start-system';

const QUERY = '{ counties { code } }';

describe('rate limiting per caller at the gateway', () => {
  let system: KingaSystem;
  let gateway: ProxiedGateway;

  beforeAll(async () => {
    system = await startSystem({ subgraphs: ['directory'] });
    gateway = await startProxiedGateway(system, {
      env: { RATE_LIMIT_ANONYMOUS: '3', RATE_LIMIT_PER_MINUTE: '5', RATE_LIMIT_PARTNER_SYSTEM: '8' },
    });
  });
  afterAll(async () => {
    await gateway?.stop();
    await system?.stop();
  });

  async function burst(count: number, token?: string): Promise<number[]> {
    const statuses: number[] = [];
    for (let i = 0; i < count; i += 1) statuses.push((await postGraphql(gateway.url, QUERY, {}, { token, gatewaySecret: null })).status);
    return statuses;
  }

  it('answers 429 with Retry-After and RATE_LIMITED once an anonymous caller has used its allowance, without calling a subgraph', async () => {
    expect(await burst(3)).toEqual([200, 200, 200]);
    const before = gateway.subgraphRequests();
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: QUERY }),
    });
    expect(response.status).toBe(429);
    const retryAfter = Number(response.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const body = (await response.json()) as { errors: Array<{ message: string; extensions: Record<string, unknown> }> };
    expect(body.errors[0].extensions).toEqual({ code: 'RATE_LIMITED', retryAfter });
    expect(body.errors[0].message).toMatch(/try again in \d+ seconds/);
    expect(gateway.subgraphRequests()).toBe(before);
    // Not behind a trusted proxy (TRUST_PROXY unset), a forwarded address is the caller's own claim: a new one
    // on each request would otherwise be a fresh allowance.
    const forged = await postGraphql(gateway.url, QUERY, {}, { gatewaySecret: null, headers: { 'x-forwarded-for': '203.0.113.250' } });
    expect(forged.status).toBe(429);
  });

  it('counts signed-in callers by token subject, each with their own allowance', async () => {
    const alice = system.token({ sub: 'rate-alice', name: 'Alice', role: Role.ANALYST });
    const bob = system.token({ sub: 'rate-bob', name: 'Bob', role: Role.ANALYST });
    expect(await burst(6, alice)).toEqual([200, 200, 200, 200, 200, 429]);
    expect(await burst(1, bob)).toEqual([200]);
  });

  it('gives a role its configured allowance (RATE_LIMIT_PARTNER_SYSTEM)', async () => {
    const partner = system.token({
      sub: 'rate-partner',
      name: 'Partner system',
      role: Role.PARTNER_SYSTEM,
      agencyId: demoAgencyId(DEMO_AGENCIES.CHILDLINE),
    });
    expect(await burst(9, partner)).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 429]);
  });

  it('behind a trusted proxy, counts anonymous callers by their forwarded address', async () => {
    const proxied = await startProxiedGateway(system, { env: { RATE_LIMIT_ANONYMOUS: '2', TRUST_PROXY: '1' } });
    try {
      const from = async (ip: string) =>
        (await postGraphql(proxied.url, QUERY, {}, { gatewaySecret: null, headers: { 'x-forwarded-for': ip } })).status;
      expect([await from('198.51.100.7'), await from('198.51.100.7'), await from('198.51.100.7')]).toEqual([200, 200, 429]);
      expect(await from('203.0.113.9')).toBe(200);
      // Only the hop the trusted proxy added counts: what the caller put before it is its own claim.
      expect(await from('203.0.113.99, 198.51.100.7')).toBe(429);
    } finally {
      await proxied.stop();
    }
  });

  it('refuses an address that keeps sending refused tokens, before its next token is read, and no other address', async () => {
    const proxied = await startProxiedGateway(system, { env: { RATE_LIMIT_REFUSED_TOKENS: '3', TRUST_PROXY: '1' } });
    try {
      const good = system.token({ sub: 'rate-good', name: 'Good', role: Role.ANALYST });
      const bad = `${good.slice(0, -4)}AAAA`;
      const from = async (ip: string, token?: string) => {
        const { status, body } = await postGraphql(
          proxied.url,
          QUERY,
          {},
          { token, gatewaySecret: null, headers: { 'x-forwarded-for': ip } },
        );
        return [status, (body as { errors?: Array<{ extensions?: { code?: string } }> }).errors?.[0]?.extensions?.code ?? null];
      };
      // A valid token does not count; three refused ones do.
      expect(await from('198.51.100.20', good)).toEqual([200, null]);
      for (let i = 0; i < 3; i += 1) expect(await from('198.51.100.20', bad)).toEqual([401, 'UNAUTHENTICATED']);
      const before = proxied.subgraphRequests();
      const fresh = system.token({ sub: 'rate-fresh', name: 'Fresh', role: Role.ANALYST });
      expect(await from('198.51.100.20', bad)).toEqual([429, 'RATE_LIMITED']);
      expect(await from('198.51.100.20', fresh)).toEqual([429, 'RATE_LIMITED']);
      expect(await from('198.51.100.20')).toEqual([429, 'RATE_LIMITED']);
      expect(proxied.subgraphRequests()).toBe(before);
      // A token verified here before cannot be a guess: the people signed in behind the address keep working.
      expect(await from('198.51.100.20', good)).toEqual([200, null]);
      expect(await from('203.0.113.20', good)).toEqual([200, null]);
      expect(await from('203.0.113.20', bad)).toEqual([401, 'UNAUTHENTICATED']);
      // Requests with no token are not counted: eight anonymous searches at once from one address all pass.
      const anonymous = await Promise.all(Array.from({ length: 8 }, () => from('192.0.2.31')));
      expect(anonymous.map(([status]) => status)).toEqual(Array(8).fill(200));
      expect(await from('192.0.2.31', bad)).toEqual([401, 'UNAUTHENTICATED']);
      // Requests sent together are counted as they come in, so they cannot pass the limit together.
      const together = await Promise.all(Array.from({ length: 8 }, () => from('192.0.2.30', bad)));
      expect(together.filter(([status]) => status === 401)).toHaveLength(3);
      expect(together.filter(([status]) => status === 429)).toHaveLength(5);
    } finally {
      await proxied.stop();
    }
  });

  it("takes a new token off the count as soon as it verifies, so slow first requests of an office's people do not add up", async () => {
    const proxied = await startProxiedGateway(system, { env: { RATE_LIMIT_REFUSED_TOKENS: '3', TRUST_PROXY: '1' } });
    try {
      proxied.proxies.directory.mode = { kind: 'slow', delayMs: 1_000 };
      const office = '198.51.100.77';
      // Six people signing in behind one address, each first request still in flight when the next arrives.
      const answers: Array<Promise<number>> = [];
      for (let i = 0; i < 6; i += 1) {
        const token = system.token({ sub: `rate-office-${i}`, name: `Officer ${i}`, role: Role.ANALYST });
        const reached = proxied.proxies.directory.requests;
        let answered = false;
        answers.push(
          postGraphql(proxied.url, QUERY, {}, { token, gatewaySecret: null, headers: { 'x-forwarded-for': office } }).then((r) => {
            answered = true;
            return r.status;
          }),
        );
        // Until it has passed the gateway's checks and reached the subgraph, or was refused on the way.
        while (proxied.proxies.directory.requests === reached && !answered) await new Promise((resolve) => setTimeout(resolve, 5));
      }
      expect(await Promise.all(answers)).toEqual(Array(6).fill(200));
      proxied.proxies.directory.mode = { kind: 'forward' };
      // A subgraph's own check through the gateway, showing its secret, is not counted: it verified its caller.
      const bad = `${system.token({ sub: 'rate-check', name: 'Check', role: Role.ANALYST }).slice(0, -4)}AAAA`;
      for (let i = 0; i < 5; i += 1) {
        const check = await postGraphql(proxied.url, QUERY, {}, { token: bad, headers: { 'x-forwarded-for': '198.51.100.78' } });
        expect(check.status).toBe(401);
      }
    } finally {
      await proxied.stop();
    }
  });

  it('still answers /health while a caller is limited', async () => {
    // The anonymous caller is over its allowance at this moment, whatever ran before.
    expect(await burst(4)).toContain(429);
    const health = await fetch(gateway.url.replace('/graphql', '/health'));
    expect(health.status).toBe(200);
  });
});
