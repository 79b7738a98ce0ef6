import { concurrentIndexMigration, type IndexDefinition } from '@kinga/shared';

const INDEXES: readonly IndexDefinition[] = [
  ['referral_owner_updated_idx', 'referrals.referral (case_owner_agency_id, updated_at)'],
  ['referral_owner_created_idx', 'referrals.referral (case_owner_agency_id, created_at DESC, id DESC)'],
  ['referral_county_text_created_idx', 'referrals.referral ((case_county::text), created_at DESC, id DESC)'],
];

/**
 * A list of referrals without a direction is confined by `visibilityCondition`, an OR of the caller's ways to a
 * referral: the case's owner (in the caller's counties), the supervisor's counties, and the caller's own side.
 * PostgreSQL combines index lookups across an OR only when every arm has one, and the owner's and the counties'
 * (compared as text) had none: every such list read the whole table. That is a partner system's sync as the API
 * documents it (`referrals(filter: { changedSince })`). Measured with EXPLAIN ANALYZE at 300,000 cases (600,000
 * referrals), warm, for Childline's partner system: its sync of two days' changes 143 ms before, 5-11 ms after;
 * its whole list newest first 691 -> 284 ms (it still sorts the 99,812 referrals it received); a county
 * supervisor's list 778 -> 255-340 ms (12,892 referrals, taken from the indexes instead of the table). Built
 * CONCURRENTLY, outside a transaction (createIndexConcurrently); `down` too, so `migration:revert` cannot run it:
 * drop the indexes by hand.
 */
export const ReferralsVisibilityIndexes1765600000000 = concurrentIndexMigration(
  'ReferralsVisibilityIndexes1765600000000',
  'referrals',
  INDEXES,
);
