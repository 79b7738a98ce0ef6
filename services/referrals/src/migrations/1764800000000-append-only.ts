import { appendOnlyMigration } from '@kinga/shared';

/** Its audit trail and referral_event stay append-only whatever a session sets (packages/shared audit-store.ts). */
export const ReferralsAppendOnly1764800000000 = appendOnlyMigration('ReferralsAppendOnly1764800000000', 'referrals', ['referral_event']);
