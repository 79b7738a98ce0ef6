import { ConsentBasis, Role, SqlConditions, Tier, type Caller, type ConsentFacts } from '@kinga/shared';
import {
  field,
  fieldWithCaseFacts,
  mayReadReferralField,
  tiersOpenToRecipient,
  visibilityCondition,
  visibilityImpliedBy,
  withCarriedCaseFacts,
  type ReferralFacts,
} from './referral.access';
import { ReferralStatus } from './referral.enums';

const PROVIDER = 'b0000000-0000-4000-8000-000000000001';
const AGENCY = 'a0000000-0000-4000-8000-000000000002';
const caller = (role: Role, extra: Partial<Caller> = {}): Caller => ({ sub: 's', name: 'n', role, counties: ['047'], ...extra });

describe('visibilityImpliedBy', () => {
  it('holds only for a party clause that visibilityCondition itself would allow', () => {
    const police = caller(Role.POLICE_CPU, { agencyId: AGENCY, providerId: PROVIDER });
    expect(visibilityImpliedBy(police, 'provider', PROVIDER)).toBe(true);
    const { param: policeParam, params: policeParams } = new SqlConditions();
    const policeCondition = visibilityCondition(police, 'r', policeParam);
    const policeClause = /r\.to_provider_id = \$(\d+)/.exec(policeCondition);
    expect(policeClause).not.toBeNull();
    expect(policeParams[Number(policeClause![1]) - 1]).toBe(PROVIDER);
    expect(visibilityImpliedBy(police, 'provider', 'b0000000-0000-4000-8000-00000000ffff')).toBe(false);
    expect(visibilityImpliedBy(police, 'agency', AGENCY)).toBe(false);

    const partner = caller(Role.PARTNER_SYSTEM, { agencyId: AGENCY, counties: [] });
    expect(visibilityImpliedBy(partner, 'agency', AGENCY)).toBe(true);
    const { param: partnerParam, params: partnerParams } = new SqlConditions();
    const partnerCondition = visibilityCondition(partner, 'r', partnerParam);
    const partnerClause = /r\.to_agency_id = \$(\d+)/.exec(partnerCondition);
    expect(partnerClause).not.toBeNull();
    expect(partnerParams[Number(partnerClause![1]) - 1]).toBe(AGENCY);
    expect(visibilityImpliedBy(partner, 'provider', PROVIDER)).toBe(false);
  });

  it('never holds for a caller who may not read referrals at all', () => {
    expect(visibilityImpliedBy(null, 'provider', PROVIDER)).toBe(false);
    const analyst = caller(Role.ANALYST, { providerId: PROVIDER });
    expect(visibilityCondition(analyst, 'r', new SqlConditions().param)).toBe('false');
    expect(visibilityImpliedBy(analyst, 'provider', PROVIDER)).toBe(false);
  });
});

describe('mayReadReferralField', () => {
  const OWNER = 'a0000000-0000-4000-8000-0000000000dc';
  const NGO_AGENCY = 'a0000000-0000-4000-8000-00000000000e';
  const NGO_POINT = 'b0000000-0000-4000-8000-00000000000e';
  const NOW = new Date('2026-11-22T12:00:00Z');
  const referral = (extra: Partial<ReferralFacts & { status: ReferralStatus }> = {}): ReferralFacts & { status: ReferralStatus } => ({
    id: 'r',
    caseOwnerAgencyId: OWNER,
    caseCounty: '047',
    fromProviderId: PROVIDER,
    fromAgencyId: OWNER,
    fromAgencyType: 'GOVERNMENT',
    toProviderId: NGO_POINT,
    toAgencyId: NGO_AGENCY,
    toAgencyType: 'NGO',
    status: ReferralStatus.SENT,
    ...extra,
  });
  const consent = (extra: Partial<ConsentFacts> = {}): ConsentFacts => ({
    basis: ConsentBasis.CAREGIVER,
    agencyIds: [NGO_AGENCY],
    agencyTypes: [],
    tiers: [Tier.OPERATIONAL, Tier.IDENTIFYING],
    expiresAt: null,
    revokedAt: null,
    ...extra,
  });
  const ngo = caller(Role.NGO_CASEWORKER, { agencyId: NGO_AGENCY, providerId: NGO_POINT });
  const owner = caller(Role.DCS_OFFICER, { agencyId: OWNER, providerId: PROVIDER });
  const reason = fieldWithCaseFacts(Tier.IDENTIFYING);
  const status = field(Tier.OPERATIONAL, true);

  it('gives the owner every tier it may read, with or without consents', () => {
    expect(mayReadReferralField(owner, reason, referral(), NOW)).toBe(true);
    expect(mayReadReferralField(owner, reason, referral({ status: ReferralStatus.CLOSED }), NOW)).toBe(true);
  });

  it('gives a recipient that does not own the case its free text only under a live consent, while the referral is open', () => {
    expect(mayReadReferralField(ngo, status, referral(), NOW)).toBe(true);
    expect(mayReadReferralField(ngo, reason, referral(), NOW)).toBe(false);
    expect(mayReadReferralField(ngo, reason, referral({ caseConsents: [consent()] }), NOW)).toBe(true);
    expect(mayReadReferralField(ngo, reason, referral({ caseConsents: [consent({ agencyIds: [], agencyTypes: ['NGO'] })] }), NOW)).toBe(
      true,
    );
    for (const refused of [
      consent({ agencyIds: [OWNER] }),
      consent({ tiers: [Tier.OPERATIONAL] }),
      consent({ expiresAt: new Date('2026-11-22T11:59:59Z') }),
      consent({ revokedAt: new Date('2026-11-01T00:00:00Z') }),
    ])
      expect(mayReadReferralField(ngo, reason, referral({ caseConsents: [refused] }), NOW)).toBe(false);
    for (const ended of [ReferralStatus.CLOSED, ReferralStatus.CANCELLED]) {
      expect(mayReadReferralField(ngo, reason, referral({ status: ended, caseConsents: [consent()] }), NOW)).toBe(false);
      expect(mayReadReferralField(ngo, status, referral({ status: ended }), NOW)).toBe(true);
    }
  });

  it('ends the part of a recipient that declined, and keeps the sender a party until it closes the referral', () => {
    const ngoSender = referral({
      fromProviderId: NGO_POINT,
      fromAgencyId: NGO_AGENCY,
      fromAgencyType: 'NGO',
      toProviderId: PROVIDER,
      toAgencyId: 'a0000000-0000-4000-8000-0000000000ff',
      toAgencyType: 'HEALTH',
      caseConsents: [consent()],
    });
    const declined = { status: ReferralStatus.DECLINED, caseConsents: [consent()] };
    expect(mayReadReferralField(ngo, reason, referral({ ...declined }), NOW)).toBe(false);
    expect(mayReadReferralField(ngo, status, referral({ ...declined }), NOW)).toBe(true);
    expect(mayReadReferralField(ngo, reason, { ...ngoSender, status: ReferralStatus.DECLINED }, NOW)).toBe(true);
    expect(mayReadReferralField(ngo, reason, { ...ngoSender, status: ReferralStatus.CLOSED }, NOW)).toBe(false);
  });

  it('lets the DPO in only through the subject access grant, and nobody else through it', () => {
    const dpo = caller(Role.DATA_PROTECTION_OFFICER, { counties: [] });
    // The grant carried with the case's facts opens the fields fetched with them, not the rest.
    const history = fieldWithCaseFacts(Tier.OPERATIONAL);
    expect(mayReadReferralField(dpo, history, withCarriedCaseFacts(referral(), { liveConsents: [], subjectAccessGrant: true }), NOW)).toBe(
      true,
    );
    expect(mayReadReferralField(dpo, history, referral(), NOW)).toBe(false);
    expect(mayReadReferralField(dpo, status, withCarriedCaseFacts(referral(), { liveConsents: [], subjectAccessGrant: true }), NOW)).toBe(
      false,
    );
    // The request's own mark (referralsOfRequest) opens every tier.
    expect(mayReadReferralField(dpo, status, referral({ subjectAccess: true }), NOW)).toBe(true);
    expect(mayReadReferralField(dpo, reason, referral(), NOW)).toBe(false);
    expect(mayReadReferralField(dpo, reason, withCarriedCaseFacts(referral(), { liveConsents: [], subjectAccessGrant: true }), NOW)).toBe(
      true,
    );
    expect(mayReadReferralField(ngo, reason, withCarriedCaseFacts(referral(), { liveConsents: [], subjectAccessGrant: true }), NOW)).toBe(
      false,
    );
  });

  it('reads carried facts strictly: malformed grants open nothing, and the loaded row is not changed', () => {
    const row = referral();
    const carried = withCarriedCaseFacts(row, {
      liveConsents: [
        { basis: 'CAREGIVER', agencyIds: NGO_AGENCY, agencyTypes: [], tiers: ['IDENTIFYING'], expiresAt: null },
        { basis: 'CAREGIVER', agencyIds: [NGO_AGENCY], agencyTypes: [], tiers: ['IDENTIFYING'], expiresAt: 'not a date' },
        null,
      ],
      subjectAccessGrant: 'true',
    });
    expect(carried.caseConsents).toEqual([]);
    expect(carried.subjectAccess).toBeUndefined();
    expect(carried.caseSubjectAccess).toBe(false);
    expect(row.caseConsents).toBeUndefined();
    const valid = withCarriedCaseFacts(row, {
      liveConsents: [
        { basis: 'CAREGIVER', agencyIds: [NGO_AGENCY], agencyTypes: [], tiers: ['IDENTIFYING'], expiresAt: '2026-12-01T00:00:00.000Z' },
      ],
    });
    expect(valid.caseConsents).toEqual([consent({ tiers: [Tier.IDENTIFYING], expiresAt: new Date('2026-12-01T00:00:00.000Z') })]);
    expect(mayReadReferralField(ngo, reason, valid, NOW)).toBe(true);
  });

  it('tells the sender each tier the case opens to the recipient, OPERATIONAL or not', () => {
    const open = (consents: ConsentFacts[]) => tiersOpenToRecipient(referral({ caseConsents: consents }), NOW);
    expect(open([consent({ tiers: [Tier.OPERATIONAL, Tier.IDENTIFYING, Tier.CLINICAL] })])).toEqual([
      Tier.OPERATIONAL,
      Tier.IDENTIFYING,
      Tier.CLINICAL,
    ]);
    // Without OPERATIONAL the child record stays closed, but the case's clinical notes and the referral's reason
    // are read under these tiers: the sender is told so, not that nothing is open.
    expect(open([consent({ tiers: [Tier.IDENTIFYING, Tier.CLINICAL] })])).toEqual([Tier.IDENTIFYING, Tier.CLINICAL]);
    // Tiers from two consents add up; one for another agency opens nothing.
    expect(open([consent({ tiers: [Tier.OPERATIONAL] }), consent({ tiers: [Tier.NARRATIVE] })])).toEqual([
      Tier.OPERATIONAL,
      Tier.NARRATIVE,
    ]);
    expect(open([consent({ agencyIds: [OWNER] })])).toEqual([]);
    // An office of the owning agency, wherever it is, is asked no consent (rule 3): every tier, none recorded.
    const toOwnOffice = referral({ toAgencyId: OWNER, toAgencyType: 'GOVERNMENT', caseConsents: [] });
    expect(tiersOpenToRecipient(toOwnOffice, NOW)).toEqual([Tier.OPERATIONAL, Tier.IDENTIFYING, Tier.CLINICAL, Tier.NARRATIVE]);
  });
});
