import { baseConfigSchema, loadConfig, productionProblems } from '@kinga/shared';
import { z } from 'zod';
import { SUBGRAPHS } from './subgraphs';

const urlFor = (port: number) => z.string().url().default(`http://127.0.0.1:${port}/graphql`);

export const gatewayConfigSchema = baseConfigSchema.extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  DIRECTORY_URL: urlFor(SUBGRAPHS[0].port),
  CASES_URL: urlFor(SUBGRAPHS[1].port),
  REFERRALS_URL: urlFor(SUBGRAPHS[2].port),
  PROGRAMMES_URL: urlFor(SUBGRAPHS[3].port),
  SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
});

export type GatewayConfig = z.infer<typeof gatewayConfigSchema> & { introspection: boolean };

export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const config = loadConfig('the gateway', gatewayConfigSchema, env, (c) => {
    const problems = productionProblems({ ...c, introspection: c.INTROSPECTION ?? c.NODE_ENV !== 'production' });
    if (!c.JWT_SECRET && !c.JWT_JWKS_URL) problems.push('JWT_SECRET or JWT_JWKS_URL: one is required to verify tokens');
    return problems;
  });
  return { ...config, introspection: config.INTROSPECTION ?? config.NODE_ENV !== 'production' };
}

export function subgraphUrls(config: GatewayConfig): Record<string, string> {
  return { directory: config.DIRECTORY_URL, cases: config.CASES_URL, referrals: config.REFERRALS_URL, programmes: config.PROGRAMMES_URL };
}
