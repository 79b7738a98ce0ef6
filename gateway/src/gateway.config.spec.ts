import { testEnv } from '@kinga/shared/testing';
import { loadGatewayConfig, rateLimitSettings, subgraphSecrets } from './gateway.config';

const env = (extra: Record<string, string> = {}) => testEnv('postgres://127.0.0.1/unused', extra);

describe('gateway configuration', () => {
  it('reads rate limits per role, with defaults', () => {
    const development = rateLimitSettings(loadGatewayConfig(env()));
    expect(development).toEqual({ windowMs: 60_000, perCaller: 100_000, anonymous: 100_000, refusedTokens: 100_000, byRole: {} });
    const production = rateLimitSettings({ ...loadGatewayConfig(env()), NODE_ENV: 'production' });
    expect(production).toEqual({ windowMs: 60_000, perCaller: 600, anonymous: 300, refusedTokens: 30, byRole: {} });
    const tuned = rateLimitSettings(
      loadGatewayConfig(
        env({ RATE_LIMIT_PER_MINUTE: '50', RATE_LIMIT_ANONYMOUS: '10', RATE_LIMIT_REFUSED_TOKENS: '5', RATE_LIMIT_PARTNER_SYSTEM: '2000' }),
      ),
    );
    expect(tuned).toEqual({ windowMs: 60_000, perCaller: 50, anonymous: 10, refusedTokens: 5, byRole: { PARTNER_SYSTEM: 2000 } });
  });

  it('reads how many proxy hops to trust', () => {
    expect(loadGatewayConfig(env()).TRUST_PROXY).toBe(false);
    expect(loadGatewayConfig(env({ TRUST_PROXY: '1' })).TRUST_PROXY).toBe(1);
    expect(() => loadGatewayConfig(env({ TRUST_PROXY: 'everyone' }))).toThrow(/TRUST_PROXY: must be false, true or a number/);
  });

  it('reads an empty setting as not set: `PORT=` is the default port, not a random one', () => {
    expect(loadGatewayConfig(env({ PORT: '' })).PORT).toBe(4000);
    expect(loadGatewayConfig(env({ PORT: '4100' })).PORT).toBe(4100);
  });

  it('names a rate limit that is not a positive whole number', () => {
    expect(() => loadGatewayConfig(env({ RATE_LIMIT_ANALYST: 'lots' }))).toThrow(/RATE_LIMIT_ANALYST/);
    expect(() => loadGatewayConfig(env({ RATE_LIMIT_PER_MINUTE: '0' }))).toThrow(/RATE_LIMIT_PER_MINUTE/);
  });
});

describe('production start-up checks of the gateway', () => {
  const PRODUCTION: NodeJS.ProcessEnv = {
    NODE_ENV: 'production',
    JWT_JWKS_URL: 'https://login.kinga.go.ke/.well-known/jwks.json',
    JWT_ISSUER: 'https://login.kinga.go.ke/',
    SUBGRAPH_SECRET: 'a3f9c1e07b5d24e8a3f9c1e07b5d24e8a3f9c1e07b5d24e8',
  };
  const problemsOf = (change: NodeJS.ProcessEnv): string[] => {
    try {
      loadGatewayConfig({ ...PRODUCTION, ...change });
      return [];
    } catch (error) {
      return (error as Error).message
        .split('\n')
        .slice(1)
        .map((line) => line.replace(/^\s+- /, ''));
    }
  };

  it('starts with a complete production configuration, introspection off', () => {
    expect(problemsOf({})).toEqual([]);
    expect(loadGatewayConfig(PRODUCTION).introspection).toBe(false);
  });

  it.each<[string, NodeJS.ProcessEnv, RegExp]>([
    ['a development JWT secret', { JWT_SECRET: 'x'.repeat(40) }, /^JWT_SECRET: a shared development secret/],
    ['no SUBGRAPH_SECRET', { SUBGRAPH_SECRET: undefined }, /^SUBGRAPH_SECRET: missing/],
    ['introspection on', { INTROSPECTION: 'true' }, /^INTROSPECTION: must be off in production/],
    ['every proxy trusted', { TRUST_PROXY: 'true' }, /^TRUST_PROXY: `true` trusts every X-Forwarded-For entry/],
    ['an empty SUBGRAPH_SECRET', { SUBGRAPH_SECRET: '' }, /^SUBGRAPH_SECRET: missing/],
    ['a short secret of one subgraph', { CASES_SUBGRAPH_SECRET: 'sixteen-chars-ok!' }, /^CASES_SUBGRAPH_SECRET: must be at least 32/],
  ])('refuses to start with %s, and says which setting', (_what, change, problem) => {
    expect(problemsOf(change)).toEqual([expect.stringMatching(problem)]);
  });
});

describe('subgraph secrets', () => {
  const env = { JWT_SECRET: 'x'.repeat(40), SUBGRAPH_SECRET: 'shared-secret-0123456789' };

  it('shows each subgraph its own secret where one is set, and the shared one otherwise', () => {
    expect(subgraphSecrets(loadGatewayConfig({ ...env, CASES_SUBGRAPH_SECRET: 'cases-own-secret-0123456789' }))).toEqual({
      directory: 'shared-secret-0123456789',
      cases: 'cases-own-secret-0123456789',
      referrals: 'shared-secret-0123456789',
      programmes: 'shared-secret-0123456789',
    });
  });
});

describe('rate limits shared by gateway workers', () => {
  it('gives each of N workers a 1/N share, so together they never allow more than the limit', () => {
    const env = {
      JWT_SECRET: 'x'.repeat(40),
      SUBGRAPH_SECRET: 'y'.repeat(40),
      RATE_LIMIT_PER_MINUTE: '600',
      RATE_LIMIT_ANONYMOUS: '300',
      RATE_LIMIT_POLICE_CPU: '90',
    };
    const one = rateLimitSettings(loadGatewayConfig(env));
    const three = rateLimitSettings(loadGatewayConfig({ ...env, RATE_LIMIT_SHARES: '3' }));
    expect([one.perCaller, one.anonymous, one.byRole.POLICE_CPU]).toEqual([600, 300, 90]);
    expect([three.perCaller, three.anonymous, three.byRole.POLICE_CPU]).toEqual([200, 100, 30]);
  });
});
