import { signDevelopmentToken, type TokenSettings } from '../auth/token-verifier';
import type { CallerClaims } from '../auth/caller';

export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256-0123456789';
export const TEST_SUBGRAPH_SECRET = 'test-subgraph-secret-0123456789';

export const TEST_TOKEN_SETTINGS: TokenSettings & { JWT_SECRET: string } = {
  JWT_SECRET: TEST_JWT_SECRET,
  JWT_ISSUER: 'kinga-dev',
  JWT_AUDIENCE: 'kinga',
};

/** The environment a subgraph under test runs with. */
export function testEnv(databaseUrl: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATABASE_URL: databaseUrl,
    DB_POOL_SIZE: '4',
    JWT_SECRET: TEST_JWT_SECRET,
    SUBGRAPH_SECRET: TEST_SUBGRAPH_SECRET,
    PORT: '0',
    DEMO_DATA: 'false',
    ...extra,
  };
}

export function testToken(claims: CallerClaims, expiresIn: Parameters<typeof signDevelopmentToken>[2] = '1h'): string {
  return signDevelopmentToken(claims, TEST_TOKEN_SETTINGS, expiresIn);
}
