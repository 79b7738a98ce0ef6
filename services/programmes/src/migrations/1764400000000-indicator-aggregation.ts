import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How a count's quarters make up a year. Variance added every count's quarters up, so "Forty seven (47)
 * functional child protection centres" reported as 12 in each quarter read as 48 for the year. As for the
 * direction, the reference-data load sets it from the wording (`aggregationOf`) when the framework file
 * changes, and this update gives it to a database loaded before the column existed: the same rule, written
 * out, as a migration must not change with the code.
 */
/** The indicators this migration marks LEVEL, as a condition on `programmes.indicator` (tested against `aggregationOf`). */
export const LEVEL_INDICATORS_SQL = `unit = 'COUNT' AND (
     name ~* '^\\s*(no\\.|number) of (functional|active) '
  OR name ~* '^\\s*no\\. of (counties|county governments|schools) (with|having|implementing) '
  OR name ~* '^\\s*forty seven \\(47\\) functional '
  OR name ~* ' using the manuals ')`;

export class ProgrammesIndicatorAggregation1764400000000 implements MigrationInterface {
  name = 'ProgrammesIndicatorAggregation1764400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE programmes.indicator ADD COLUMN aggregation text NOT NULL DEFAULT 'FLOW'
      CHECK (aggregation IN ('FLOW', 'LEVEL'))`);
    await db.query(`UPDATE programmes.indicator SET aggregation = 'LEVEL' WHERE ${LEVEL_INDICATORS_SQL}`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE programmes.indicator DROP COLUMN aggregation`);
  }
}
