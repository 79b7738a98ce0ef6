import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who created an agency or a service point, and the key their client gave with it, with a digest of what it
 * asked: an administrator's retry after a timeout answers with the entry already made, instead of a second entry
 * that referrals and consents would then split between. Nullable and without a default: instant on any table.
 */
export class DirectoryCreateIdempotency1765200000000 implements MigrationInterface {
  name = 'DirectoryCreateIdempotency1765200000000';

  async up(db: QueryRunner): Promise<void> {
    for (const table of ['agency', 'service_provider']) {
      await db.query(
        `ALTER TABLE directory.${table} ADD COLUMN created_by text, ADD COLUMN idempotency_key text, ADD COLUMN request_digest text`,
      );
      await db.query(
        `CREATE UNIQUE INDEX ${table}_idempotency_uq ON directory.${table} (created_by, idempotency_key) WHERE idempotency_key IS NOT NULL`,
      );
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['agency', 'service_provider']) {
      await db.query(`DROP INDEX directory.${table}_idempotency_uq`);
      await db.query(`ALTER TABLE directory.${table} DROP COLUMN created_by, DROP COLUMN idempotency_key, DROP COLUMN request_digest`);
    }
  }
}
