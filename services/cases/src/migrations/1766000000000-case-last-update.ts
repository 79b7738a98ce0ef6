import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who made a case's last `updateCase`, and a digest of what they asked: an officer whose answer was lost on a
 * weak link sends the same change again with the same `expectedVersion`, and is answered with the case their
 * change made rather than told someone else changed it. Nullable columns without a default: instant on a large table.
 */
export class CasesCaseLastUpdate1766000000000 implements MigrationInterface {
  name = 'CasesCaseLastUpdate1766000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE cases."case" ADD COLUMN last_update_by text, ADD COLUMN last_update_digest text`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE cases."case" DROP COLUMN last_update_by, DROP COLUMN last_update_digest`);
  }
}
