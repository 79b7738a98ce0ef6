import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A version per case, raised by every change of the case row, so that an edit made from a stale copy (two
 * officers, or an officer and a supervisor, editing the same case) is refused with CONFLICT instead of
 * silently replacing the other's change (`UpdateCaseInput.expectedVersion`). A default keeps the ALTER
 * instant on a large table: existing cases start at 1.
 */
export class CasesCaseVersion1764500000000 implements MigrationInterface {
  name = 'CasesCaseVersion1764500000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `ALTER TABLE cases."case" ADD COLUMN version integer NOT NULL DEFAULT 1 CONSTRAINT case_version_positive CHECK (version > 0)`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE cases."case" DROP COLUMN version`);
  }
}
