import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which transactions changed the case statistics summary, so a cases process can keep the national table it
 * computed and know exactly when it is out of date: a table taken in a database snapshot is current while
 * no transaction it could not see has since committed a change. A single version counter would say the same,
 * but every case opened would then queue behind the last one's commit on one row; here each writing
 * transaction appends its own id (no two writers touch the same row) and the check is an index range scan
 * over the changes since the table was taken.
 */
export class CasesStatisticsChanges1764100000000 implements MigrationInterface {
  name = 'CasesStatisticsChanges1764100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE cases.case_statistics_change (
      transaction_id xid8 PRIMARY KEY,
      -- The statement's clock, not the transaction's start: pruning must never take a change younger than it looks.
      recorded_at timestamptz NOT NULL DEFAULT clock_timestamp()
    )`);
    await db.query(`CREATE INDEX case_statistics_change_recorded_idx ON cases.case_statistics_change (recorded_at)`);
    await db.query(`CREATE FUNCTION cases.record_case_statistics_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO cases.case_statistics_change (transaction_id) VALUES (pg_current_xact_id()) ON CONFLICT DO NOTHING;
        RETURN NULL;
      END $$`);
    await db.query(`CREATE TRIGGER case_statistics_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON cases.case_statistics_cell
      FOR EACH STATEMENT EXECUTE FUNCTION cases.record_case_statistics_change()`);
    // Bulk loads skip triggers (session_replication_role = replica, scripts/seed-scale) and then rebuild the
    // summary: that rebuild must still be seen by every process holding a table.
    await db.query(`ALTER TABLE cases.case_statistics_cell ENABLE ALWAYS TRIGGER case_statistics_change`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER case_statistics_change ON cases.case_statistics_cell`);
    await db.query(`DROP FUNCTION cases.record_case_statistics_change()`);
    await db.query(`DROP TABLE cases.case_statistics_change`);
  }
}
