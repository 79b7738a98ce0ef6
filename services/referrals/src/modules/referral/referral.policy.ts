import {
  AgencyType,
  forbidden,
  hasRole,
  isAuthenticated,
  isPublic,
  isSubjectAccess,
  roleMayReadTier,
  rulesFromTierTable,
  ServiceType,
  DATA_PROTECTION_ROLES,
  Tier,
  unauthenticated,
  type Caller,
  type RecordDecision,
  type ShieldRule,
  type SubgraphContext,
} from '@kinga/shared';
import type { GraphQLResolveInfo } from 'graphql';
import { rule } from 'graphql-shield';
import { mayReadReferralField, PROVIDER_ROLES, relationTo, SENDING_ROLES, type FieldClass } from './referral.access';
import { partiesInState } from './referral.lifecycle';
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
  createReferral: hasRole(...SENDING_ROLES),
  acknowledgeReferral: providerStaff,
  acceptReferral: providerStaff,
  declineReferral: providerStaff,
  startReferral: providerStaff,
  completeReferral: providerStaff,
  cancelReferral: providerStaff,
  closeReferral: providerStaff,
  recordService: providerStaff,
};

/** Services whose record says what was done to the child's body: medical care, PEP, a forensic examination. */
export const CLINICAL_SERVICES: ReadonlySet<ServiceType> = new Set([
  ServiceType.MEDICAL_CARE,
  ServiceType.POST_EXPOSURE_PROPHYLAXIS,
  ServiceType.FORENSIC_EXAMINATION,
]);

/**
 * Clinical findings, and what was done and when for a clinical service: a role that may read CLINICAL, and
 * either the case's owning agency (or supervisor) or, while its part in the referral lasts (DESIGN.md rule 2),
 * the provider that recorded them. A sender that does not own the case does not see another's findings. Read
 * at CLINICAL, so audited.
 */
function mayReadServiceRecordField(
  caller: Caller | null,
  fieldClass: FieldClass,
  record: ServiceRecordRow & { referral: ReferralRow },
  ctx: SubgraphContext,
): RecordDecision {
  const clinical =
    fieldClass.tier === Tier.CLINICAL || (fieldClass.clinicalForClinicalService === true && CLINICAL_SERVICES.has(record.service));
  const cls: FieldClass = clinical ? { ...fieldClass, tier: Tier.CLINICAL } : fieldClass;
  const readAt = cls.tier;
  if (!clinical || (caller && isSubjectAccess(caller, record.referral)))
    return { allowed: mayReadReferralField(caller, cls, record.referral, ctx.now), readAt };
  if (!caller || !roleMayReadTier(caller.role, Tier.CLINICAL)) return false;
  const relation = relationTo(caller, record.referral);
  const recorderStillParty =
    caller.providerId !== undefined && caller.providerId === record.providerId && partiesInState(record.referral.status).recipient;
  const allowed = relation === 'OWNER' || relation === 'SUPERVISOR' || recorderStillParty;
  return { allowed, readAt };
}

/** Services whose notes are a psychosocial assessment of the child: NARRATIVE (DESIGN.md "Sensitivity tiers"). */
const PSYCHOSOCIAL_SERVICES: ReadonlySet<ServiceType> = new Set([ServiceType.PSYCHOSOCIAL_SUPPORT, ServiceType.HELPLINE_COUNSELLING]);

/**
 * The tier of what the recipient writes on a referral (a decline reason, a step's note). A clinic writes
 * findings, whatever was asked of it ("PEP started, HIV test reactive" on a counselling referral): CLINICAL for a
 * clinical service or a health agency. A counsellor writes an assessment: NARRATIVE. Anything else is `base`.
 */
export function recipientTextTier(referral: Pick<ReferralRow, 'serviceRequested' | 'toAgencyType'>, base: Tier): Tier {
  if (CLINICAL_SERVICES.has(referral.serviceRequested) || referral.toAgencyType === AgencyType.HEALTH) return Tier.CLINICAL;
  if (PSYCHOSOCIAL_SERVICES.has(referral.serviceRequested)) return Tier.NARRATIVE;
  return base;
}

/** Who wrote a text: their provider (null when not a provider's staff) and, where it is known, the person. */
interface Writer {
  providerId: string | null;
  sub?: string;
}

/**
 * Text on a referral: decided like the case's fields, at the tier `recipientTextTier` gives what the recipient
 * wrote. A party's text (`fromRecipient` fields: a decline reason, a step's note) is read back, while the
 * writer's side is still a party, by its provider's staff whose role reads the text's tier, and by the person
 * who wrote it whose role reads the field's own: they learn nothing they did not write. Colleagues whose role
 * does not read the tier (a police officer at a unit a forensic referral went to, a caseworker at a hospital)
 * are decided like anyone else.
 */
function mayReadReferralText(
  caller: Caller | null,
  fieldClass: FieldClass,
  referral: ReferralRow,
  writer: Writer,
  ctx: SubgraphContext,
): RecordDecision {
  const byRecipient = writer.providerId !== null && writer.providerId === referral.toProviderId;
  const bySender = writer.providerId !== null && writer.providerId === referral.fromProviderId;
  const tier = fieldClass.fromRecipient === true && byRecipient ? recipientTextTier(referral, fieldClass.tier) : fieldClass.tier;
  const parties = partiesInState(referral.status);
  const writerStillParty = (byRecipient && parties.recipient) || (bySender && parties.sender);
  const ownText =
    fieldClass.fromRecipient === true &&
    !!caller &&
    writerStillParty &&
    caller.providerId === writer.providerId &&
    (roleMayReadTier(caller.role, tier) || (caller.sub === writer.sub && roleMayReadTier(caller.role, fieldClass.tier)));
  const cls: FieldClass = { ...fieldClass, tier };
  return { allowed: ownText || mayReadReferralField(caller, cls, referral, ctx.now), readAt: tier };
}

/**
 * A case's referrals are listed as the caller may see them, so a caller related to none lists none; but the
 * DPO, who reads a case through a subject access request, would be told "no referrals" of a case that has
 * them: refused instead, saying where they are.
 */
const caseReferralsRule: ShieldRule = rule('referrals:caseReferrals', { cache: 'no_cache' })((
  parent: { id: string },
  _args,
  ctx: SubgraphContext,
  info: GraphQLResolveInfo,
) => {
  if (!ctx.caller) return ctx.audit.refuse('Case', parent.id, info.fieldName, unauthenticated('Sign in to use this', info));
  if (!DATA_PROTECTION_ROLES.includes(ctx.caller.role)) return true;
  return ctx.audit.refuse(
    'Case',
    parent.id,
    info.fieldName,
    forbidden("A data protection officer reads a case's referrals through SubjectAccessRequest.referrals", info),
  );
});

export const referralTypeRules = {
  Referral: rulesFromTierTable<ReferralRow, FieldClass>(REFERRAL_FIELDS, {
    recordType: 'Referral',
    recordId: (r) => r.id,
    // The recipient writes the decline reason; the other texts are the sender's or the owner's.
    decide: (caller, cls, r, ctx) => mayReadReferralText(caller, cls, r, { providerId: r.toProviderId }, ctx),
  }),
  ReferralEvent: rulesFromTierTable<ReferralEventRow & { referral: ReferralRow }, FieldClass>(REFERRAL_EVENT_FIELDS, {
    recordType: 'Referral',
    recordId: (e) => e.referralId,
    decide: (caller, cls, e, ctx) => mayReadReferralText(caller, cls, e.referral, { providerId: e.actorProviderId, sub: e.actor }, ctx),
  }),
  ServiceRecord: rulesFromTierTable<ServiceRecordRow & { referral: ReferralRow }, FieldClass>(SERVICE_RECORD_FIELDS, {
    recordType: 'ServiceRecord',
    recordId: (s) => s.id,
    decide: mayReadServiceRecordField,
  }),
  // Wrappers: what they hold is guarded field by field above.
  ReferralConnection: isPublic,
  ReferralEdge: isPublic,
  ServiceRecordConnection: isPublic,
  ServiceRecordEdge: isPublic,
  PageInfo: isPublic,
  ReferralPayload: isPublic,
  RecordServicePayload: isPublic,
  // Any caller may resolve the parties: only the gateway can reach a subgraph, and clients never see the field.
  Case: { id: isPublic, referralParties: isPublic, referrals: caseReferralsRule },
  ReferralParty: isPublic,
  ServiceProvider: { id: isPublic, incomingReferrals: isAuthenticated, outgoingReferrals: isAuthenticated },
};
