import { erasableHistoryDownSql, erasableHistorySql } from '@kinga/shared';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An erasure request carried out reaches what this subgraph holds of a case in words: a referral's reason and
 * the reasons for declining or cancelling it, its consent reference, the notes of its steps and a service
 * record's injuries. The steps stay append-only but for their note, which may only be erased. A referral's
 * reasons stay required as the lifecycle writes them (migration 1764700000000), except on an erased referral.
 */
export class ReferralsErasure1765300000000 implements MigrationInterface {
  name = 'ReferralsErasure1765300000000';

  async up(db: QueryRunner): Promise<void> {
    // One pass over the referrals to check the constraints (seconds at 2,000,000), not blocked behind a long transaction.
    await db.query(`SET LOCAL statement_timeout = 0`);
    await db.query(`SET LOCAL lock_timeout = '5s'`);
    await db.query(`ALTER TABLE referrals.referral
      ADD COLUMN erased_at timestamptz,
      ALTER COLUMN reason DROP NOT NULL,
      ADD CONSTRAINT referral_has_reason CHECK (reason IS NOT NULL OR erased_at IS NOT NULL),
      DROP CONSTRAINT referral_declined_has_reason,
      ADD CONSTRAINT referral_declined_has_reason CHECK ((declined_at IS NULL) = (decline_reason IS NULL) OR (erased_at IS NOT NULL AND decline_reason IS NULL)),
      DROP CONSTRAINT referral_cancelled_has_reason,
      ADD CONSTRAINT referral_cancelled_has_reason CHECK ((cancelled_at IS NULL) = (cancel_reason IS NULL) OR (erased_at IS NOT NULL AND cancel_reason IS NULL))`);
    for (const sql of erasableHistorySql('referrals', 'referral_event', ['note'])) await db.query(sql);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const sql of erasableHistoryDownSql('referrals', 'referral_event')) await db.query(sql);
    await db.query(`UPDATE referrals.referral SET reason = '(erased)' WHERE reason IS NULL`);
    await db.query(`UPDATE referrals.referral SET decline_reason = '(erased)' WHERE declined_at IS NOT NULL AND decline_reason IS NULL`);
    await db.query(`UPDATE referrals.referral SET cancel_reason = '(erased)' WHERE cancelled_at IS NOT NULL AND cancel_reason IS NULL`);
    await db.query(`ALTER TABLE referrals.referral
      DROP CONSTRAINT referral_cancelled_has_reason,
      ADD CONSTRAINT referral_cancelled_has_reason CHECK ((cancelled_at IS NULL) = (cancel_reason IS NULL)),
      DROP CONSTRAINT referral_declined_has_reason,
      ADD CONSTRAINT referral_declined_has_reason CHECK ((declined_at IS NULL) = (decline_reason IS NULL)),
      DROP CONSTRAINT referral_has_reason,
      ALTER COLUMN reason SET NOT NULL,
      DROP COLUMN erased_at`);
  }
}
