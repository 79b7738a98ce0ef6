import type { Caller } from '../auth/caller';
import { Role } from '../auth/roles';
import { consentAddresses, ConsentBasis, decideFieldAccess, isConsentLive, type ConsentFacts, type RecordFacts } from './access';
import { Tier } from './tiers';

const DCS = 'a0000000-0000-4000-8000-000000000001';
const NPS = 'a0000000-0000-4000-8000-000000000002';
const NWH = 'a0000000-0000-4000-8000-000000000003';
const CPU_PROVIDER = 'b0000000-0000-4000-8000-000000000001';
const GBVRC_PROVIDER = 'b0000000-0000-4000-8000-000000000002';
const now = new Date('2026-11-22T12:00:00Z');

const caller = (role: Role, extra: Partial<Caller> = {}): Caller => ({ sub: 's', name: 'n', role, counties: ['047'], ...extra });
const consent = (extra: Partial<ConsentFacts> = {}): ConsentFacts => ({
  basis: ConsentBasis.CAREGIVER,
  agencyIds: [NWH],
  agencyTypes: [],
  tiers: [Tier.OPERATIONAL, Tier.IDENTIFYING, Tier.CLINICAL],
  expiresAt: null,
  revokedAt: null,
  ...extra,
});
const record = (extra: Partial<RecordFacts> = {}): RecordFacts => ({
  ownerAgencyId: DCS,
  county: '047',
  referralParties: [
    { providerId: CPU_PROVIDER, agencyId: NPS, agencyType: 'POLICE' },
    { providerId: GBVRC_PROVIDER, agencyId: NWH, agencyType: 'HEALTH' },
  ],
  consents: [
    consent(),
    consent({
      basis: ConsentBasis.MANDATORY_REPORTING,
      agencyIds: [],
      agencyTypes: ['POLICE'],
      tiers: [Tier.OPERATIONAL, Tier.IDENTIFYING],
    }),
  ],
  ...extra,
});

describe('decideFieldAccess', () => {
  it('lets the owning agency read every tier in its counties, and not elsewhere', () => {
    expect(decideFieldAccess(caller(Role.DCS_OFFICER, { agencyId: DCS }), Tier.NARRATIVE, record(), now)).toEqual({
      allowed: true,
      via: 'OWNER',
    });
    expect(decideFieldAccess(caller(Role.DCS_OFFICER, { agencyId: DCS, counties: ['001'] }), Tier.OPERATIONAL, record(), now)).toEqual({
      allowed: false,
      reason: 'NO_RELATIONSHIP',
    });
  });

  it("asks no consent of the owning agency's office in another county that a referral made a party", () => {
    const KIAMBU_OFFICE = 'b0000000-0000-4000-8000-000000000003';
    const kiambu = caller(Role.DCS_OFFICER, { agencyId: DCS, providerId: KIAMBU_OFFICE, counties: ['022'] });
    const referredThere = record({
      referralParties: [{ providerId: KIAMBU_OFFICE, agencyId: DCS, agencyType: 'GOVERNMENT' }],
      consents: [consent()],
    });
    expect(decideFieldAccess(kiambu, Tier.IDENTIFYING, referredThere, now)).toEqual({ allowed: true, via: 'REFERRAL_PARTY' });
    // A token naming that office but another agency is not the owner's office.
    const elsewhere = caller(Role.DCS_OFFICER, { agencyId: NPS, providerId: KIAMBU_OFFICE, counties: ['022'] });
    expect(decideFieldAccess(elsewhere, Tier.IDENTIFYING, referredThere, now)).toEqual({ allowed: false, reason: 'NO_CONSENT' });
    // Without the referral it is no relationship; another agency's office there still needs a consent.
    expect(decideFieldAccess(kiambu, Tier.IDENTIFYING, record({ consents: [consent()] }), now)).toEqual({
      allowed: false,
      reason: 'NO_RELATIONSHIP',
    });
    const ngo = caller(Role.NGO_CASEWORKER, { agencyId: NPS, providerId: KIAMBU_OFFICE, counties: ['022'] });
    const toNgo = record({ referralParties: [{ providerId: KIAMBU_OFFICE, agencyId: NPS, agencyType: 'NGO' }], consents: [] });
    expect(decideFieldAccess(ngo, Tier.OPERATIONAL, toNgo, now)).toEqual({ allowed: false, reason: 'NO_CONSENT' });
    // The role's tiers still decide: a party of the owning agency whose role reads no CLINICAL is refused it.
    const clerk = caller(Role.PARTNER_SYSTEM, { agencyId: DCS, counties: [] });
    const toAgency = record({ referralParties: [{ providerId: KIAMBU_OFFICE, agencyId: DCS, agencyType: 'GOVERNMENT' }] });
    expect(decideFieldAccess(clerk, Tier.CLINICAL, toAgency, now)).toEqual({ allowed: false, reason: 'ROLE_TIER' });
  });

  it('addresses a consent to the agencies and agency types it names, a mandatory report to the police only', () => {
    const police = { agencyId: NPS, agencyType: 'POLICE' };
    const clinic = { agencyId: NWH, agencyType: 'HEALTH' };
    expect(consentAddresses(consent(), clinic)).toBe(true);
    expect(consentAddresses(consent(), police)).toBe(false);
    expect(consentAddresses(consent({ agencyIds: [], agencyTypes: ['POLICE'] }), police)).toBe(true);
    const mandatory = consent({ basis: ConsentBasis.MANDATORY_REPORTING, agencyIds: [NPS, NWH] });
    expect(consentAddresses(mandatory, police)).toBe(true);
    expect(consentAddresses(mandatory, clinic)).toBe(false);
    // Revoked or expired, it is still addressed to them: they may see why they no longer read the child's data.
    expect(consentAddresses(consent({ revokedAt: now }), clinic)).toBe(true);
  });

  it('lets a mandatory-reporting consent open IDENTIFYING to a police party, and to no other agency it names', () => {
    const mandatoryNamingBoth = consent({
      basis: ConsentBasis.MANDATORY_REPORTING,
      agencyIds: [NPS, NWH],
      agencyTypes: ['POLICE', 'HEALTH'],
      tiers: [Tier.OPERATIONAL, Tier.IDENTIFYING],
    });
    const facts = record({ consents: [mandatoryNamingBoth] });
    const police = caller(Role.POLICE_CPU, { agencyId: NPS, providerId: CPU_PROVIDER });
    const clinician = caller(Role.GBVRC_CLINICIAN, { agencyId: NWH, providerId: GBVRC_PROVIDER });
    expect(decideFieldAccess(police, Tier.IDENTIFYING, facts, now)).toEqual({ allowed: true, via: 'REFERRAL_PARTY' });
    expect(decideFieldAccess(clinician, Tier.IDENTIFYING, facts, now)).toEqual({ allowed: false, reason: 'NO_CONSENT' });
    // The same agencies under a caregiver's consent: the clinician is covered.
    const caregivers = record({ consents: [{ ...mandatoryNamingBoth, basis: ConsentBasis.CAREGIVER }] });
    expect(decideFieldAccess(clinician, Tier.IDENTIFYING, caregivers, now)).toEqual({ allowed: true, via: 'REFERRAL_PARTY' });
  });

  it('never shows CLINICAL to the police, even as a referral party with consent', () => {
    const police = caller(Role.POLICE_CPU, { agencyId: NPS, providerId: CPU_PROVIDER });
    expect(decideFieldAccess(police, Tier.IDENTIFYING, record(), now)).toEqual({ allowed: true, via: 'REFERRAL_PARTY' });
    expect(decideFieldAccess(police, Tier.CLINICAL, record({ consents: [consent({ agencyIds: [NPS] })] }), now)).toEqual({
      allowed: false,
      reason: 'ROLE_TIER',
    });
  });

  it('needs a live consent covering the agency and tier for a referral party', () => {
    const clinician = caller(Role.GBVRC_CLINICIAN, { agencyId: NWH, providerId: GBVRC_PROVIDER });
    expect(decideFieldAccess(clinician, Tier.CLINICAL, record(), now).allowed).toBe(true);
    expect(
      decideFieldAccess(clinician, Tier.CLINICAL, record({ consents: [consent({ expiresAt: new Date('2026-11-01') })] }), now),
    ).toEqual({
      allowed: false,
      reason: 'NO_CONSENT',
    });
    expect(
      decideFieldAccess(clinician, Tier.CLINICAL, record({ consents: [consent({ revokedAt: new Date('2026-11-21') })] }), now).allowed,
    ).toBe(false);
    expect(decideFieldAccess(clinician, Tier.CLINICAL, record({ consents: [consent({ tiers: [Tier.OPERATIONAL] })] }), now).allowed).toBe(
      false,
    );
  });

  it('covers a party by agency type only when the consent names its type', () => {
    const police = caller(Role.POLICE_CPU, { agencyId: NPS, providerId: CPU_PROVIDER });
    const byType = (agencyTypes: string[]) =>
      record({ consents: [consent({ agencyIds: [], agencyTypes, tiers: [Tier.OPERATIONAL, Tier.IDENTIFYING] })] });
    expect(decideFieldAccess(police, Tier.IDENTIFYING, byType(['POLICE']), now)).toEqual({ allowed: true, via: 'REFERRAL_PARTY' });
    expect(decideFieldAccess(police, Tier.IDENTIFYING, byType(['HEALTH']), now)).toEqual({ allowed: false, reason: 'NO_CONSENT' });
    // A party whose agency type was not recorded is not covered by any type.
    const untyped = { ...byType(['POLICE']), referralParties: [{ providerId: CPU_PROVIDER, agencyId: NPS, agencyType: null }] };
    expect(decideFieldAccess(police, Tier.IDENTIFYING, untyped, now)).toEqual({ allowed: false, reason: 'NO_CONSENT' });
  });

  it('denies a stranger and an anonymous caller, but not public fields', () => {
    const stranger = caller(Role.GBVRC_CLINICIAN, { agencyId: NWH, providerId: 'b0000000-0000-4000-8000-00000000ffff' });
    expect(decideFieldAccess(stranger, Tier.OPERATIONAL, record(), now)).toEqual({ allowed: false, reason: 'NO_RELATIONSHIP' });
    expect(decideFieldAccess(null, Tier.OPERATIONAL, record(), now)).toEqual({ allowed: false, reason: 'NO_CALLER' });
    expect(decideFieldAccess(null, Tier.PUBLIC, record(), now).allowed).toBe(true);
  });

  it('lets a partner system act for its whole agency, at OPERATIONAL only', () => {
    const partner = caller(Role.PARTNER_SYSTEM, { agencyId: NWH, counties: [] });
    expect(decideFieldAccess(partner, Tier.OPERATIONAL, record({ consents: [consent({ tiers: [Tier.OPERATIONAL] })] }), now).allowed).toBe(
      true,
    );
    expect(decideFieldAccess(partner, Tier.IDENTIFYING, record(), now)).toEqual({ allowed: false, reason: 'ROLE_TIER' });
    const outsider = caller(Role.PARTNER_SYSTEM, { agencyId: 'a0000000-0000-4000-8000-000000000004', counties: [] });
    expect(decideFieldAccess(outsider, Tier.OPERATIONAL, record({ consents: [consent({ tiers: [Tier.OPERATIONAL] })] }), now)).toEqual({
      allowed: false,
      reason: 'NO_RELATIONSHIP',
    });
  });

  it('lets a supervisor read any case in their counties, whoever owns it', () => {
    const supervisor = caller(Role.DCS_SUPERVISOR, { agencyId: DCS });
    expect(decideFieldAccess(supervisor, Tier.NARRATIVE, record({ ownerAgencyId: NWH }), now)).toEqual({
      allowed: true,
      via: 'SUPERVISOR',
    });
    expect(decideFieldAccess(supervisor, Tier.NARRATIVE, record({ county: '001' }), now).allowed).toBe(false);
  });

  it('lets the DPO read every tier of a record reached through an open subject access request, and only then', () => {
    const dpo = caller(Role.DATA_PROTECTION_OFFICER, { counties: [] });
    const reached = record({ ownerAgencyId: NWH, county: '001', referralParties: [], consents: [] });
    for (const tier of [Tier.OPERATIONAL, Tier.IDENTIFYING, Tier.CLINICAL, Tier.NARRATIVE]) {
      expect(decideFieldAccess(dpo, tier, { ...reached, subjectAccess: true }, now)).toEqual({ allowed: true, via: 'SUBJECT_ACCESS' });
      expect(decideFieldAccess(dpo, tier, reached, now)).toEqual({ allowed: false, reason: 'ROLE_TIER' });
    }
  });

  it('lets no other role in by a subject access request', () => {
    const reached = record({ ownerAgencyId: NWH, county: '001', referralParties: [], consents: [], subjectAccess: true });
    for (const role of Object.values(Role).filter((r) => r !== Role.DATA_PROTECTION_OFFICER)) {
      expect({ role, allowed: decideFieldAccess(caller(role, { agencyId: DCS }), Tier.IDENTIFYING, reached, now).allowed }).toEqual({
        role,
        allowed: false,
      });
    }
    expect(decideFieldAccess(null, Tier.IDENTIFYING, reached, now)).toEqual({ allowed: false, reason: 'NO_CALLER' });
  });
});

describe('isConsentLive', () => {
  it('holds until the moment of expiry, and not from it', () => {
    expect(isConsentLive({ revokedAt: null, expiresAt: null }, now)).toBe(true);
    expect(isConsentLive({ revokedAt: null, expiresAt: new Date(now.getTime() + 1) }, now)).toBe(true);
    expect(isConsentLive({ revokedAt: null, expiresAt: now }, now)).toBe(false);
  });

  it('ends with a revocation, even one committed after the reading request began', () => {
    expect(isConsentLive({ revokedAt: now, expiresAt: null }, now)).toBe(false);
    // The request's clock was read before the officer's withdrawal was stamped.
    expect(isConsentLive({ revokedAt: new Date(now.getTime() + 2_000), expiresAt: null }, now)).toBe(false);
  });
});
