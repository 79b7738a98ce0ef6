import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Builds an index CONCURRENTLY, for a migration that runs outside a transaction (`transaction = false`), so that
 * a deployment to a live national database does not stop the table's writes while it is built. A build stopped
 * half-way leaves an INVALID index that IF NOT EXISTS would keep: it is dropped and built again. The services'
 * statement timeout is for requests; at millions of rows a build takes longer. A concurrent build waits for
 * every older snapshot in the database, a running pg_dump's included. `on` is what follows `ON`.
 */
export async function createIndexConcurrently(db: QueryRunner, schema: string, index: string, on: string, unique = false): Promise<void> {
  await db.query(`SET statement_timeout = 0`);
  try {
    const invalid = (await db.query(
      `SELECT 1 FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = $1 AND c.relname = $2 AND NOT i.indisvalid`,
      [schema, index],
    )) as unknown[];
    if (invalid.length > 0) await db.query(`DROP INDEX CONCURRENTLY ${schema}.${index}`);
    await db.query(`CREATE ${unique ? 'UNIQUE ' : ''}INDEX CONCURRENTLY IF NOT EXISTS ${index} ON ${on}`);
  } finally {
    await db.query(`RESET statement_timeout`);
  }
}

/**
 * An index a migration builds: its name, what follows `ON` (e.g. `cases."case" (opened_on DESC, id DESC)`), and
 * `'unique'` for a unique one.
 */
export type IndexDefinition = readonly [name: string, on: string, kind?: 'unique'];

/**
 * A migration that builds `indexes` CONCURRENTLY (createIndexConcurrently), outside a transaction, and drops the
 * `retired` ones they make redundant; `down` builds the retired ones again and drops the new ones. `down` runs
 * outside a transaction too, so `migration:revert` (which opens one) cannot run it: drop them by hand.
 */
export function concurrentIndexMigration(
  name: string,
  schema: string,
  indexes: readonly IndexDefinition[],
  retired: readonly IndexDefinition[] = [],
) {
  const build = (db: QueryRunner, [index, on, kind]: IndexDefinition) => createIndexConcurrently(db, schema, index, on, kind === 'unique');
  const drop = (db: QueryRunner, [index]: IndexDefinition) => db.query(`DROP INDEX CONCURRENTLY IF EXISTS ${schema}.${index}`);
  return class ConcurrentIndexes implements MigrationInterface {
    name = name;
    transaction = false;

    async up(db: QueryRunner): Promise<void> {
      for (const index of indexes) await build(db, index);
      for (const index of retired) await drop(db, index);
    }

    async down(db: QueryRunner): Promise<void> {
      for (const index of retired) await build(db, index);
      for (const index of indexes) await drop(db, index);
    }
  };
}
