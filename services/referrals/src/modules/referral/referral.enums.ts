import { ReferralStatus } from '@kinga/shared';
import { registerEnumType } from 'type-graphql';

export { AgencyType, ReferralStatus, ServiceType } from '@kinga/shared';

export enum Urgency {
  /** Sexual violence within the last 72 hours: post-exposure prophylaxis is time-critical. */
  EMERGENCY = 'EMERGENCY',
  HIGH = 'HIGH',
  ROUTINE = 'ROUTINE',
}

export enum ReferralDirection {
  INCOMING = 'INCOMING',
  OUTGOING = 'OUTGOING',
}

export enum ServiceOutcome {
  DELIVERED = 'DELIVERED',
  PARTIALLY_DELIVERED = 'PARTIALLY_DELIVERED',
  NOT_DELIVERED = 'NOT_DELIVERED',
  REFERRED_ONWARD = 'REFERRED_ONWARD',
}

registerEnumType(ReferralStatus, { name: 'ReferralStatus', description: 'Where a referral is in its lifecycle.' });
registerEnumType(Urgency, {
  name: 'Urgency',
  description: 'Sets the SLA clocks: EMERGENCY 1 h to acknowledge / 24 h to start, HIGH 24 h / 72 h, ROUTINE 72 h / 14 days.',
});
registerEnumType(ReferralDirection, { name: 'ReferralDirection', description: 'Referrals received (INCOMING) or sent (OUTGOING).' });
registerEnumType(ServiceOutcome, { name: 'ServiceOutcome', description: 'What came of a service the recipient delivered.' });
