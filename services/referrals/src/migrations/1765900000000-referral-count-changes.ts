import { changeLogMigration, type ChangeLogDefinition } from '@kinga/shared';

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

export const ReferralsCountChanges1765900000000 = changeLogMigration('ReferralsCountChanges1765900000000', LOG);
