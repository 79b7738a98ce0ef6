import { concurrentIndexMigration, type IndexDefinition } from '@kinga/shared';

/**
 * No index began with `created_at`: the public `Indicator.observedReferralCount` (cases referred per county and
 * quarter in a year) read all 2,000,000 referrals of the national data set on every request, and a national
 * supervisor's list, newest first, counted and sorted them all for each page. The counted columns are included,
 * so a year's count reads this index alone.
 */
const INDEXES: readonly IndexDefinition[] = [
  ['referral_created_idx', 'referrals.referral (created_at DESC, id DESC) INCLUDE (case_county, case_id)'],
];

/** Built CONCURRENTLY, outside a transaction (createIndexConcurrently); `down` too, so drop it by hand to revert. */
export const ReferralsCreatedIndex1765800000000 = concurrentIndexMigration('ReferralsCreatedIndex1765800000000', 'referrals', INDEXES);
