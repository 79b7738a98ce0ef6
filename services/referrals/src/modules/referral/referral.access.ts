import {
  ALL_TIERS,
  consentCovers,
  consentFactsFromRepresentation,
  decideFieldAccess,
  isSubjectAccess,
  ownsRecord,
  partyKeyOf,
  partyOf,
  Role,
  roleMayReadTier,
  Tier,
  worksInCounty,
  type Caller,
  type ConsentFacts,
  type RecordFacts,
  type ReferralParty,
} from '@kinga/shared';
import type { ReferralStatus } from './referral.enums';
import { partiesInState } from './referral.lifecycle';

/** What any decision about one referral needs; every referral row carries it. */
export interface ReferralFacts {
  id: string;
  caseOwnerAgencyId: string;
  caseCounty: string;
  fromProviderId: string;
  fromAgencyId: string;
  toProviderId: string;
  toAgencyId: string;
  fromAgencyType?: string | null;
  toAgencyType?: string | null;
  /**
   * The case's live consents, as the gateway carried them from the cases subgraph where a field `@requires`
   * them (REQUIRES_CASE_CONSENTS); absent elsewhere, and then they open nothing.
   */
  caseConsents?: readonly ConsentFacts[];
  /**
   * The caller holds an OPEN subject access request for the case, as the gateway carried it with the consents.
   * It opens only the fields resolved with those facts (`FieldClass.withCaseFacts`); `subjectAccess` is the
   * request's own mark on the rows it returned.
   */
  caseSubjectAccess?: boolean;
  /** Reached through an OPEN subject access request for the case (the DPO's one way in). */
  subjectAccess?: boolean;
}

export type ReferralRelation = 'OWNER' | 'SUPERVISOR' | 'SENDER' | 'RECIPIENT';

/** Roles that work at a service point and so can send or receive a referral. */
export const PROVIDER_ROLES: readonly Role[] = [
  Role.DCS_OFFICER,
  Role.DCS_SUPERVISOR,
  Role.POLICE_CPU,
  Role.GBVRC_CLINICIAN,
  Role.NGO_CASEWORKER,
];

/**
 * Roles that may send a referral (DESIGN.md "Roles": children officers create referrals; a police unit has
 * "referrals to or from" it). A GBV recovery centre or an NGO only receives them: a recipient that could
 * refer the child on would stay a party to the case through its own referral after the case's owner closed
 * theirs, and the owner could neither cancel nor close that referral.
 */
export const SENDING_ROLES: readonly Role[] = [Role.DCS_OFFICER, Role.DCS_SUPERVISOR, Role.POLICE_CPU];

const senderOf = (referral: ReferralFacts): ReferralParty => ({
  providerId: referral.fromProviderId,
  agencyId: referral.fromAgencyId,
  agencyType: referral.fromAgencyType,
});
const recipientOf = (referral: ReferralFacts): ReferralParty => ({
  providerId: referral.toProviderId,
  agencyId: referral.toAgencyId,
  agencyType: referral.toAgencyType,
});

/**
 * The case's owning agency (within the caller's counties) sees every referral of its cases, by the shared
 * `ownsRecord` that `decideFieldAccess` uses; the sender and the recipient see their own referrals, a person by
 * their service point and a PARTNER_SYSTEM by its agency (the shared `partyOf`). This relation decides who may
 * see a referral and its OPERATIONAL fields, and who may act on it; its free text also needs the case's
 * consents (`mayReadReferralField`).
 */
export function relationTo(caller: Caller, referral: ReferralFacts): ReferralRelation | null {
  const ownership = ownsRecord(caller, { ownerAgencyId: referral.caseOwnerAgencyId, county: referral.caseCounty });
  if (ownership) return ownership;
  if (partyOf(caller, [recipientOf(referral)])) return 'RECIPIENT';
  if (partyOf(caller, [senderOf(referral)])) return 'SENDER';
  return null;
}

/** The case's owning agency (in the case's county) or the county's supervisor, by `relationTo`. */
export function ownsCaseOf(caller: Caller, referral: ReferralFacts): boolean {
  const relation = relationTo(caller, referral);
  return PROVIDER_ROLES.includes(caller.role) && (relation === 'OWNER' || relation === 'SUPERVISOR');
}

/** The recipient takes the receiving steps: a person at the provider the referral was sent to. */
export function isRecipient(caller: Caller, referral: ReferralFacts): boolean {
  // PARTNER_SYSTEM is no provider role, so a party here is always matched by its service point.
  return PROVIDER_ROLES.includes(caller.role) && partyOf(caller, [recipientOf(referral)]) !== undefined;
}

/**
 * The sender: a person at the sending provider, or a DCS officer or supervisor of the sending agency working
 * in the case's county (children officers act for their office, whoever pressed the button).
 */
export function isSender(caller: Caller, referral: ReferralFacts): boolean {
  if (!PROVIDER_ROLES.includes(caller.role)) return false;
  if (partyOf(caller, [senderOf(referral)])) return true;
  return (
    (caller.role === Role.DCS_OFFICER || caller.role === Role.DCS_SUPERVISOR) &&
    caller.agencyId === referral.fromAgencyId &&
    worksInCounty(caller, referral.caseCounty)
  );
}

/** How a field of a referral (or of something hanging off one) is classified; see the tables beside the types. */
export interface FieldClass {
  readonly tier: Tier;
  /** PARTNER_SYSTEM sees status, urgency, service, timestamps and references only (DESIGN.md "Roles"). */
  readonly partner: boolean;
  /**
   * Resolved only with the case's facts that the gateway carries (`REQUIRES_CASE_CONSENTS`): the fields that
   * `@requires` them and what hangs off those. A DPO's grant carried with the facts opens these fields only.
   */
  readonly withCaseFacts: boolean;
  /**
   * CLINICAL on a record of a clinical service (`CLINICAL_SERVICES`): that a child was given post-exposure
   * prophylaxis, on which day, is the clinical fact `pepGiven` holds (DESIGN.md lists "PEP given" as CLINICAL).
   */
  readonly clinicalForClinicalService?: true;
  /**
   * Free text the recipient writes (a decline reason, a step's note), whose tier is what the recipient is:
   * a clinic writes findings ("PEP started, tear sutured"), a counsellor an assessment (`recipientTextTier`).
   * The provider that wrote it still reads it.
   */
  readonly fromRecipient?: true;
  /**
   * An OPERATIONAL field that tells something of the case's consents (`recipientMayRead`): for the owner, and
   * for the sender and the recipient only while they are parties (`partiesInState`), not for as long as the
   * referral exists.
   */
  readonly whileParty?: true;
}

export const field = (tier: Tier, partner = false, withCaseFacts = false): FieldClass => ({ tier, partner, withCaseFacts });
/** A service record's field that tells what was done: CLINICAL when the service is. */
export const serviceField = (tier: Tier): FieldClass => ({ ...field(tier), clinicalForClinicalService: true });
/** A field that `@requires` the case's facts, or hangs off one that does. */
export const fieldWithCaseFacts = (tier: Tier): FieldClass => field(tier, false, true);
/** Free text the recipient writes: `tier`, or higher for a clinic or a counsellor (`recipientTextTier`). */
export const recipientText = (tier: Tier): FieldClass => ({ ...fieldWithCaseFacts(tier), fromRecipient: true });

/** The sides of a referral that are still parties to its case (`partiesInState`). */
function partiesOf(referral: ReferralFacts & { status: ReferralStatus }): ReferralParty[] {
  const { sender, recipient } = partiesInState(referral.status);
  return [...(sender ? [senderOf(referral)] : []), ...(recipient ? [recipientOf(referral)] : [])];
}

/**
 * The case as DESIGN.md's rules see it from one referral: its owner and county, this referral's parties
 * while their part lasts (rule 2; `partiesInState`), and the consents the gateway carried (rule 3).
 */
function caseFactsOf(referral: ReferralFacts & { status: ReferralStatus }): RecordFacts {
  return {
    ownerAgencyId: referral.caseOwnerAgencyId,
    county: referral.caseCounty,
    referralParties: partiesOf(referral),
    consents: referral.caseConsents ?? [],
  };
}

/**
 * OPERATIONAL fields (status, urgency, clocks) go to the case's owner and to both parties for as long as the
 * referral exists: it is their shared record of the hand-over, and a partner syncs its final state. Anything
 * above OPERATIONAL (the free-text reasons and notes) is decided like a field of the case itself, by
 * `decideFieldAccess`: a party that does not own the case needs the referral open and a live consent
 * covering its agency (or agency type) and the tier.
 */
export function mayReadReferralField(
  caller: Caller | null,
  cls: FieldClass,
  referral: ReferralFacts & { status: ReferralStatus },
  now: Date,
): boolean {
  if (cls.tier === Tier.PUBLIC) return true;
  // A row a subject access request returned (every tier of it), or the request's grant carried with the
  // case's facts (what those facts decide): for the DPO only.
  const throughRequest = referral.subjectAccess === true || (cls.withCaseFacts && referral.caseSubjectAccess === true);
  if (caller && isSubjectAccess(caller, { subjectAccess: throughRequest })) return true;
  if (!caller) return false;
  if (caller.role === Role.PARTNER_SYSTEM && !cls.partner) return false;
  if (cls.tier === Tier.OPERATIONAL) {
    const relation = roleMayReadTier(caller.role, cls.tier) ? relationTo(caller, referral) : null;
    if (!relation) return false;
    if (!cls.whileParty || relation === 'OWNER' || relation === 'SUPERVISOR') return true;
    const { sender, recipient } = partiesInState(referral.status);
    return relation === 'SENDER' ? sender : recipient;
  }
  return decideFieldAccess(caller, cls.tier, caseFactsOf(referral), now).allowed;
}

const CASE_TIERS: readonly Tier[] = ALL_TIERS.filter((tier) => tier !== Tier.PUBLIC);

/**
 * The tiers of the child's case a live consent of the case opens to the recipient's agency (DESIGN.md rule 3),
 * before the limits of the reader's role. Empty means the recipient sees that a child was referred and nothing
 * of the child: the sender learns it at once, while it can still ask the owning office to record a consent,
 * not from the recipient's call at 2 a.m. An office of the owning agency, in any county, is asked no consent
 * (rule 3 asks it of agencies that do not own the case): every tier is open to it.
 */
export function tiersOpenToRecipient(referral: ReferralFacts, now: Date): Tier[] {
  const recipient = recipientOf(referral);
  if (recipient.agencyId === referral.caseOwnerAgencyId) return [...CASE_TIERS];
  return CASE_TIERS.filter((tier) => (referral.caseConsents ?? []).some((consent) => consentCovers(consent, recipient, tier, now)));
}

/** A referral row with the case's facts that the gateway carried in its representation (REQUIRES_CASE_CONSENTS). */
export function withCarriedCaseFacts<Row extends ReferralFacts>(row: Row, carried: unknown): Row {
  const facts = (carried ?? {}) as { liveConsents?: unknown; subjectAccessGrant?: unknown };
  return {
    ...row,
    caseConsents: consentFactsFromRepresentation(facts.liveConsents),
    caseSubjectAccess: facts.subjectAccessGrant === true,
  };
}

/**
 * The same relation as `relationTo`, as a SQL condition on a referral row, so lists hold only what the
 * caller may see. Its values become parameters through `p` (a `SqlConditions`' `param`).
 */
export function visibilityCondition(caller: Caller | null, alias: string, p: (value: unknown) => string): string {
  if (!caller || !roleMayReadTier(caller.role, Tier.OPERATIONAL)) return 'false';
  const national = caller.counties.length === 0;
  const inCounties = national ? 'true' : `${alias}.case_county = ANY(${p([...caller.counties])}::text[])`;
  const clauses: string[] = [];
  if (caller.role === Role.DCS_SUPERVISOR) clauses.push(inCounties);
  else if (caller.agencyId) clauses.push(`(${alias}.case_owner_agency_id = ${p(caller.agencyId)} AND ${inCounties})`);
  const key = partyKeyOf(caller);
  if (key) {
    const id = p(key.id);
    clauses.push(`${alias}.from_${key.party}_id = ${id}`, `${alias}.to_${key.party}_id = ${id}`);
  }
  return clauses.length === 0 ? 'false' : `(${clauses.join(' OR ')})`;
}

/**
 * True when `<side>_<party>_id = value` is itself one of the disjuncts of the caller's `visibilityCondition`:
 * a list already confined to the caller's own side of its referrals needs no visibility condition. Leaving
 * the OR in made PostgreSQL guess 14 rows where a police unit's queue has 1,400, and sort all of them for a
 * page of 20 (BENCHMARKS.md).
 */
export function visibilityImpliedBy(caller: Caller | null, party: 'provider' | 'agency', value: string): boolean {
  if (!caller || !roleMayReadTier(caller.role, Tier.OPERATIONAL)) return false;
  const key = partyKeyOf(caller);
  return key !== null && key.party === party && key.id === value;
}
