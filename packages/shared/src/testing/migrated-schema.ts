import { createSubgraphDataSource, initialiseDatabase, type SubgraphDataSource } from '../database/data-source';
import { createLogger } from '../logging/logger';
import type { SubgraphDefinition } from '../server/subgraph-runtime';

/**
 * A subgraph's schema migrated into the database at `url`, with no server: for tests that fill a table in bulk
 * and look at what PostgreSQL makes of the subgraph's own statements (their plans at scale).
 */
export async function migratedSchema(
  definition: Pick<SubgraphDefinition, 'name' | 'entities' | 'migrations'>,
  url: string,
): Promise<SubgraphDataSource> {
  const database = createSubgraphDataSource({
    schema: definition.name,
    url,
    entities: definition.entities,
    migrations: definition.migrations,
    poolSize: 2,
    logger: createLogger(definition.name, 'silent'),
  });
  await initialiseDatabase(database);
  return database;
}

/** The plan PostgreSQL would choose for `sql`, as EXPLAIN prints it. */
export async function planOf(database: SubgraphDataSource, sql: string, parameters: unknown[]): Promise<string> {
  const rows = (await database.dataSource.query(`EXPLAIN ${sql}`, parameters)) as Array<{ 'QUERY PLAN': string }>;
  return rows.map((row) => row['QUERY PLAN']).join('\n');
}

/** What `run` returns, and how many SQL statements `database` sent while it ran (nothing else may use it meanwhile). */
export async function withStatementCount<T>(
  database: SubgraphDataSource,
  run: () => Promise<T>,
): Promise<{ value: T; statements: number }> {
  const before = database.sqlCounter.total;
  const value = await run();
  return { value, statements: database.sqlCounter.total - before };
}
