import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * recordService takes an optional idempotency key, as createReferral does: a clinician whose answer never came
 * sends the record again with it, and gets the record already made instead of a second one. The index settles
 * concurrent retries; the digest tells a retry from another record under the same key.
 */
export class ReferralsServiceRecordIdempotency1764900000000 implements MigrationInterface {
  name = 'ReferralsServiceRecordIdempotency1764900000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE referrals.service_record ADD COLUMN idempotency_key text, ADD COLUMN request_digest text`);
    await db.query(
      `CREATE UNIQUE INDEX service_record_idempotency_idx ON referrals.service_record (recorded_by, idempotency_key) WHERE idempotency_key IS NOT NULL`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX referrals.service_record_idempotency_idx`);
    await db.query(`ALTER TABLE referrals.service_record DROP COLUMN request_digest, DROP COLUMN idempotency_key`);
  }
}
