import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A partner system syncs by asking for its agency's referrals that changed since its previous sync
 * (`filter.changedSince`, on `updated_at`, which every step sets). An agency can be party to a hundred thousand
 * referrals nationally, of which a poll finds a handful: these find them without reading the rest.
 */
export class ReferralsSyncIndexes1764200000000 implements MigrationInterface {
  name = 'ReferralsSyncIndexes1764200000000';

  async up(db: QueryRunner): Promise<void> {
    // At 2,000,000 referrals an index takes seconds to build; the services' statement timeout is for requests.
    await db.query(`SET LOCAL statement_timeout = 0`);
    await db.query(`CREATE INDEX IF NOT EXISTS referral_to_agency_updated_idx ON referrals.referral (to_agency_id, updated_at)`);
    await db.query(`CREATE INDEX IF NOT EXISTS referral_from_agency_updated_idx ON referrals.referral (from_agency_id, updated_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX IF EXISTS referrals.referral_from_agency_updated_idx`);
    await db.query(`DROP INDEX IF EXISTS referrals.referral_to_agency_updated_idx`);
  }
}
