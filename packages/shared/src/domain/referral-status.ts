/**
 * DESIGN.md "Referral lifecycle": the states a referral can be in. The referrals subgraph owns the lifecycle;
 * the cases subgraph asks it which of a case's referrals are still open before a case is closed, so both read
 * the states, and which of them end a referral, from here.
 */
export enum ReferralStatus {
  SENT = 'SENT',
  ACKNOWLEDGED = 'ACKNOWLEDGED',
  ACCEPTED = 'ACCEPTED',
  IN_PROGRESS = 'IN_PROGRESS',
  COMPLETED = 'COMPLETED',
  CLOSED = 'CLOSED',
  DECLINED = 'DECLINED',
  CANCELLED = 'CANCELLED',
}

/** States after which neither side is a party to the case through the referral (DESIGN.md "Sensitivity tiers", rule 2). */
export const REFERRAL_ENDED_STATUSES: readonly ReferralStatus[] = [ReferralStatus.CLOSED, ReferralStatus.CANCELLED];

/** Every other state: the referral keeps at least one of its sides a party to the case. */
export const REFERRAL_OPEN_STATUSES: readonly ReferralStatus[] = Object.values(ReferralStatus).filter(
  (status) => !REFERRAL_ENDED_STATUSES.includes(status),
);
