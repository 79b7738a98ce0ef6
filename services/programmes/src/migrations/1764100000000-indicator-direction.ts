import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which way progress goes on an indicator. Variance read every indicator as more-is-better, so a county that
 * brought "Decreased number of SEC cases during emergencies" below its target showed as off track. The
 * reference-data load sets it from the indicator's wording (`directionOf`) only when the framework file has
 * changed, so a database loaded before this column existed gets it from the update here: the same rule,
 * written out, as a migration must not change with the code.
 */
export class ProgrammesIndicatorDirection1764100000000 implements MigrationInterface {
  name = 'ProgrammesIndicatorDirection1764100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE programmes.indicator ADD COLUMN direction text NOT NULL DEFAULT 'INCREASE'
      CHECK (direction IN ('INCREASE', 'DECREASE'))`);
    await db.query(`UPDATE programmes.indicator SET direction = 'DECREASE' WHERE name ~* '^\\s*(reduc|decreas)'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE programmes.indicator DROP COLUMN direction`);
  }
}
