import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The order a report's changes were made in. Each is dated when its row lock is held, but to the millisecond:
 * two officers' changes queued on one lock can fall in the same one, and `history` then put them in the order of
 * their random ids. A sequence number taken as each change is written, under that lock, breaks such a tie. The
 * table is small (a few rows per report line), so filling the column for the rows there is brief.
 */
export class ProgrammesReportEventOrder1765600000000 implements MigrationInterface {
  name = 'ProgrammesReportEventOrder1765600000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE programmes.progress_report_event ADD COLUMN seq bigserial`);
    // The history is read in this order (report.loader.ts): the index that served (lineage_id, at, id) now ends in seq.
    await db.query(`DROP INDEX programmes.progress_report_event_lineage_idx`);
    await db.query(`CREATE INDEX progress_report_event_lineage_idx ON programmes.progress_report_event (lineage_id, at, seq)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX programmes.progress_report_event_lineage_idx`);
    await db.query(`CREATE INDEX progress_report_event_lineage_idx ON programmes.progress_report_event (lineage_id, at, id)`);
    await db.query(`ALTER TABLE programmes.progress_report_event DROP COLUMN seq`);
  }
}
