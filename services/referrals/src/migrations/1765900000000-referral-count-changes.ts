import { changeLogDown, changeLogUp, type ChangeLogDefinition } from '@kinga/shared';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which transactions changed what the public referral counts count (a referral's creation time, case or county;
 * a referral added or removed), so a referrals process can keep a year's `Indicator.observedReferralCount` it
 * computed and know exactly when it is out of date (ChangeLoggedSnapshots), as the cases subgraph does for its
 * statistics (migration 1764100000000). A referral's steps (status, notes) change none of it and are not logged.
 */
const LOG: ChangeLogDefinition = {
  schema: 'referrals',
  log: 'referral_count_change',
  watched: 'referral',
  events: 'INSERT OR UPDATE OF created_at, case_id, case_county OR DELETE OR TRUNCATE',
};

export class ReferralsCountChanges1765900000000 implements MigrationInterface {
  name = 'ReferralsCountChanges1765900000000';

  async up(db: QueryRunner): Promise<void> {
    for (const statement of changeLogUp(LOG)) await db.query(statement);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const statement of changeLogDown(LOG)) await db.query(statement);
  }
}
