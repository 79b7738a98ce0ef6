import {
  hasRole,
  isAuthenticated,
  isPublic,
  isSubjectAccess,
  roleMayReadTier,
  rulesFromTierTable,
  Tier,
  type Caller,
  type SubgraphContext,
} from '@kinga/shared';
import { mayReadReferralField, PROVIDER_ROLES, relationTo, type FieldClass } from './referral.access';
import type { ReferralEventRow, ReferralRow, ServiceRecordRow } from './referral.row';
import { REFERRAL_EVENT_FIELDS, REFERRAL_FIELDS } from './referral.type';
import { SERVICE_RECORD_FIELDS } from '../service-record/service-record.type';

/** Root fields let any signed-in caller in; what they then see is filtered by relation (SQL) and by field. */
export const referralQueryRules = {
  referral: isAuthenticated,
  referralByReference: isAuthenticated,
  referrals: isAuthenticated,
  referralSyncPoint: isAuthenticated,
  overdueReferrals: isAuthenticated,
};

const providerStaff = hasRole(...PROVIDER_ROLES);

/** Which party may take each step is decided in the service, from the lifecycle table; here: who may try. */
export const referralMutationRules = {
  createReferral: providerStaff,
  acknowledgeReferral: providerStaff,
  acceptReferral: providerStaff,
  declineReferral: providerStaff,
  startReferral: providerStaff,
  completeReferral: providerStaff,
  cancelReferral: providerStaff,
  closeReferral: providerStaff,
  recordService: providerStaff,
};

/**
 * Clinical findings: a role that may read CLINICAL, and either the case's owning agency (or supervisor) or
 * the provider that recorded them. A sender that does not own the case does not see another's findings.
 */
function mayReadServiceRecordField(
  caller: Caller | null,
  cls: FieldClass,
  record: ServiceRecordRow & { referral: ReferralRow },
  ctx: SubgraphContext,
): boolean {
  if (cls.tier !== Tier.CLINICAL || (caller && isSubjectAccess(caller, record.referral)))
    return mayReadReferralField(caller, cls, record.referral, ctx.now);
  if (!caller || !roleMayReadTier(caller.role, Tier.CLINICAL)) return false;
  const relation = relationTo(caller, record.referral);
  return relation === 'OWNER' || relation === 'SUPERVISOR' || (caller.providerId !== undefined && caller.providerId === record.providerId);
}

export const referralTypeRules = {
  Referral: rulesFromTierTable<ReferralRow, FieldClass>(REFERRAL_FIELDS, {
    recordType: 'Referral',
    recordId: (r) => r.id,
    decide: (caller, cls, r, ctx) => mayReadReferralField(caller, cls, r, ctx.now),
  }),
  ReferralEvent: rulesFromTierTable<ReferralEventRow & { referral: ReferralRow }, FieldClass>(REFERRAL_EVENT_FIELDS, {
    recordType: 'Referral',
    recordId: (e) => e.referralId,
    decide: (caller, cls, e, ctx) => mayReadReferralField(caller, cls, e.referral, ctx.now),
  }),
  ServiceRecord: rulesFromTierTable<ServiceRecordRow & { referral: ReferralRow }, FieldClass>(SERVICE_RECORD_FIELDS, {
    recordType: 'ServiceRecord',
    recordId: (s) => s.id,
    decide: mayReadServiceRecordField,
  }),
  // Wrappers: what they hold is guarded field by field above.
  ReferralConnection: isPublic,
  ReferralEdge: isPublic,
  PageInfo: isPublic,
  ReferralPayload: isPublic,
  RecordServicePayload: isPublic,
  // Any caller may resolve the parties: only the gateway can reach a subgraph, and clients never see the field.
  Case: { id: isPublic, referralParties: isPublic, referrals: isAuthenticated },
  ReferralParty: isPublic,
  ServiceProvider: { id: isPublic, incomingReferrals: isAuthenticated, outgoingReferrals: isAuthenticated },
};
