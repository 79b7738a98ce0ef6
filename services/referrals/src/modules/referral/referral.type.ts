import { Connection, Role, Tier } from '@kinga/shared';
import { Directive, Field, GraphQLISODateTime, ID, Int, ObjectType } from 'type-graphql';
import { field, fieldWithCaseFacts, recipientText, type FieldClass } from './referral.access';
import { ReferralStatus, ServiceType, Urgency } from './referral.enums';

/**
 * Who may read which field of a referral (beside the relation of `referral.access.ts`). `partner: true` marks
 * what a PARTNER_SYSTEM sees: status, urgency, service, timestamps and references, nothing about the child.
 * Free-text reasons may describe the child, so they are IDENTIFYING and audited; what the recipient writes is
 * CLINICAL or NARRATIVE where a clinic or a counsellor writes it (`recipientText`, `recipientTextTier`).
 */
export const REFERRAL_FIELDS: Readonly<Record<string, FieldClass>> = {
  id: field(Tier.OPERATIONAL, true),
  reference: field(Tier.OPERATIONAL, true),
  status: field(Tier.OPERATIONAL, true),
  urgency: field(Tier.OPERATIONAL, true),
  serviceRequested: field(Tier.OPERATIONAL, true),
  version: field(Tier.OPERATIONAL, true),
  countyCode: field(Tier.OPERATIONAL, true),
  case: field(Tier.OPERATIONAL, true),
  fromProvider: field(Tier.OPERATIONAL, true),
  toProvider: field(Tier.OPERATIONAL, true),
  createdAt: field(Tier.OPERATIONAL, true),
  updatedAt: field(Tier.OPERATIONAL, true),
  acknowledgedAt: field(Tier.OPERATIONAL, true),
  acceptedAt: field(Tier.OPERATIONAL, true),
  declinedAt: field(Tier.OPERATIONAL, true),
  startedAt: field(Tier.OPERATIONAL, true),
  completedAt: field(Tier.OPERATIONAL, true),
  closedAt: field(Tier.OPERATIONAL, true),
  cancelledAt: field(Tier.OPERATIONAL, true),
  acknowledgeBy: field(Tier.OPERATIONAL, true),
  startBy: field(Tier.OPERATIONAL, true),
  nextDueAt: field(Tier.OPERATIONAL, true),
  overdue: field(Tier.OPERATIONAL, true),
  overdueMinutes: field(Tier.OPERATIONAL, true),
  acknowledgedInTime: field(Tier.OPERATIONAL, true),
  startedInTime: field(Tier.OPERATIONAL, true),
  allowedNextStates: field(Tier.OPERATIONAL, true),
  stepsYouMayTake: field(Tier.OPERATIONAL, true),
  isDemo: field(Tier.OPERATIONAL, true),
  erasedAt: field(Tier.OPERATIONAL, true),
  history: fieldWithCaseFacts(Tier.OPERATIONAL),
  recipientMayRead: { ...fieldWithCaseFacts(Tier.OPERATIONAL), whileParty: true },
  serviceRecords: field(Tier.OPERATIONAL),
  // Free text as the sender cites it: it can name a person, so it is decided like the reason.
  consentReference: fieldWithCaseFacts(Tier.IDENTIFYING),
  reason: fieldWithCaseFacts(Tier.IDENTIFYING),
  declineReason: recipientText(Tier.IDENTIFYING),
  cancelReason: fieldWithCaseFacts(Tier.IDENTIFYING),
};

/** Every step in a referral's history; the note may describe the child, and the recipient's may state findings. */
export const REFERRAL_EVENT_FIELDS: Readonly<Record<string, FieldClass>> = {
  sequence: fieldWithCaseFacts(Tier.OPERATIONAL),
  fromStatus: fieldWithCaseFacts(Tier.OPERATIONAL),
  toStatus: fieldWithCaseFacts(Tier.OPERATIONAL),
  occurredAt: fieldWithCaseFacts(Tier.OPERATIONAL),
  actorName: fieldWithCaseFacts(Tier.OPERATIONAL),
  actorRole: fieldWithCaseFacts(Tier.OPERATIONAL),
  actorProvider: fieldWithCaseFacts(Tier.OPERATIONAL),
  note: recipientText(Tier.IDENTIFYING),
};

@ObjectType('ReferralEvent', { description: 'One step of a referral: from, to, who, when and why.' })
export class ReferralEvent {
  @Field(() => Int, { description: 'The referral version this step produced; history is ordered by it, without gaps.' })
  sequence: number;

  @Field(() => ReferralStatus, { nullable: true, description: 'Null for the step that sent the referral.' })
  fromStatus: ReferralStatus | null;

  @Field(() => ReferralStatus)
  toStatus: ReferralStatus;

  @Field(() => GraphQLISODateTime)
  occurredAt: Date;

  @Field(() => String, { nullable: true })
  actorName: string | null;

  @Field(() => Role)
  actorRole: Role;

  @Field(() => String, { nullable: true })
  note: string | null;

  /** Resolved to `actorProvider` by a field resolver; the referral's facts decide who sees the event. */
  actorProviderId: string | null;
  referralId: string;
}

/**
 * A referral's IDENTIFYING fields reach an agency that does not own the case only while the referral is open and
 * a live consent of the case covers that agency and tier (DESIGN.md rules 2-3). The consents are the cases
 * subgraph's facts, and so is a DPO's open subject access request: the gateway fetches them for these fields.
 */
export const REQUIRES_CASE_CONSENTS =
  '@requires(fields: "case { liveConsents { basis agencyIds agencyTypes tiers expiresAt } subjectAccessGrant }")';

@Directive('@key(fields: "id")')
@ObjectType('Referral', {
  description: 'A child referred from one service provider to another for a service, with its lifecycle and SLA clocks.',
})
export class Referral {
  @Field(() => ID)
  id: string;

  @Field({ description: 'KE-<county>-<year>-<sequence>, e.g. KE-047-2026-000123.' })
  reference: string;

  @Field(() => ReferralStatus)
  status: ReferralStatus;

  @Field(() => Urgency)
  urgency: Urgency;

  @Field(() => ServiceType)
  serviceRequested: ServiceType;

  @Field(() => Int, { description: 'Pass it as `expectedVersion` to the next transition.' })
  version: number;

  @Field({ description: "The case's county code as recorded when the referral was made." })
  countyCode: string;

  @Directive(REQUIRES_CASE_CONSENTS)
  @Field(() => String, { nullable: true, description: 'The consent under which the child was referred, as the sender cites it.' })
  consentReference: string | null;

  @Directive(REQUIRES_CASE_CONSENTS)
  @Field(() => String, { nullable: true, description: 'Why the child is referred.' })
  reason: string | null;

  @Directive(REQUIRES_CASE_CONSENTS)
  @Field(() => String, { nullable: true })
  declineReason: string | null;

  @Directive(REQUIRES_CASE_CONSENTS)
  @Field(() => String, { nullable: true })
  cancelReason: string | null;

  @Field(() => GraphQLISODateTime, { description: 'When it was sent.' })
  createdAt: Date;

  @Field(() => GraphQLISODateTime, {
    description:
      'When it last changed state, or was erased (`erasedAt`). A system that syncs asks for `changedSince` the `referralSyncPoint` of its previous sync.',
  })
  updatedAt: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  acknowledgedAt: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  acceptedAt: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  declinedAt: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  startedAt: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  completedAt: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  closedAt: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  cancelledAt: Date | null;

  @Field(() => GraphQLISODateTime, { description: 'The SLA clock for acknowledging it.' })
  acknowledgeBy: Date;

  @Field(() => GraphQLISODateTime, { description: 'The SLA clock for starting the service.' })
  startBy: Date;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'The clock running now: acknowledge-by, then start-by; null once started or ended.',
  })
  nextDueAt: Date | null;

  @Field({ description: 'True for invented referrals of the demo data set.' })
  isDemo: boolean;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description:
      "When a data subject's erasure request emptied its reasons, consent reference, step notes and injuries recorded: they are then null for everyone.",
  })
  erasedAt: Date | null;

  /** Stored facts, not exposed as such: resolved to `case`, `fromProvider`, `toProvider` and used by the rules. */
  caseId: string;
  caseOwnerAgencyId: string;
  caseCounty: string;
  fromProviderId: string;
  fromAgencyId: string;
  toProviderId: string;
  toAgencyId: string;
}

@ObjectType('ReferralConnection')
export class ReferralConnection extends Connection(Referral, 'Referral') {}
