import type { GraphQLSchema } from 'graphql';
import type { EntitySchema, MixedList } from 'typeorm';
import { z } from 'zod';
import { baseConfigSchema, ConfigError, loadConfig, productionProblems } from '../config/config';
import { createTokenVerifier } from '../auth/token-verifier';
import { cacheVerifiedTokens } from './verified-token-cache';
import { createSubgraphDataSource, initialiseDatabase, type SubgraphDataSource } from '../database/data-source';
import { grantServingRole, migrationsNotRun, servingRoleProblems } from '../database/serving-role';
import { createLogger, type Logger } from '../logging/logger';
import { createSubgraphServer, type RunningServer } from './create-subgraph-server';
import type { SubgraphContext } from './subgraph-context';
import { checkDeadlineMs, createGatewayClient } from './gateway-client';
import { exitAfterStopOnSignal } from './stop-signals';

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

const roleOf = (url: string) => decodeURIComponent(new URL(url).username);
const sameServer = (a: string, b: string) => {
  const [first, second] = [new URL(a), new URL(b)];
  const port = (url: URL) => url.port || '5432';
  return first.hostname === second.hostname && port(first) === port(second) && first.pathname === second.pathname;
};

/**
 * What a database URL's own parameters say against DB_SSL: the driver lets them override the TLS it is given, so
 * `sslmode=disable` or `sslmode=no-verify` (common in URLs copied from a hosting console) would send a child's
 * record in the clear, or to any server, with DB_SSL=true.
 */
function weakenedTls(url: string): string | null {
  const parameters = new URL(url).searchParams;
  // Every value: the driver keeps the last of a parameter given twice, `get` would read the first.
  const sslmode = parameters.getAll('sslmode').find((mode) => mode !== 'verify-full');
  if (sslmode !== undefined) return `sslmode=${sslmode}`;
  const ssl = parameters.getAll('ssl').find((value) => value !== 'true' && value !== '1');
  if (ssl !== undefined) return `ssl=${ssl}`;
  if (parameters.has('uselibpqcompat')) return 'uselibpqcompat';
  return null;
}

export const subgraphConfigSchema = baseConfigSchema.extend({
  PORT: z.coerce.number().int().min(0).max(65535).optional(),
  DATABASE_URL: z.string().url('must be a postgres:// URL').optional(),
  MIGRATION_DATABASE_URL: z.string().url('must be a postgres:// URL').optional(),
  // Two at least: starting, one connection holds the migrations' lock while another migrates.
  DB_POOL_SIZE: z.coerce.number().int().min(2).max(50).default(10),
  DB_SSL: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  DB_NAMED_STATEMENTS: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  DEMO_DATA: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true')),
  GATEWAY_URL: z.string().url().default('http://127.0.0.1:4000/graphql'),
});

export type SubgraphConfig = z.infer<typeof subgraphConfigSchema> & {
  service: string;
  databaseUrl: string;
  /** The schema owner's, when another role than `databaseUrl`'s migrates and serves requests. */
  migrationDatabaseUrl?: string;
  introspection: boolean;
  demoData: boolean;
};

/** Everything a service says about itself; `startSubgraph` does the rest the same way for all four. */
export interface SubgraphDefinition<Ctx extends SubgraphContext = SubgraphContext> {
  /** Service name, also its PostgreSQL schema: `directory`, `cases`, `referrals`, `programmes`. */
  name: string;
  defaultPort: number;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  buildSchema(): Promise<GraphQLSchema>;
  /**
   * Called once per server: what its requests share (snapshot caches, clients) is made here, and the function
   * it returns makes each request's context from the shared base.
   */
  createContext(database: SubgraphDataSource, config: SubgraphConfig): (base: SubgraphContext) => Ctx;
  /** Reference data every deployment needs (idempotent; runs at every start). */
  loadReferenceData?(database: SubgraphDataSource, logger: Logger): Promise<void>;
  /** Demo data, loaded only into an empty schema and never in production. */
  loadDemoData?(database: SubgraphDataSource, logger: Logger): Promise<void>;
}

export function loadSubgraphConfig(name: string, env: NodeJS.ProcessEnv = process.env): SubgraphConfig {
  const perServiceUrl = env[`${name.toUpperCase()}_DATABASE_URL`];
  const perServiceMigrationUrl = env[`${name.toUpperCase()}_MIGRATION_DATABASE_URL`];
  return loadConfig(
    `the ${name} subgraph`,
    subgraphConfigSchema,
    {
      ...env,
      ...(perServiceUrl ? { DATABASE_URL: perServiceUrl } : {}),
      ...(perServiceMigrationUrl ? { MIGRATION_DATABASE_URL: perServiceMigrationUrl } : {}),
    },
    (config) => {
      const problems = productionProblems({ ...config, introspection: config.INTROSPECTION ?? config.NODE_ENV !== 'production' });
      if (!config.DATABASE_URL) {
        problems.push(
          `DATABASE_URL (or ${name.toUpperCase()}_DATABASE_URL): missing; \`npm start\` provides an embedded PostgreSQL when it is unset`,
        );
      } else if (config.NODE_ENV === 'production' && !config.DB_SSL && !LOCAL_HOSTS.has(new URL(config.DATABASE_URL).hostname)) {
        problems.push('DB_SSL: must be true in production when PostgreSQL is not on this host');
      }
      // Unset, NODE_ENV means development: invented records loaded into an empty database, and none of the
      // production checks. Against a database on another host that is a deployment someone forgot to name.
      if (!env.NODE_ENV?.trim() && config.DATABASE_URL && !LOCAL_HOSTS.has(new URL(config.DATABASE_URL).hostname))
        problems.push(
          'NODE_ENV: not set, and DATABASE_URL names a database on another host; set production for a deployment (unset means development: demo records in an empty database, no production checks), or development to mean it',
        );
      if (config.NODE_ENV === 'production')
        for (const setting of ['DATABASE_URL', 'MIGRATION_DATABASE_URL'] as const) {
          const url = config[setting];
          const weakened = url && !LOCAL_HOSTS.has(new URL(url).hostname) ? weakenedTls(url) : null;
          if (weakened)
            problems.push(
              `${setting}: ${weakened} weakens the TLS DB_SSL asks for; leave it out (DB_SSL verifies the server) or use sslmode=verify-full`,
            );
        }
      if (config.MIGRATION_DATABASE_URL && config.DATABASE_URL && !sameServer(config.MIGRATION_DATABASE_URL, config.DATABASE_URL))
        problems.push(`MIGRATION_DATABASE_URL: must name the same server and database as DATABASE_URL, as another role`);
      if (config.MIGRATION_DATABASE_URL && config.DATABASE_URL && !roleOf(config.DATABASE_URL))
        problems.push('DATABASE_URL: must name its role (postgres://role@host/db) when MIGRATION_DATABASE_URL is set');
      if (!config.JWT_SECRET && !config.JWT_JWKS_URL) problems.push('JWT_SECRET or JWT_JWKS_URL: one is required to verify tokens');
      if (config.NODE_ENV === 'production' && config.DEMO_DATA)
        problems.push('DEMO_DATA: invented records are never loaded in production; unset it');
      return problems;
    },
  ) as SubgraphConfig & z.infer<typeof subgraphConfigSchema>;
}

export interface StartedSubgraph<Ctx extends SubgraphContext = SubgraphContext> extends RunningServer {
  name: string;
  database: SubgraphDataSource;
  config: SubgraphConfig;
  definition: SubgraphDefinition<Ctx>;
}

/** Connects, migrates, loads data, builds the schema and listens. Used by `main.ts` and by tests alike. */
export async function startSubgraph<Ctx extends SubgraphContext>(
  definition: SubgraphDefinition<Ctx>,
  env: NodeJS.ProcessEnv = process.env,
  logger: Logger = createLogger(definition.name, env.LOG_LEVEL),
): Promise<StartedSubgraph<Ctx>> {
  const parsed = loadSubgraphConfig(definition.name, env);
  const config: SubgraphConfig = {
    ...parsed,
    service: definition.name,
    databaseUrl: parsed.DATABASE_URL as string,
    migrationDatabaseUrl: parsed.MIGRATION_DATABASE_URL,
    introspection: parsed.INTROSPECTION ?? parsed.NODE_ENV !== 'production',
    demoData: parsed.DEMO_DATA ?? parsed.NODE_ENV === 'development',
  };
  const dataSourceFor = (url: string, poolSize: number) =>
    createSubgraphDataSource({
      schema: definition.name,
      url,
      entities: definition.entities,
      migrations: definition.migrations,
      poolSize,
      logger,
      ssl: config.DB_SSL,
      namedStatements: config.DB_NAMED_STATEMENTS,
    });
  const servingRole = roleOf(config.databaseUrl);
  const migratesAsOwner = config.migrationDatabaseUrl !== undefined && roleOf(config.migrationDatabaseUrl) !== servingRole;
  if (migratesAsOwner) {
    const owner = dataSourceFor(config.migrationDatabaseUrl as string, 2);
    try {
      await initialiseDatabase(owner, {
        afterMigrations: (dataSource) => grantServingRole(dataSource, definition.name, servingRole),
        logger,
      });
    } finally {
      if (owner.dataSource.isInitialized) await owner.dataSource.destroy();
    }
  }
  const database = dataSourceFor(config.databaseUrl, config.DB_POOL_SIZE);
  const refuseServingRole = async (problems: string[]) => {
    if (problems.length === 0) return;
    await database.dataSource.destroy();
    throw new ConfigError(`the ${definition.name} subgraph`, problems);
  };
  if (config.NODE_ENV === 'production') {
    // Before anything is created: a role refused after migrating would own the schema it made (a superuser's
    // schema, which deploy/postgres cannot then make again), and the serving role must never own the audit trail.
    await initialiseDatabase(database, { migrate: false, logger });
    const problems = await servingRoleProblems(database.dataSource, definition.name);
    const pending = migratesAsOwner ? [] : await migrationsNotRun(database.dataSource, definition.name);
    if (problems.length === 0 && pending.length > 0)
      problems.push(
        `MIGRATION_DATABASE_URL: ${pending.length} migration(s) of the ${definition.name} schema have not run (${pending[0]}${pending.length > 1 ? ', …' : ''}), and the serving role must not create what they make (the audit trail among it): give the schema owner's URL (deploy/postgres/01-service-roles.sh makes both roles)`,
      );
    await refuseServingRole(problems);
  }
  await initialiseDatabase(database, { migrate: !migratesAsOwner, logger });
  if (config.NODE_ENV === 'production') await refuseServingRole(await servingRoleProblems(database.dataSource, definition.name));
  await definition.loadReferenceData?.(database, logger);
  if (config.demoData && config.NODE_ENV !== 'production') await definition.loadDemoData?.(database, logger);

  const server = await createSubgraphServer({
    name: definition.name,
    schema: await definition.buildSchema(),
    database,
    verifyToken: cacheVerifiedTokens(createTokenVerifier(config)),
    gatewaySecret: config.SUBGRAPH_SECRET,
    gateway: createGatewayClient(config.GATEWAY_URL, config.SUBGRAPH_SECRET, checkDeadlineMs(config.SUBGRAPH_TIMEOUT_MS)),
    introspection: config.introspection,
    logger,
    extendContext: definition.createContext(database, config),
  });
  const running = await server.listen(config.PORT ?? definition.defaultPort, config.HOST);
  logger.info({ url: running.url }, `${definition.name} subgraph ready`);
  return {
    ...running,
    name: definition.name,
    database,
    config,
    definition,
    stop: async () => {
      await running.stop();
      await database.dataSource.destroy();
    },
  };
}

/** `main.ts` of every subgraph: start, report a configuration problem plainly, stop cleanly on signals. */
export function runSubgraphMain<Ctx extends SubgraphContext>(definition: SubgraphDefinition<Ctx>): void {
  const logger = createLogger(definition.name);
  startSubgraph(definition, process.env, logger)
    .then((started) => exitAfterStopOnSignal(() => started.stop()))
    .catch((error: Error) => {
      if (error.name === 'ConfigError') console.error(error.message);
      else logger.fatal({ err: { name: error.name, message: error.message, stack: error.stack } }, `${definition.name} failed to start`);
      process.exit(1);
    });
}
