import { DEMO_CALLERS, DEMO_PROVIDERS, demoAgencyId, demoProviderId, Role, type CallerClaims } from '@kinga/shared';
import { must, OFFICER, recordConsent } from '../cases/fixtures';
import { startSystem, type KingaSystem } from '../harness/start-system';

/**
 * Who sees which field of a referral, as a table: one row per caller and referral, the fields they get and
 * the ones that come back null with FORBIDDEN. Both sides of every rule are asserted.
 */
const ALL = [
  'reference',
  'status',
  'urgency',
  'serviceRequested',
  'createdAt',
  'acknowledgeBy',
  'consentReference',
  'reason',
  'history',
  'serviceRecords',
  'recipientMayRead',
];
const PARTNER_FIELDS = ['reference', 'status', 'urgency', 'serviceRequested', 'createdAt', 'acknowledgeBy'];
// The consent reference is the sender's free text, so it is decided like the reason.
// What the case's consents open to the recipient tells of the consents: for parties and owners, not machine clients.
const PARTNER_DENIED = ['consentReference', 'reason', 'history', 'serviceRecords', 'recipientMayRead'];
/** A party that does not own the case, without a consent covering it: the referral, but no free text about the child. */
const NO_CONSENT_DENIED = ['consentReference', 'reason', 'history.0.note'];
const QUERY = `query($ref: String!) { referralByReference(reference: $ref) { ${ALL.map((f) =>
  f === 'history' ? 'history { toStatus note }' : f === 'serviceRecords' ? 'serviceRecords { edges { node { outcome } } }' : f,
).join(' ')} } }`;

/** The value at a dotted path such as `history.0.note`. */
const valueAt = (data: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown> | null | undefined)?.[key], data);

const NAIROBI_OFFICER = DEMO_CALLERS[Role.DCS_OFFICER];
const MOMBASA_OFFICER: CallerClaims = {
  ...NAIROBI_OFFICER,
  sub: 'mombasa-officer',
  providerId: demoProviderId(DEMO_PROVIDERS.DCS_MOMBASA),
  counties: ['001'],
};
const NATIONAL_SUPERVISOR: CallerClaims = { ...DEMO_CALLERS[Role.DCS_SUPERVISOR], sub: 'national-supervisor', counties: [] };
const MOMBASA_SUPERVISOR: CallerClaims = {
  ...DEMO_CALLERS[Role.DCS_SUPERVISOR],
  sub: 'mombasa-supervisor',
  providerId: demoProviderId(DEMO_PROVIDERS.DCS_MOMBASA),
  counties: ['001'],
};
const CRADLE_PARTNER: CallerClaims = {
  sub: 'cradle-system',
  name: 'CRADLE system',
  role: Role.PARTNER_SYSTEM,
  agencyId: demoAgencyId('CRADLE'),
  counties: [],
};

/** HIDDEN: null without an error, as for a reference no referral has (references must not be countable). */
type Outcome = { sees: string[]; denied: string[] } | 'HIDDEN' | 'UNAUTHENTICATED';

/**
 * Referral A: Nairobi DCS -> The CRADLE (NGO). B: Nairobi DCS -> Child Helpline 116 (Childline). C: Nairobi DCS ->
 * a GBV recovery centre (Nairobi Women's Hospital). D: Nairobi DCS -> the Kilimani police CPU.
 */
type ReferralName = 'A' | 'B' | 'C' | 'D';
const MATRIX: Array<[who: string, referral: ReferralName, caller: CallerClaims | null, outcome: Outcome]> = [
  ['owner officer (sender)', 'A', NAIROBI_OFFICER, { sees: ALL, denied: [] }],
  ['supervisor of the county', 'A', DEMO_CALLERS[Role.DCS_SUPERVISOR], { sees: ALL, denied: [] }],
  ['national supervisor', 'B', NATIONAL_SUPERVISOR, { sees: ALL, denied: [] }],
  ['supervisor of another county', 'A', MOMBASA_SUPERVISOR, 'HIDDEN'],
  ['officer of the owning agency, other county', 'A', MOMBASA_OFFICER, 'HIDDEN'],
  // The NGO does not own the case and no consent covers it yet: the status, not the reasons (DESIGN.md rule 3).
  ['NGO caseworker at the recipient, no consent', 'A', DEMO_CALLERS[Role.NGO_CASEWORKER], { sees: ALL, denied: NO_CONSENT_DENIED }],
  ['NGO caseworker, not a party', 'B', DEMO_CALLERS[Role.NGO_CASEWORKER], 'HIDDEN'],
  ['police CPU, not a party', 'A', DEMO_CALLERS[Role.POLICE_CPU], 'HIDDEN'],
  ['police CPU at the recipient, no consent', 'D', DEMO_CALLERS[Role.POLICE_CPU], { sees: ALL, denied: NO_CONSENT_DENIED }],
  ['GBVRC clinician, not a party', 'B', DEMO_CALLERS[Role.GBVRC_CLINICIAN], 'HIDDEN'],
  ['GBVRC clinician at the recipient, no consent', 'C', DEMO_CALLERS[Role.GBVRC_CLINICIAN], { sees: ALL, denied: NO_CONSENT_DENIED }],
  ['partner system of the recipient agency', 'B', DEMO_CALLERS[Role.PARTNER_SYSTEM], { sees: PARTNER_FIELDS, denied: PARTNER_DENIED }],
  ['partner system of another agency', 'A', DEMO_CALLERS[Role.PARTNER_SYSTEM], 'HIDDEN'],
  ['partner system of the recipient (CRADLE)', 'A', CRADLE_PARTNER, { sees: PARTNER_FIELDS, denied: PARTNER_DENIED }],
  ['analyst', 'A', DEMO_CALLERS[Role.ANALYST], 'HIDDEN'],
  ['programme officer', 'A', DEMO_CALLERS[Role.PROGRAMME_OFFICER], 'HIDDEN'],
  ['directory admin', 'A', DEMO_CALLERS[Role.DIRECTORY_ADMIN], 'HIDDEN'],
  ['data protection officer', 'A', DEMO_CALLERS[Role.DATA_PROTECTION_OFFICER], 'HIDDEN'],
  // Of the owning agency, in the case's county: its relation is the owner's, and its role reads nothing of a referral.
  ['analyst of the owning agency', 'A', { ...DEMO_CALLERS[Role.ANALYST], agencyId: NAIROBI_OFFICER.agencyId, counties: [] }, 'HIDDEN'],
  ['anonymous', 'A', null, 'UNAUTHENTICATED'],
];

describe('who sees which field of a referral (through the gateway)', () => {
  let system: KingaSystem;
  const references: Record<ReferralName, string> = { A: '', B: '', C: '', D: '' };
  let caseId = '';
  let dcs = '';

  beforeAll(async () => {
    system = await startSystem({ subgraphs: ['directory', 'cases', 'referrals'], demoData: true });
    dcs = system.token(NAIROBI_OFFICER);
    const opened = await system.request<{ openCase: { case: { id: string } } }>(
      `mutation($input: OpenCaseInput!) { openCase(input: $input) { case { id } } }`,
      {
        input: {
          countyCode: '047',
          categories: ['SEXUAL_ABUSE'],
          riskLevel: 'MEDIUM',
          child: { firstName: 'Matrix', lastName: 'Testchild', sex: 'MALE', estimatedAgeYears: 10, countyCode: '047' },
        },
      },
      dcs,
    );
    caseId = opened.body.data!.openCase.case.id;
    for (const [name, to, service] of [
      ['A', DEMO_PROVIDERS.CRADLE_LEGAL, 'LEGAL_AID'],
      ['B', DEMO_PROVIDERS.HELPLINE_116, 'HELPLINE_COUNSELLING'],
      ['C', DEMO_PROVIDERS.GBVRC_NWH, 'PSYCHOSOCIAL_SUPPORT'],
      ['D', DEMO_PROVIDERS.CPU_NAIROBI, 'POLICE_INVESTIGATION'],
    ] as const) {
      const created = await system.request<{ createReferral: { referral: { reference: string } } }>(
        `mutation($input: CreateReferralInput!, $key: String!) { createReferral(input: $input, idempotencyKey: $key) { referral { reference } } }`,
        {
          input: {
            caseId,
            toProviderId: demoProviderId(to),
            serviceRequested: service,
            urgency: 'ROUTINE',
            reason: 'Matrix reason',
            consentReference: 'CONSENT-1',
          },
          key: `matrix-${name}-000001`,
        },
        dcs,
      );
      expect(created.body.errors).toBeUndefined();
      references[name] = created.body.data!.createReferral.referral.reference;
    }
  });
  afterAll(() => system?.stop());

  it.each(MATRIX)('%s, referral %s', async (_who, referral, caller, outcome) => {
    const { body } = await system.request<{ referralByReference: Record<string, unknown> | null }>(
      QUERY,
      { ref: references[referral] },
      caller ? system.token(caller) : undefined,
    );
    if (outcome === 'HIDDEN') {
      const nobodys = await system.request(QUERY, { ref: 'KE-047-2026-999999' }, system.token(caller!));
      expect(body).toEqual({ data: { referralByReference: null } });
      expect(body).toEqual(nobodys.body);
      return;
    }
    if (outcome === 'UNAUTHENTICATED') {
      expect(body.data?.referralByReference ?? null).toBeNull();
      expect(body.errors?.[0].extensions?.code).toBe(outcome);
      expect(JSON.stringify(body)).not.toContain('Matrix reason');
      return;
    }
    const data = body.data!.referralByReference!;
    for (const field of outcome.sees.filter((f) => !outcome.denied.includes(f))) expect(data[field]).not.toBeNull();
    for (const path of outcome.denied) expect(valueAt(data, path)).toBeNull();
    const denied = (body.errors ?? []).filter((e) => e.extensions?.code === 'FORBIDDEN').map((e) => (e.path ?? []).slice(1).join('.'));
    expect(denied.sort()).toEqual([...outcome.denied].sort());
  });

  async function asNgoCaseworker() {
    return system.request<{ referralByReference: { status: string; reason: string | null; history: Array<{ note: string | null }> } }>(
      QUERY,
      { ref: references.A },
      system.token(DEMO_CALLERS[Role.NGO_CASEWORKER]),
    );
  }

  it('refuses an anonymous caller the fields that need a token, and keeps the public ones of the same service', async () => {
    // Both fields come from the referrals service in one fetch: the refusal of one must not cost the other.
    const { status, body } = await system.request<{ referralStatistics: { cells: unknown[] } | null; referral: unknown }>(
      `{ referralStatistics(groupBy: [COUNTY]) { cells { count } } referral(id: "00000000-0000-4000-8000-000000000001") { id } }`,
    );
    expect(status).toBe(200);
    expect(body.data?.referralStatistics?.cells).toEqual(expect.any(Array));
    expect(body.errors?.map((e) => [e.path?.join('.'), e.extensions?.code])).toEqual([['referral', 'UNAUTHENTICATED']]);
  });

  it("opens the referral's reasons to the NGO once a consent covers its agency, and closes them when it is revoked or the referral ends", async () => {
    /** A consent of the case for The CRADLE's agency, its identifying tier included, recorded by the owner's officer. */
    const consentForCradle = (purpose: string) =>
      recordConsent(system, {
        caseId,
        basis: 'CAREGIVER',
        agencyIds: [demoAgencyId('CRADLE')],
        tiers: ['OPERATIONAL', 'IDENTIFYING'],
        purpose,
      });
    const consentId = await consentForCradle('Legal aid for the child');
    const covered = await asNgoCaseworker();
    expect(covered.body.errors).toBeUndefined();
    expect(covered.body.data!.referralByReference).toMatchObject({ status: 'SENT', reason: 'Matrix reason' });

    // Rule 3: the consent revoked, the reasons close again at once (the next request), and the refusal is audited.
    await must(system, OFFICER, `mutation($input: RevokeConsentInput!) { revokeConsent(input: $input) { consent { id } } }`, {
      input: { consentId, reason: 'Matrix: the caregiver withdrew it' },
    });
    const reasonDenials = async () =>
      (
        (await system.subgraphs.referrals!.database.dataSource.query(
          `SELECT count(*)::int AS n FROM referrals.audit_event WHERE action = 'DENY' AND role = 'NGO_CASEWORKER' AND 'reason' = ANY(field_names)`,
        )) as Array<{ n: number }>
      )[0].n;
    const deniedBefore = await reasonDenials();
    const withdrawn = await asNgoCaseworker();
    expect(withdrawn.body.data!.referralByReference).toMatchObject({ status: 'SENT', reason: null });
    expect(JSON.stringify(withdrawn.body)).not.toContain('Matrix reason');
    expect((withdrawn.body.errors ?? []).map((e) => [e.extensions?.code, (e.path ?? []).join('.')])).toContainEqual([
      'FORBIDDEN',
      'referralByReference.reason',
    ]);
    expect(await reasonDenials()).toBe(deniedBefore + 1);
    // Given again, so that what follows proves the end of the referral closes them, not the revocation.
    await consentForCradle('Legal aid for the child, agreed again');
    expect((await asNgoCaseworker()).body.data!.referralByReference).toMatchObject({ reason: 'Matrix reason' });

    // Rule 2: a party is one only while the referral is open. The sender cancels it; the NGO keeps the status.
    const { body: current } = await system.request<{ referralByReference: { id: string; version: number } }>(
      `query($ref: String!) { referralByReference(reference: $ref) { id version } }`,
      { ref: references.A },
      dcs,
    );
    const cancelled = await system.request(
      `mutation($input: ReferralReasonTransitionInput!) { cancelReferral(input: $input) { referral { status } } }`,
      {
        input: {
          id: current.data!.referralByReference.id,
          expectedVersion: current.data!.referralByReference.version,
          reason: 'Matrix: the family moved to Mombasa',
        },
      },
      dcs,
    );
    expect(cancelled.body.errors).toBeUndefined();
    const ended = await asNgoCaseworker();
    expect(ended.body.data!.referralByReference).toMatchObject({ status: 'CANCELLED', reason: null });
    expect(ended.body.data!.referralByReference.history.map((step) => step.note)).toEqual([null, null]);
    expect(JSON.stringify(ended.body)).not.toContain('Matrix reason');
    expect(JSON.stringify(ended.body)).not.toContain('Mombasa');
    const refusedPaths = (ended.body.errors ?? []).map((e) => [e.extensions?.code, (e.path ?? []).join('.')]);
    expect(refusedPaths).toEqual(
      expect.arrayContaining([
        ['FORBIDDEN', 'referralByReference.reason'],
        ['FORBIDDEN', 'referralByReference.history.1.note'],
      ]),
    );
    // The owner still reads every word of it.
    const owner = await system.request<{ referralByReference: { reason: string; cancelReason: string } }>(
      `query($ref: String!) { referralByReference(reference: $ref) { reason cancelReason } }`,
      { ref: references.A },
      dcs,
    );
    expect(owner.body.errors).toBeUndefined();
    expect(owner.body.data!.referralByReference).toEqual({ reason: 'Matrix reason', cancelReason: 'Matrix: the family moved to Mombasa' });
  });
});
