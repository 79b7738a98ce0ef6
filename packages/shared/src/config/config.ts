import { z } from 'zod';

export class ConfigError extends Error {
  constructor(service: string, problems: string[]) {
    super(`${service} cannot start: its configuration is incomplete or wrong:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const DEV_SECRET_MIN_LENGTH = 32;
export const PRODUCTION_SECRET_MIN_LENGTH = 32;

/** Settings every process reads; services extend it with their own. */
export const baseConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HOST: z.string().default('127.0.0.1'),
  JWT_SECRET: z.string().min(DEV_SECRET_MIN_LENGTH, `must be at least ${DEV_SECRET_MIN_LENGTH} characters`).optional(),
  JWT_JWKS_URL: z.string().url().optional(),
  JWT_ISSUER: z.string().default('kinga-dev'),
  JWT_AUDIENCE: z.string().default('kinga'),
  SUBGRAPH_SECRET: z.string().min(16, 'must be at least 16 characters'),
  INTROSPECTION: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true')),
  // How long the gateway waits for a subgraph. The subgraphs read it too, so that a write's own checks through
  // the gateway end before the gateway's deadline for the write (checkDeadlineMs): one value, set once for all.
  SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
});

export type BaseConfig = z.infer<typeof baseConfigSchema>;

/** Rules that hold for every service in production; returned as problems so they are reported together. */
export function productionProblems(config: BaseConfig & { introspection: boolean }): string[] {
  if (config.NODE_ENV !== 'production') return [];
  const problems: string[] = [];
  if (config.JWT_SECRET) problems.push('JWT_SECRET: a shared development secret is not allowed in production; use JWT_JWKS_URL');
  if (!config.JWT_JWKS_URL) problems.push('JWT_JWKS_URL: required in production (RS256/ES256 tokens)');
  // Whoever could change the keys on their way in could sign any caller, a national supervisor included.
  else if (!config.JWT_JWKS_URL.startsWith('https://'))
    problems.push("JWT_JWKS_URL: must be an https:// address in production: keys fetched in the clear can be swapped for an attacker's");
  if (config.JWT_ISSUER === 'kinga-dev') problems.push('JWT_ISSUER: the development issuer is not allowed in production');
  if (config.introspection) problems.push('INTROSPECTION: must be off in production');
  const secret = productionSecretProblem('SUBGRAPH_SECRET', config.SUBGRAPH_SECRET);
  if (secret) problems.push(secret);
  return problems;
}

/** A subgraph secret too short for production (the shared one, or the gateway's per-subgraph ones), or null. */
export function productionSecretProblem(setting: string, value: string | undefined): string | null {
  if (!value || value.length >= PRODUCTION_SECRET_MIN_LENGTH) return null;
  return `${setting}: must be at least ${PRODUCTION_SECRET_MIN_LENGTH} random characters in production (e.g. \`openssl rand -hex 32\`)`;
}

/**
 * Parses the environment with a zod schema and fails with one message that names every missing or wrong
 * setting, so an operator fixes them in one go rather than one restart at a time.
 */
export function loadConfig<S extends z.ZodTypeAny>(
  service: string,
  schema: S,
  env: NodeJS.ProcessEnv = process.env,
  extraChecks: (config: z.infer<S>) => string[] = () => [],
): z.infer<S> {
  // `PORT=` (or `PORT= `) in a file or a shell means "not set", not 0 (a random port) or an empty secret; and a
  // value keeps no surrounding spaces or a CRLF file's carriage return.
  const set = Object.fromEntries(
    Object.entries(env)
      .map(([key, value]) => [key, value?.trim()] as const)
      .filter(([, value]) => value !== ''),
  );
  const parsed = schema.safeParse(set);
  if (parsed.success) {
    const problems = extraChecks(parsed.data);
    if (problems.length > 0) throw new ConfigError(service, problems);
    return parsed.data;
  }
  const failed = new Set<string>();
  const problems = parsed.error.issues.map((issue) => {
    const key = issue.path.join('.') || '(environment)';
    failed.add(String(issue.path[0] ?? key));
    const missing = issue.code === 'invalid_type' && set[key] === undefined;
    return missing ? `${key}: missing (set it in the environment)` : `${key}: ${issue.message}`;
  });
  // The checks across settings (production rules among them) are reported with the malformed ones, so that a
  // production start names everything wrong at once rather than the rest after the first fix and a restart.
  throw new ConfigError(service, [...problems, ...checksOfTheWellFormed(schema, set, extraChecks, failed)]);
}

/**
 * `extraChecks` run over the settings that are well formed on their own, leaving out what they say about a
 * setting already reported as malformed (a check's problem starts with the settings it names). A check that
 * cannot run without a malformed setting adds nothing: it is run again once that setting is mended.
 */
function checksOfTheWellFormed<S extends z.ZodTypeAny>(
  schema: S,
  set: Record<string, string | undefined>,
  extraChecks: (config: z.infer<S>) => string[],
  failed: ReadonlySet<string>,
): string[] {
  if (!(schema instanceof z.ZodObject)) return [];
  const wellFormed: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(schema.shape as Record<string, z.ZodTypeAny>)) {
    const value = field.safeParse(set[key]);
    if (value.success && value.data !== undefined) wellFormed[key] = value.data;
  }
  try {
    const settingsNamed = (problem: string) => problem.split(':')[0].match(/[A-Z][A-Z0-9_]+/g) ?? [];
    return extraChecks(wellFormed as z.infer<S>).filter((problem) => !settingsNamed(problem).some((setting) => failed.has(setting)));
  } catch {
    return [];
  }
}
