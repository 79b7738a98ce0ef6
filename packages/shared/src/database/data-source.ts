import { DataSource, type EntitySchema, type MixedList, type QueryRunner } from 'typeorm';
import type { Logger } from '../logging/logger';
import { namedStatementClient, namesStatements, type StatementNaming } from './named-statements';
import { SqlStatementCounter } from './sql-statement-counter';

export interface SubgraphDataSourceOptions {
  /** The subgraph's own PostgreSQL schema, e.g. `cases`. */
  schema: string;
  url: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  poolSize: number;
  logger: Logger;
  /** Require TLS to the server (production, non-local). */
  ssl?: boolean;
  /**
   * Send parameterised statements as named prepared statements where the server keeps them per connection
   * (default true). False behind a pooler that hands one connection's statements to another (PgBouncer in
   * transaction mode before 1.21).
   */
  namedStatements?: boolean;
}

export interface SubgraphDataSource {
  dataSource: DataSource;
  sqlCounter: SqlStatementCounter;
  schema: string;
  /** Turned on by `initialiseDatabase` once the server is known to keep prepared statements per connection. */
  statementNaming: StatementNaming;
}

/** A TypeORM data source confined to one schema, with migrations (never `synchronize`). */
export function createSubgraphDataSource(options: SubgraphDataSourceOptions): SubgraphDataSource {
  const sqlCounter = new SqlStatementCounter(options.logger);
  const statementNaming: StatementNaming = { allowed: options.namedStatements ?? true, enabled: false };
  const dataSource = new DataSource({
    type: 'postgres',
    url: options.url,
    schema: options.schema,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logger: sqlCounter,
    maxQueryExecutionTime: 1000,
    ssl: options.ssl ? { rejectUnauthorized: true } : undefined,
    applicationName: `kinga-${options.schema}`,
    extra: {
      Client: namedStatementClient(statementNaming),
      max: options.poolSize,
      // A statement that runs away must not hold a connection, or a PGlite session, for ever.
      statement_timeout: 15_000,
      idle_in_transaction_session_timeout: 15_000,
      connectionTimeoutMillis: 10_000,
    },
  });
  return { dataSource, sqlCounter, schema: options.schema, statementNaming };
}

/**
 * Connects and, unless another role migrates (`migrate: false`), creates the schema if it is new and applies
 * pending migrations. The schema is created only when
 * missing: PostgreSQL checks the right to create schemas in the database before `IF NOT EXISTS`, and a service
 * role that owns its schema (deploy/postgres) has no such right, nor needs one.
 */
export async function initialiseDatabase(
  { dataSource, schema, statementNaming }: SubgraphDataSource,
  {
    migrate = true,
    afterMigrations,
    logger,
  }: { migrate?: boolean; afterMigrations?: (dataSource: DataSource) => Promise<void>; logger?: Logger } = {},
): Promise<void> {
  if (!dataSource.isInitialized) await dataSource.initialize();
  if (migrate) {
    // Replicas starting at once migrate (and grant) one after the other: TypeORM takes no lock of its own, and
    // concurrent GRANTs on one table fail ("tuple concurrently updated"). The lock is held by a connection of
    // its own, so the data source needs two.
    const lock = dataSource.createQueryRunner();
    await lock.connect();
    const key = `kinga:migrate:${schema}`;
    try {
      await takeMigrationLock(lock, key, logger);
      const existing = (await dataSource.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema])) as unknown[];
      if (existing.length === 0) await dataSource.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
      await dataSource.runMigrations({ transaction: 'each' });
      await afterMigrations?.(dataSource);
    } finally {
      const [released] = (await lock.query('SELECT pg_advisory_unlock(hashtext($1)) AS released', [key]).catch(() => [])) as Array<{
        released: boolean;
      }>;
      if (released && !released.released) logger?.warn({ schema }, POOLED_LOCK_WARNING);
      await lock.release();
    }
  }
  const [{ version }] = (await dataSource.query('SELECT version() AS version')) as [{ version: string }];
  statementNaming.enabled = statementNaming.allowed && namesStatements(version);
}

const LOCK_WAIT_MS = 120_000;
const POOLED_LOCK_WARNING =
  'the migration lock was not held by its connection at the end: is PostgreSQL behind a pooler in transaction mode? Migrate over a direct connection';

/**
 * Waits for another replica's migrations, saying so once, and gives up after two minutes: a lock left on a
 * pooled server connection (PgBouncer in transaction mode keeps no session) would otherwise stop every start.
 */
async function takeMigrationLock(lock: QueryRunner, key: string, logger?: Logger): Promise<void> {
  const started = Date.now();
  for (let said = false; ; said = true) {
    const [{ taken }] = (await lock.query('SELECT pg_try_advisory_lock(hashtext($1)) AS taken', [key])) as Array<{ taken: boolean }>;
    if (taken) return;
    if (!said) logger?.info({ key }, 'waiting for another replica to finish migrating');
    if (Date.now() - started > LOCK_WAIT_MS)
      throw new Error(
        `could not take the migration lock in ${LOCK_WAIT_MS / 1000} s: another replica is migrating, or ${POOLED_LOCK_WARNING.split(': ')[1]}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export async function pendingMigrations(dataSource: DataSource): Promise<boolean> {
  return dataSource.showMigrations();
}
