import { DataSource, type EntitySchema, type MixedList } from 'typeorm';
import type { Logger } from '../logging/logger';
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
}

export interface SubgraphDataSource {
  dataSource: DataSource;
  sqlCounter: SqlStatementCounter;
  schema: string;
}

/** A TypeORM data source confined to one schema, with migrations (never `synchronize`). */
export function createSubgraphDataSource(options: SubgraphDataSourceOptions): SubgraphDataSource {
  const sqlCounter = new SqlStatementCounter(options.logger);
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
      max: options.poolSize,
      // A statement that runs away must not hold a connection, or a PGlite session, for ever.
      statement_timeout: 15_000,
      idle_in_transaction_session_timeout: 15_000,
      connectionTimeoutMillis: 10_000,
    },
  });
  return { dataSource, sqlCounter, schema: options.schema };
}

/** Connects, creates the schema if it is new, and applies pending migrations. */
export async function initialiseDatabase({ dataSource, schema }: SubgraphDataSource): Promise<void> {
  if (!dataSource.isInitialized) await dataSource.initialize();
  await dataSource.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  await dataSource.runMigrations({ transaction: 'each' });
}

export async function pendingMigrations(dataSource: DataSource): Promise<boolean> {
  return dataSource.showMigrations();
}
