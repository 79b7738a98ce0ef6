import type { MigrationInterface, QueryRunner } from 'typeorm';

const OPEN = `status IN ('SENT','ACKNOWLEDGED','ACCEPTED','IN_PROGRESS')`;
const RUNNING_CLOCK = 'next_due_at IS NOT NULL';

/**
 * Indexes for the national data set (bench/, BENCHMARKS.md), checked with EXPLAIN ANALYZE at 2,000,000
 * referrals. A provider's working queue is a few hundred open referrals among tens of thousands it has ever
 * received: the partial index finds and counts them without touching the closed ones (the visibility columns
 * are included so the count is an index-only scan). Overdue lists are per party: without these the planner
 * walks every running clock in the country (45,000) to find one CPU's 500. The visibility condition compares
 * `case_county::text` with a text array, hence the expression in the county indexes.
 */
export class ReferralsScaleIndexes1764000000000 implements MigrationInterface {
  name = 'ReferralsScaleIndexes1764000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX IF NOT EXISTS referral_incoming_open_idx ON referrals.referral (to_provider_id, created_at DESC, id DESC)
      INCLUDE (status, case_owner_agency_id, case_county, from_provider_id, from_agency_id, to_agency_id) WHERE ${OPEN}`);
    await db.query(`CREATE INDEX IF NOT EXISTS referral_outgoing_open_idx ON referrals.referral (from_provider_id, created_at DESC, id DESC)
      INCLUDE (status, case_owner_agency_id, case_county, to_provider_id, from_agency_id, to_agency_id) WHERE ${OPEN}`);
    await db.query(
      `CREATE INDEX IF NOT EXISTS referral_to_provider_due_idx ON referrals.referral (to_provider_id, next_due_at, id) WHERE ${RUNNING_CLOCK}`,
    );
    await db.query(
      `CREATE INDEX IF NOT EXISTS referral_from_provider_due_idx ON referrals.referral (from_provider_id, next_due_at, id) WHERE ${RUNNING_CLOCK}`,
    );
    await db.query(`CREATE INDEX IF NOT EXISTS referral_owner_county_due_idx ON referrals.referral
      (case_owner_agency_id, (case_county::text), next_due_at, id) WHERE ${RUNNING_CLOCK}`);
    await db.query(
      `CREATE INDEX IF NOT EXISTS referral_county_due_idx ON referrals.referral ((case_county::text), next_due_at, id) WHERE ${RUNNING_CLOCK}`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    for (const index of [
      'referral_county_due_idx',
      'referral_owner_county_due_idx',
      'referral_from_provider_due_idx',
      'referral_to_provider_due_idx',
      'referral_outgoing_open_idx',
      'referral_incoming_open_idx',
    ]) {
      await db.query(`DROP INDEX IF EXISTS referrals.${index}`);
    }
  }
}
