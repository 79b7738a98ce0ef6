import { ALL_ROLES, baseConfigSchema, loadConfig, productionProblems, productionSecretProblem } from '@kinga/shared';
import { z } from 'zod';
import type { RateLimitSettings } from './rate-limit';
import { SUBGRAPHS, type SubgraphName } from './subgraphs';

const urlFor = (port: number) =>
  z
    .string()
    .url()
    .regex(/^https?:\/\//, 'must be an http:// or https:// address')
    .default(`http://127.0.0.1:${port}/graphql`);
const subgraphSecret = baseConfigSchema.shape.SUBGRAPH_SECRET.optional();
/** The setting of one subgraph's own secret, e.g. `CASES_SUBGRAPH_SECRET`. */
const secretSetting = (name: SubgraphName) => `${name.toUpperCase() as Uppercase<SubgraphName>}_SUBGRAPH_SECRET` as const;
const subgraphSecretSettings = Object.fromEntries(SUBGRAPHS.map(({ name }) => [secretSetting(name), subgraphSecret])) as Record<
  ReturnType<typeof secretSetting>,
  typeof subgraphSecret
>;
const perMinute = z.coerce.number().int().min(1).max(1_000_000);

/** `RATE_LIMIT_<ROLE>`: an optional per-minute allowance for each role, overriding `RATE_LIMIT_PER_MINUTE`. */
const roleRateLimits = Object.fromEntries(ALL_ROLES.map((role) => [`RATE_LIMIT_${role}`, perMinute.optional()])) as Record<
  `RATE_LIMIT_${string}`,
  z.ZodOptional<typeof perMinute>
>;

export const gatewayConfigSchema = baseConfigSchema.extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  DIRECTORY_URL: urlFor(SUBGRAPHS[0].port),
  CASES_URL: urlFor(SUBGRAPHS[1].port),
  REFERRALS_URL: urlFor(SUBGRAPHS[2].port),
  PROGRAMMES_URL: urlFor(SUBGRAPHS[3].port),
  /**
   * `<NAME>_SUBGRAPH_SECRET`: the secret of one subgraph, where each has its own (its `SUBGRAPH_SECRET`), so that
   * the agency running one subgraph cannot call another's directly as the gateway; `SUBGRAPH_SECRET` otherwise.
   */
  ...subgraphSecretSettings,
  /** GraphQL requests one gateway worker works on at once; more are refused with 503 (load-shedding.ts). */
  GATEWAY_MAX_IN_FLIGHT: z.coerce.number().int().min(1).max(10_000).default(128),
  // Behind a reverse proxy, how many proxy hops to trust for the caller's IP (X-Forwarded-For); without it
  // every anonymous caller would share the proxy's allowance. `false` (default) trusts none.
  TRUST_PROXY: z
    .string()
    .regex(/^(false|true|\d{1,2})$/, 'must be false, true or a number of proxy hops')
    .default('false')
    .transform((v) => (v === 'false' ? false : v === 'true' ? true : Number(v))),
  RATE_LIMIT_PER_MINUTE: perMinute.optional(),
  RATE_LIMIT_ANONYMOUS: perMinute.optional(),
  /** Refused tokens a minute from one IP address before it is refused outright for the rest of the minute. */
  RATE_LIMIT_REFUSED_TOKENS: perMinute.optional(),
  /** Set by the gateway primary for its workers: how many processes share the limits (see rateLimitSettings). */
  RATE_LIMIT_SHARES: z.coerce.number().int().min(1).max(64).default(1),
  ...roleRateLimits,
});

export type GatewayConfig = z.infer<typeof gatewayConfigSchema> & { introspection: boolean };

export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const config = loadConfig('the gateway', gatewayConfigSchema, env, (c) => {
    const problems = productionProblems({ ...c, introspection: c.INTROSPECTION ?? c.NODE_ENV !== 'production' });
    if (!c.JWT_SECRET && !c.JWT_JWKS_URL) problems.push('JWT_SECRET or JWT_JWKS_URL: one is required to verify tokens');
    if (c.NODE_ENV === 'production') {
      for (const { name } of SUBGRAPHS) {
        const problem = productionSecretProblem(secretSetting(name), c[secretSetting(name)]);
        if (problem) problems.push(problem);
      }
    }
    if (c.NODE_ENV === 'production' && c.TRUST_PROXY === true) {
      problems.push('TRUST_PROXY: `true` trusts every X-Forwarded-For entry, which a caller can write; give the number of proxy hops');
    }
    return problems;
  });
  return { ...config, introspection: config.INTROSPECTION ?? config.NODE_ENV !== 'production' };
}

/** The secret the gateway shows each subgraph: its own, or the shared `SUBGRAPH_SECRET`. */
export function subgraphSecrets(config: GatewayConfig): Record<string, string> {
  return Object.fromEntries(SUBGRAPHS.map(({ name }) => [name, config[secretSetting(name)] ?? config.SUBGRAPH_SECRET]));
}

export function subgraphUrls(config: GatewayConfig): Record<string, string> {
  return { directory: config.DIRECTORY_URL, cases: config.CASES_URL, referrals: config.REFERRALS_URL, programmes: config.PROGRAMMES_URL };
}

/**
 * Production defaults: 600 requests a minute per signed-in caller, 300 per IP without a token. Outside
 * production the defaults are out of the way (100,000), so that benchmarks and soak runs on one machine
 * measure the system, not the limiter; tests that exercise the limiter set the limits they need.
 */
const DEFAULT_LIMITS = {
  production: { perCaller: 600, anonymous: 300, refusedTokens: 30 },
  other: { perCaller: 100_000, anonymous: 100_000, refusedTokens: 100_000 },
};

export function rateLimitSettings(config: GatewayConfig): RateLimitSettings {
  const defaults = config.NODE_ENV === 'production' ? DEFAULT_LIMITS.production : DEFAULT_LIMITS.other;
  const byRole: Partial<Record<string, number>> = {};
  for (const role of ALL_ROLES) {
    const value = (config as Record<string, unknown>)[`RATE_LIMIT_${role}`];
    if (typeof value === 'number') byRole[role] = value;
  }
  // Each of N gateway workers counts in its own memory, so each gets a 1/N share: a caller spread over the
  // workers never exceeds the allowance, and one held to a single worker's connection gets less, not more.
  const share = (limit: number) => Math.max(1, Math.floor(limit / config.RATE_LIMIT_SHARES));
  for (const role of Object.keys(byRole)) byRole[role] = share(byRole[role] as number);
  return {
    windowMs: 60_000,
    perCaller: share(config.RATE_LIMIT_PER_MINUTE ?? defaults.perCaller),
    anonymous: share(config.RATE_LIMIT_ANONYMOUS ?? defaults.anonymous),
    // Not below 5 a worker: with many workers a floor share would lock out an address after one expired token.
    refusedTokens:
      config.RATE_LIMIT_SHARES > 1
        ? Math.max(5, Math.ceil((config.RATE_LIMIT_REFUSED_TOKENS ?? defaults.refusedTokens) / config.RATE_LIMIT_SHARES))
        : (config.RATE_LIMIT_REFUSED_TOKENS ?? defaults.refusedTokens),
    byRole,
  };
}
