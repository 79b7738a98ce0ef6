import {
  consentAddresses,
  isSubjectAccess,
  isOwningAgencyParty,
  ownsRecord,
  partyOf,
  type Caller,
  type ConsentFacts,
  type RecordFacts,
  type ReferralParty,
  type SubgraphContext,
} from '@kinga/shared';
import type { CasesContext } from '../../cases.context';
import type { ConsentEntity } from '../consent/consent.entity';

/**
 * What every object under a case (the case itself, its child, caregivers, consents, notes) carries so that
 * its fields are decided with the case's facts: who owns the case, where it is, and which providers are
 * party to its open referrals (from the gateway's representation; absent on a root query, hence none).
 */
export interface CaseScope {
  caseId: string;
  ownerAgencyId: string;
  countyCode: string;
  referralParties: readonly ReferralParty[];
  /** Reached through an OPEN subject access request for the case (the DPO's one way in). */
  subjectAccess?: boolean;
}

export interface Scoped {
  scope: CaseScope;
}

export function toConsentFacts(consent: ConsentEntity): ConsentFacts {
  return {
    basis: consent.basis,
    agencyIds: consent.agencyIds,
    agencyTypes: consent.agencyTypes,
    tiers: consent.tiers,
    expiresAt: consent.expiresAt,
    revokedAt: consent.revokedAt,
  };
}

/** `RecordFacts` for `decideFieldAccess`; the consents come from a per-request DataLoader (one statement). */
export async function caseFacts(scope: CaseScope, ctx: SubgraphContext): Promise<RecordFacts> {
  const consents = await (ctx as CasesContext).loaders.consentsByCase.load(scope.caseId);
  return {
    ownerAgencyId: scope.ownerAgencyId,
    county: scope.countyCode,
    referralParties: scope.referralParties,
    consents: consents.map(toConsentFacts),
    subjectAccess: scope.subjectAccess === true,
  };
}

/**
 * The consents a caller allowed to see a case's consents is shown: all of them to its owner, supervisor,
 * the owner's office in another county sent the child by a referral, and the DPO through a subject access request; to a party of a referral, only those addressed to its agency, and
 * of each only its own agency and type among those it names. A clinic has no business knowing that a court
 * order or a police investigation exists, nor what the police were told, nor, from the agencies a consent "for
 * the clinic and the police" names, that the police are involved. Its purpose is the officer's words, read by
 * every agency it names: what they say is theirs to write for all of them (README).
 */
export function consentsSeenBy<Consent extends Pick<ConsentFacts, 'basis' | 'agencyIds' | 'agencyTypes'>>(
  caller: Caller | null,
  scope: CaseScope,
  consents: readonly Consent[],
): Consent[] {
  if (!caller) return [];
  if (isSubjectAccess(caller, { subjectAccess: scope.subjectAccess === true })) return [...consents];
  if (ownsRecord(caller, { ownerAgencyId: scope.ownerAgencyId, county: scope.countyCode })) return [...consents];
  const party = partyOf(caller, scope.referralParties);
  if (!party) return [];
  // The owner's office in another county works under every consent the owner holds, as it reads the case.
  if (isOwningAgencyParty(caller, party, scope.ownerAgencyId)) return [...consents];
  return consents
    .filter((consent) => consentAddresses(consent, party))
    .map((consent) => ({
      ...consent,
      agencyIds: consent.agencyIds.filter((id) => id === party.agencyId),
      agencyTypes: consent.agencyTypes.filter((type) => type === party.agencyType),
    }));
}

/** Only what the contract names is taken from a representation; anything else the gateway sent is ignored. */
export function partiesFromRepresentation(value: unknown): ReferralParty[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item: unknown) => {
    if (!item || typeof item !== 'object') return [];
    const { providerId, agencyId, agencyType } = item as Record<string, unknown>;
    if (typeof providerId !== 'string' || typeof agencyId !== 'string') return [];
    return [{ providerId, agencyId, agencyType: typeof agencyType === 'string' ? agencyType : null }];
  });
}
