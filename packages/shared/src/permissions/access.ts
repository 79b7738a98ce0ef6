import { worksInCounty, type Caller } from '../auth/caller';
import { Role } from '../auth/roles';
import { AgencyType } from '../domain/directory-vocabulary';
import { DATA_PROTECTION_ROLES } from '../domain/subject-access';
import { Tier, roleMayReadTier } from './tiers';

/** A provider or agency that is a party to a record through one of its referrals (the referrals subgraph decides while which). */
export interface ReferralParty {
  providerId: string;
  agencyId: string;
  /** The directory `AgencyType` of the party's agency, recorded when the referral was made. */
  agencyType?: string | null;
}

export enum ConsentBasis {
  CHILD = 'CHILD',
  CAREGIVER = 'CAREGIVER',
  COURT_ORDER = 'COURT_ORDER',
  MANDATORY_REPORTING = 'MANDATORY_REPORTING',
}

export interface ConsentFacts {
  basis: ConsentBasis;
  agencyIds: readonly string[];
  agencyTypes: readonly string[];
  tiers: readonly Tier[];
  expiresAt: Date | null;
  revokedAt: Date | null;
}

/** What a decision about one record needs to know, whichever subgraph holds the record. */
export interface RecordFacts {
  ownerAgencyId: string;
  county: string;
  referralParties: readonly ReferralParty[];
  consents: readonly ConsentFacts[];
  /**
   * The record was reached through an OPEN subject access request for its case, which only the data
   * protection officer can hold: the one way the DPO reads a case's records, every field of them.
   */
  subjectAccess?: boolean;
}

export type AccessDecision =
  | { allowed: true; via: 'OWNER' | 'SUPERVISOR' | 'REFERRAL_PARTY' | 'PUBLIC' | 'SUBJECT_ACCESS' }
  | { allowed: false; reason: 'NO_CALLER' | 'ROLE_TIER' | 'NO_RELATIONSHIP' | 'NO_CONSENT' };

/** Supervisors see every case in their counties, whoever owns it; everyone else needs their agency to own it. */
export function ownsRecord(caller: Caller, record: Pick<RecordFacts, 'ownerAgencyId' | 'county'>): 'OWNER' | 'SUPERVISOR' | null {
  if (!worksInCounty(caller, record.county)) return null;
  if (caller.role === Role.DCS_SUPERVISOR) return 'SUPERVISOR';
  return caller.agencyId !== undefined && caller.agencyId === record.ownerAgencyId ? 'OWNER' : null;
}

/** The id that makes a caller a referral party: a machine client acts for its whole agency, people for the service point they work at. */
export function partyKeyOf(caller: Caller): { party: 'agency' | 'provider'; id: string } | null {
  if (caller.role === Role.PARTNER_SYSTEM) return caller.agencyId !== undefined ? { party: 'agency', id: caller.agencyId } : null;
  return caller.providerId !== undefined ? { party: 'provider', id: caller.providerId } : null;
}

export function partyOf(caller: Caller, parties: readonly ReferralParty[]): ReferralParty | undefined {
  const key = partyKeyOf(caller);
  if (!key) return undefined;
  return parties.find((p) => (key.party === 'agency' ? p.agencyId : p.providerId) === key.id);
}

/**
 * A consent decides something only until it is revoked or expires. A revocation is never dated ahead (it is
 * stamped when it is made), so one recorded at all is in force: a read that began before it committed (its `now`
 * taken earlier, while it waited for a connection) must not share what the withdrawal has stopped.
 */
export function isConsentLive(consent: Pick<ConsentFacts, 'revokedAt' | 'expiresAt'>, now: Date): boolean {
  return !consent.revokedAt && !(consent.expiresAt && consent.expiresAt <= now);
}

/** What mandatory reporting lets police read: the consent input refuses any other tier for it, by this set. */
export const MANDATORY_REPORTING_TIERS: ReadonlySet<Tier> = new Set([Tier.OPERATIONAL, Tier.IDENTIFYING]);
/** The agencies the law's basis for reporting reaches: the police, and no one else whatever a record names. */
export const MANDATORY_REPORTING_AGENCY_TYPES: readonly AgencyType[] = [AgencyType.POLICE];

type PartyAgency = { agencyId: string; agencyType?: string | null };

/**
 * Whether a consent is addressed to a party's agency, live or not, whatever tiers it gives. Mandatory
 * reporting is the law's answer for the police and no one else: whatever agency a record of it names, it is
 * addressed to no health centre or NGO.
 */
export function consentAddresses(consent: Pick<ConsentFacts, 'basis' | 'agencyIds' | 'agencyTypes'>, party: PartyAgency): boolean {
  if (consent.basis === ConsentBasis.MANDATORY_REPORTING && !MANDATORY_REPORTING_AGENCY_TYPES.includes(party.agencyType as AgencyType))
    return false;
  return consent.agencyIds.includes(party.agencyId) || (!!party.agencyType && consent.agencyTypes.includes(party.agencyType));
}

export function consentCovers(consent: ConsentFacts, party: PartyAgency, tier: Tier, now: Date): boolean {
  if (!isConsentLive(consent, now)) return false;
  if (!consent.tiers.includes(tier)) return false;
  // Nothing beyond what police act on under mandatory reporting.
  if (consent.basis === ConsentBasis.MANDATORY_REPORTING && !MANDATORY_REPORTING_TIERS.has(tier)) return false;
  return consentAddresses(consent, party);
}

/**
 * A subject access request answers with everything held about the data subject in a case, so while one is
 * OPEN the DPO reads every tier of the records reached through it (and every such read is audited, as any
 * other). No other role is let in by it, whatever a record's facts say.
 */
export function isSubjectAccess(caller: Caller, record: Pick<RecordFacts, 'subjectAccess'>): boolean {
  return record.subjectAccess === true && DATA_PROTECTION_ROLES.includes(caller.role);
}

/**
 * Rule 3 asks a consent of an agency that does not own the record: the owner's own office in another county,
 * sent the child by a referral, is a party of the owning agency (its role's tiers still decide), and reads what
 * the owner does without one. Both the office the referral names and the caller's own agency must be the owner's.
 */
export function isOwningAgencyParty(caller: Caller, party: { agencyId: string }, ownerAgencyId: string): boolean {
  return party.agencyId === ownerAgencyId && caller.agencyId === ownerAgencyId;
}

/**
 * DESIGN.md "Sensitivity tiers": a field is returned when the role may read its tier, the caller has a
 * relationship to the record, and, for an agency that does not own the record, a live consent covers that
 * agency (or its type) and the tier. This is the one place that rule is written.
 */
export function decideFieldAccess(caller: Caller | null, tier: Tier, record: RecordFacts, now = new Date()): AccessDecision {
  if (tier === Tier.PUBLIC) return { allowed: true, via: 'PUBLIC' };
  if (!caller) return { allowed: false, reason: 'NO_CALLER' };
  if (isSubjectAccess(caller, record)) return { allowed: true, via: 'SUBJECT_ACCESS' };
  if (!roleMayReadTier(caller.role, tier)) return { allowed: false, reason: 'ROLE_TIER' };
  const ownership = ownsRecord(caller, record);
  if (ownership) return { allowed: true, via: ownership };
  const party = partyOf(caller, record.referralParties);
  if (!party) return { allowed: false, reason: 'NO_RELATIONSHIP' };
  if (isOwningAgencyParty(caller, party, record.ownerAgencyId)) return { allowed: true, via: 'REFERRAL_PARTY' };
  const consented = record.consents.some((consent) => consentCovers(consent, party, tier, now));
  return consented ? { allowed: true, via: 'REFERRAL_PARTY' } : { allowed: false, reason: 'NO_CONSENT' };
}
