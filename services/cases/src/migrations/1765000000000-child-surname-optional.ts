import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A child brought in at night may give a first name only: the surname is kept when known, never invented
 * ("Unknown" would stay in the record and its initials). Dropping NOT NULL reads no row; the CHECK that a
 * surname is not blank still holds for every one given.
 */
export class CasesChildSurnameOptional1765000000000 implements MigrationInterface {
  name = 'CasesChildSurnameOptional1765000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`SET LOCAL lock_timeout = '5s'`);
    await db.query(`ALTER TABLE cases.child ALTER COLUMN last_name DROP NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE cases.child ALTER COLUMN last_name SET NOT NULL`);
  }
}
