import type { QueryRunner } from 'typeorm';

/**
 * Builds an index CONCURRENTLY, for a migration that runs outside a transaction (`transaction = false`), so that
 * a deployment to a live national database does not stop the table's writes while it is built. A build stopped
 * half-way leaves an INVALID index that IF NOT EXISTS would keep: it is dropped and built again. The services'
 * statement timeout is for requests; at millions of rows a build takes longer. A concurrent build waits for
 * every older snapshot in the database, a running pg_dump's included.
 */
export async function createIndexConcurrently(db: QueryRunner, schema: string, index: string, definition: string): Promise<void> {
  await db.query(`SET statement_timeout = 0`);
  try {
    const invalid = (await db.query(
      `SELECT 1 FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = $1 AND c.relname = $2 AND NOT i.indisvalid`,
      [schema, index],
    )) as unknown[];
    if (invalid.length > 0) await db.query(`DROP INDEX CONCURRENTLY ${schema}.${index}`);
    await db.query(
      definition.replace(/^CREATE (UNIQUE )?INDEX /, (_match, unique = '') => `CREATE ${unique}INDEX CONCURRENTLY IF NOT EXISTS `),
    );
  } finally {
    await db.query(`RESET statement_timeout`);
  }
}
