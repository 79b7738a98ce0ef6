import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Caregivers replaced on a case are kept, marked removed, instead of deleted: who looked after a child (the
 * suspected abuser among them, at times) stays on the record, and the reads of their details stay on the case's
 * audit trail, which finds caregivers by child. Only the current ones hold a position.
 */
export class CasesCaregiverHistory1765100000000 implements MigrationInterface {
  name = 'CasesCaregiverHistory1765100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`SET LOCAL lock_timeout = '5s'`);
    await db.query(`ALTER TABLE cases.caregiver ADD COLUMN removed_at timestamptz`);
    await db.query(`ALTER TABLE cases.caregiver DROP CONSTRAINT caregiver_child_id_position_key`);
    await db.query(`CREATE UNIQUE INDEX caregiver_current_position ON cases.caregiver (child_id, position) WHERE removed_at IS NULL`);
    await db.query(`CREATE INDEX caregiver_child_idx ON cases.caregiver (child_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM cases.caregiver WHERE removed_at IS NOT NULL`);
    await db.query(`DROP INDEX cases.caregiver_child_idx`);
    await db.query(`DROP INDEX cases.caregiver_current_position`);
    await db.query(`ALTER TABLE cases.caregiver ADD CONSTRAINT caregiver_child_id_position_key UNIQUE (child_id, position)`);
    await db.query(`ALTER TABLE cases.caregiver DROP COLUMN removed_at`);
  }
}
