import { concurrentIndexMigration, type IndexDefinition } from '@kinga/shared';

const INDEXES: readonly IndexDefinition[] = [
  ['referral_to_agency_due_idx', 'referrals.referral (to_agency_id, next_due_at, id) WHERE next_due_at IS NOT NULL'],
  ['referral_from_agency_due_idx', 'referrals.referral (from_agency_id, next_due_at, id) WHERE next_due_at IS NOT NULL'],
];

/**
 * A partner system's overdue list (`overdueReferrals(filter: { direction: INCOMING })`) is its agency's side of
 * the running clocks. Without these PostgreSQL intersected every running clock in the country with every
 * referral the agency was ever sent. Measured with EXPLAIN ANALYZE at 300,000 cases (600,000 referrals, of which
 * Childline received 100,000 and 2,345 are overdue), warm: 8.7 ms before, 0.4 ms after (an index-only count,
 * and the page read in due order); the list without a direction, an OR of both sides, 9.0 ms before, 3.6 ms
 * after. Built CONCURRENTLY, outside a transaction, so that a deployment to a live national database does not
 * stop referral writes while each index is built. A concurrent build waits for every older snapshot in the
 * database, a running pg_dump's included: deploy it outside the backup window, or the other replicas give up
 * waiting for the migration lock after two minutes and restart until it is done. A build stopped half-way is
 * dropped and built again at the next start (`createIndexConcurrently`). `down` runs outside a transaction too, so
 * `migration:revert` cannot run it (TypeORM opens one); drop the two indexes by hand instead.
 */
export const ReferralsAgencyDueIndexes1765400000000 = concurrentIndexMigration(
  'ReferralsAgencyDueIndexes1765400000000',
  'referrals',
  INDEXES,
);
