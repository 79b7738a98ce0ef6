import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who opened a case, and the key their client gave `openCase`, with a digest of what it asked: a retry after
 * an unknown outcome (a timeout at midnight) answers with the case already opened instead of a second record
 * of the same child. Nullable and without a default, so the ALTER is instant on a large table.
 */
export class CasesCaseIdempotency1764600000000 implements MigrationInterface {
  name = 'CasesCaseIdempotency1764600000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE cases."case" ADD COLUMN opened_by text, ADD COLUMN idempotency_key text, ADD COLUMN request_digest text`);
    await db.query(
      `CREATE UNIQUE INDEX case_idempotency_uq ON cases."case" (opened_by, idempotency_key) WHERE idempotency_key IS NOT NULL`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX cases.case_idempotency_uq`);
    await db.query(`ALTER TABLE cases."case" DROP COLUMN opened_by, DROP COLUMN idempotency_key, DROP COLUMN request_digest`);
  }
}
