import { randomUUID } from 'node:crypto';
import { DEMO_AGENCIES, DEMO_CALLERS, DEMO_PROVIDERS, demoAgencyId, demoId, demoProviderId, kenyanDate, Role } from '@kinga/shared';
import { countSqlStatements, startSystem, type KingaSystem } from '../harness/start-system';

/**
 * Referrals through the gateway with the directory, cases and referrals subgraphs and their demo data: the
 * real roles take each step, every illegal step fails with its code, and the cross-subgraph checks of
 * createReferral run as the caller.
 */
const NWH = demoProviderId(DEMO_PROVIDERS.GBVRC_NWH);
const CPU = demoProviderId(DEMO_PROVIDERS.CPU_NAIROBI);
const HELPLINE = demoProviderId(DEMO_PROVIDERS.HELPLINE_116);

const CREATE = `mutation Create($input: CreateReferralInput!, $key: String!) {
  createReferral(input: $input, idempotencyKey: $key) { referral { id reference status version } }
}`;
const STEP = (name: string, type = 'ReferralTransitionInput') =>
  `mutation Step($input: ${type}!) { ${name}(input: $input) { referral { id status version allowedNextStates } } }`;
const OPEN_CASE = `mutation Open($input: OpenCaseInput!) { openCase(input: $input) { case { id caseNumber } } }`;

interface Referral {
  id: string;
  reference: string;
  status: string;
  version: number;
}

describe('referrals through the gateway', () => {
  let system: KingaSystem;
  const token = (role: Role) => system.token(DEMO_CALLERS[role]);
  let dcs: string;
  let clinician: string;
  let police: string;
  let partner: string;
  let caseId: string;

  beforeAll(async () => {
    system = await startSystem({ subgraphs: ['directory', 'cases', 'referrals'], demoData: true });
    dcs = token(Role.DCS_OFFICER);
    clinician = token(Role.GBVRC_CLINICIAN);
    police = token(Role.POLICE_CPU);
    partner = token(Role.PARTNER_SYSTEM);
    caseId = await openCase('Zuhura', 'Referraltestchild', 13);
    await consentForPolice(caseId);
  });
  afterAll(() => system?.stop());

  /** A Nairobi defilement case of a girl, opened by the DCS officer. */
  async function openCase(firstName: string, lastName: string, estimatedAgeYears: number): Promise<string> {
    const opened = await system.request<{ openCase: { case: { id: string } } }>(
      OPEN_CASE,
      {
        input: {
          countyCode: '047',
          categories: ['DEFILEMENT'],
          riskLevel: 'HIGH',
          child: { firstName, lastName, sex: 'FEMALE', estimatedAgeYears, countyCode: '047' },
        },
      },
      dcs,
    );
    expect(opened.body.errors).toBeUndefined();
    return opened.body.data!.openCase.case.id;
  }

  /** Police read a referral's reasons as they read the case: under mandatory reporting (DESIGN.md, roles). */
  async function consentForPolice(ofCaseId: string): Promise<void> {
    const consented = await system.request(
      `mutation($input: RecordConsentInput!) { recordConsent(input: $input) { consent { id } } }`,
      {
        input: {
          caseId: ofCaseId,
          basis: 'MANDATORY_REPORTING',
          agencyTypes: ['POLICE'],
          tiers: ['OPERATIONAL', 'IDENTIFYING'],
          purpose: 'Investigation of a reported offence',
        },
      },
      dcs,
    );
    expect(consented.body.errors).toBeUndefined();
  }

  async function create(
    toProviderId: string,
    serviceRequested: string,
    key: string,
    extra: Record<string, unknown> = {},
    as = dcs,
  ): Promise<Referral> {
    const { body } = await system.request<{ createReferral: { referral: Referral } }>(
      CREATE,
      {
        input: { caseId, toProviderId, serviceRequested, urgency: 'EMERGENCY', reason: 'Reported assault yesterday; needs PEP', ...extra },
        key,
      },
      as,
    );
    expect(body.errors).toBeUndefined();
    return body.data!.createReferral.referral;
  }

  async function step(name: string, as: string, input: Record<string, unknown>, type?: string) {
    return system.request<Record<string, { referral: Referral & { allowedNextStates: string[] } }>>(STEP(name, type), { input }, as);
  }
  const codeOf = (r: { body: { errors?: Array<{ extensions?: Record<string, unknown> }> } }) => r.body.errors?.[0]?.extensions?.code;

  it('walks a referral from DCS to a GBV recovery centre to CLOSED, each step by its party, refusing every illegal step', async () => {
    const referral = await create(NWH, 'POST_EXPOSURE_PROPHYLAXIS', 'e2e-walk-gbvrc-0001');
    expect(referral.reference).toMatch(/^KE-047-\d{4}-\d{6}$/);
    const id = referral.id;
    // A uuid typed in capitals is the same referral, for a look-up and for a retry of the same creation.
    const inCapitals = await system.request<{ referral: { id: string } | null }>(
      `query($id: ID!) { referral(id: $id) { id } }`,
      { id: id.toUpperCase() },
      clinician,
    );
    expect(inCapitals.body.data?.referral).toEqual({ id });
    const retried = await system.request<{ createReferral: { referral: Referral } }>(
      CREATE,
      {
        input: {
          caseId: caseId.toUpperCase(),
          toProviderId: NWH.toUpperCase(),
          serviceRequested: 'POST_EXPOSURE_PROPHYLAXIS',
          urgency: 'EMERGENCY',
          reason: 'Reported assault yesterday; needs PEP',
        },
        key: 'e2e-walk-gbvrc-0001',
      },
      dcs,
    );
    expect(retried.body.errors).toBeUndefined();
    expect(retried.body.data?.createReferral.referral.id).toBe(id);

    expect(codeOf(await step('acknowledgeReferral', dcs, { id, expectedVersion: 1 }))).toBe('FORBIDDEN'); // the sender cannot acknowledge
    expect(codeOf(await step('acknowledgeReferral', police, { id, expectedVersion: 1 }))).toBe('FORBIDDEN'); // a stranger
    const skip = await step('acceptReferral', clinician, { id, expectedVersion: 1 });
    expect(codeOf(skip)).toBe('BAD_USER_INPUT');
    expect(skip.body.errors?.[0].message).toContain('Allowed next states: ACKNOWLEDGED, DECLINED, CANCELLED');

    expect(
      (await step('acknowledgeReferral', clinician, { id, expectedVersion: 1, note: 'Seen at triage' })).body.data?.acknowledgeReferral
        .referral.status,
    ).toBe('ACKNOWLEDGED');
    const stale = await step('acceptReferral', clinician, { id, expectedVersion: 1 });
    expect(stale.body.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2, currentStatus: 'ACKNOWLEDGED' });
    expect((await step('acceptReferral', clinician, { id, expectedVersion: 2 })).body.data?.acceptReferral.referral.status).toBe(
      'ACCEPTED',
    );
    expect(codeOf(await step('closeReferral', dcs, { id, expectedVersion: 3 }))).toBe('BAD_USER_INPUT'); // not completed yet
    expect((await step('startReferral', clinician, { id, expectedVersion: 3 })).body.data?.startReferral.referral.status).toBe(
      'IN_PROGRESS',
    );

    const recorded = await system.request<{ recordService: { serviceRecord: { pepGiven: boolean } } }>(
      `mutation($input: RecordServiceInput!) { recordService(input: $input) { serviceRecord { id pepGiven } } }`,
      {
        input: {
          referralId: id,
          service: 'POST_EXPOSURE_PROPHYLAXIS',
          deliveredOn: kenyanDate(new Date()),
          outcome: 'DELIVERED',
          pepGiven: true,
          injuries: 'None visible',
        },
      },
      clinician,
    );
    expect(recorded.body.errors).toBeUndefined();
    expect(recorded.body.data?.recordService.serviceRecord.pepGiven).toBe(true);
    const FINDINGS = `query($id: ID!) { referral(id: $id) { status serviceRecords { edges { node { pepGiven injuries } } } } }`;
    type Findings = {
      referral: { status: string; serviceRecords: { edges: Array<{ node: { pepGiven: boolean | null; injuries: string | null } }> } };
    };
    // The clinic reads back what it recorded while its part lasts...
    const ownFindings = await system.request<Findings>(FINDINGS, { id }, clinician);
    expect(ownFindings.body.errors).toBeUndefined();
    expect(ownFindings.body.data!.referral.serviceRecords.edges).toEqual([{ node: { pepGiven: true, injuries: 'None visible' } }]);

    expect(codeOf(await step('completeReferral', dcs, { id, expectedVersion: 4 }))).toBe('FORBIDDEN');
    expect((await step('completeReferral', clinician, { id, expectedVersion: 4 })).body.data?.completeReferral.referral.status).toBe(
      'COMPLETED',
    );
    expect(codeOf(await step('cancelReferral', dcs, { id, expectedVersion: 5, reason: 'too late' }, 'ReferralReasonTransitionInput'))).toBe(
      'BAD_USER_INPUT',
    );
    expect(codeOf(await step('closeReferral', clinician, { id, expectedVersion: 5 }))).toBe('FORBIDDEN'); // only the sender closes
    const closed = await step('closeReferral', dcs, { id, expectedVersion: 5 });
    expect(closed.body.data?.closeReferral.referral).toMatchObject({ status: 'CLOSED', version: 6, allowedNextStates: [] });
    expect(codeOf(await step('startReferral', clinician, { id, expectedVersion: 6 }))).toBe('BAD_USER_INPUT');
    // ...and not once the referral is closed (DESIGN.md rule 2), like the notes of its steps.
    const afterClose = await system.request<Findings>(FINDINGS, { id }, clinician);
    expect(afterClose.body.errors?.map((e) => [e.extensions?.code, (e.path ?? []).join('.')])).toEqual([
      ['FORBIDDEN', 'referral.serviceRecords.edges.0.node.pepGiven'],
      ['FORBIDDEN', 'referral.serviceRecords.edges.0.node.injuries'],
    ]);
    expect(JSON.stringify(afterClose.body)).not.toContain('None visible');

    const seen = await system.request<{
      referral: {
        acknowledgedInTime: boolean | null;
        startedInTime: boolean | null;
        history: Array<{ sequence: number; toStatus: string; actorRole: string }>;
        serviceRecords: { edges: Array<{ node: { pepGiven: boolean | null } }> };
      };
    }>(
      `query($id: ID!) { referral(id: $id) { acknowledgedInTime startedInTime history { sequence fromStatus toStatus actorRole note } serviceRecords { edges { node { outcome pepGiven } } } } }`,
      { id },
      dcs,
    );
    expect(seen.body.errors).toBeUndefined();
    expect(seen.body.data!.referral.history.map((e) => [e.sequence, e.toStatus, e.actorRole])).toEqual([
      [1, 'SENT', 'DCS_OFFICER'],
      [2, 'ACKNOWLEDGED', 'GBVRC_CLINICIAN'],
      [3, 'ACCEPTED', 'GBVRC_CLINICIAN'],
      [4, 'IN_PROGRESS', 'GBVRC_CLINICIAN'],
      [5, 'COMPLETED', 'GBVRC_CLINICIAN'],
      [6, 'CLOSED', 'DCS_OFFICER'],
    ]);
    expect(seen.body.data!.referral.serviceRecords.edges[0].node.pepGiven).toBe(true); // the owning DCS office may read CLINICAL
    expect(seen.body.data!.referral).toMatchObject({ acknowledgedInTime: true, startedInTime: true });

    // A police officer who is not party to it sees nothing of it.
    expect(codeOf(await system.request(`query($id: ID!) { referral(id: $id) { status } }`, { id }, police))).toBe('FORBIDDEN');
  });

  it('shows a police unit that sent a child for PEP when the record was made, but not what was done: that is clinical', async () => {
    // A case of its own: the unit stays a party to it through the referral it sends. It becomes one through
    // DCS's referral, and then refers the child on itself.
    const ofCase = { caseId: await openCase('Pendo', 'Peptestchild', 12) };
    await consentForPolice(ofCase.caseId);
    await create(CPU, 'POLICE_INVESTIGATION', 'e2e-pep-by-police-0001', { urgency: 'HIGH', ...ofCase });
    const pep = await create(NWH, 'POST_EXPOSURE_PROPHYLAXIS', 'e2e-pep-by-police-0002', ofCase, police);
    for (const [name, version, note] of [
      ['acknowledgeReferral', 1, undefined],
      ['acceptReferral', 2, undefined],
      ['startReferral', 3, 'PEP started; tear sutured'],
    ] as const)
      expect((await step(name, clinician, { id: pep.id, expectedVersion: version, note })).body.errors).toBeUndefined();
    // What the clinic writes on a clinical service's referral states findings: CLINICAL, so not the unit's,
    // although the unit reads its own reason (IDENTIFYING, under mandatory reporting). The clinic reads its note.
    const NOTES = `query($id: ID!) { referral(id: $id) { reason history { toStatus note } } }`;
    type Notes = { referral: { reason: string | null; history: Array<{ toStatus: string; note: string | null }> } };
    const notesAsPolice = await system.request<Notes>(NOTES, { id: pep.id }, police);
    expect(notesAsPolice.body.data?.referral.reason).toEqual(expect.any(String));
    expect(notesAsPolice.body.data?.referral.history.find((e) => e.toStatus === 'IN_PROGRESS')?.note).toBeNull();
    // Every step the clinic took (acknowledged, accepted, started) is refused, written or not: none is the unit's.
    expect(notesAsPolice.body.errors?.map((e) => [e.path?.join('.'), e.extensions?.code])).toEqual(
      [1, 2, 3].map((step) => [`referral.history.${step}.note`, 'FORBIDDEN']),
    );
    // The owning office reads it; so does the clinic that wrote it, although no consent on this case covers
    // the clinic (it is refused the unit's reason and note).
    const notesAsOwner = await system.request<Notes>(NOTES, { id: pep.id }, dcs);
    expect(notesAsOwner.body.errors).toBeUndefined();
    expect(notesAsOwner.body.data?.referral.history[3].note).toBe('PEP started; tear sutured');
    const notesAsClinic = await system.request<Notes>(NOTES, { id: pep.id }, clinician);
    expect(notesAsClinic.body.data?.referral.history[3].note).toBe('PEP started; tear sutured');
    expect(notesAsClinic.body.errors?.map((e) => e.path?.join('.')).sort()).toEqual(['referral.history.0.note', 'referral.reason']);
    const noteReads: Array<{ n: number }> = await system.subgraphs.referrals!.database.dataSource.query(
      `SELECT count(*)::int AS n FROM referrals.audit_event
        WHERE action = 'READ' AND record_type = 'Referral' AND role = 'GBVRC_CLINICIAN' AND $1 = ANY (record_ids) AND 'note' = ANY (field_names)`,
      [pep.id],
    );
    expect(noteReads[0].n).toBeGreaterThan(0);
    // So is a clinic's reason for declining one; the unit sees that it was declined.
    const declinedPep = await create(NWH, 'POST_EXPOSURE_PROPHYLAXIS', 'e2e-pep-by-police-0004', ofCase, police);
    const declined = await step(
      'declineReferral',
      clinician,
      { id: declinedPep.id, expectedVersion: 1, reason: 'PEP already started at another facility' },
      'ReferralReasonTransitionInput',
    );
    expect(declined.body.errors).toBeUndefined();
    const WHY = `query($id: ID!) { referral(id: $id) { status declineReason } }`;
    const whyAsPolice = await system.request<{ referral: { status: string; declineReason: string | null } }>(
      WHY,
      { id: declinedPep.id },
      police,
    );
    expect(whyAsPolice.body.data?.referral).toEqual({ status: 'DECLINED', declineReason: null });
    expect(whyAsPolice.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const whyAsOwner = await system.request<{ referral: { declineReason: string } }>(WHY, { id: declinedPep.id }, dcs);
    expect(whyAsOwner.body.data?.referral.declineReason).toBe('PEP already started at another facility');
    const recorded = await system.request(
      `mutation($input: RecordServiceInput!) { recordService(input: $input) { serviceRecord { id } } }`,
      {
        input: {
          referralId: pep.id,
          service: 'POST_EXPOSURE_PROPHYLAXIS',
          deliveredOn: kenyanDate(new Date()),
          outcome: 'DELIVERED',
          pepGiven: true,
        },
      },
      clinician,
    );
    expect(recorded.body.errors).toBeUndefined();

    const RECORDS = `query($id: ID!) { referral(id: $id) { status serviceRecords { edges { node { recordedAt service outcome deliveredOn pepGiven } } } } }`;
    type Records = { referral: { status: string; serviceRecords: { edges: Array<{ node: Record<string, unknown> }> } } };
    const asPolice = await system.request<Records>(RECORDS, { id: pep.id }, police);
    // The hand-over is the unit's to follow; what the clinic did to the child is not.
    expect(asPolice.body.data?.referral.status).toBe('IN_PROGRESS');
    expect(asPolice.body.data?.referral.serviceRecords.edges).toEqual([
      { node: { recordedAt: null, service: null, outcome: null, deliveredOn: null, pepGiven: null } },
    ]);
    // When it was recorded too: it is about when the child was given PEP.
    expect(asPolice.body.errors?.map((e) => [e.path?.at(-1), e.extensions?.code]).sort()).toEqual([
      ['deliveredOn', 'FORBIDDEN'],
      ['outcome', 'FORBIDDEN'],
      ['pepGiven', 'FORBIDDEN'],
      ['recordedAt', 'FORBIDDEN'],
      ['service', 'FORBIDDEN'],
    ]);
    // The clinic that recorded it reads it all, and the read is audited as clinical.
    const asClinic = await system.request<Records>(RECORDS, { id: pep.id }, clinician);
    expect(asClinic.body.errors).toBeUndefined();
    expect(asClinic.body.data?.referral.serviceRecords.edges[0].node).toMatchObject({
      service: 'POST_EXPOSURE_PROPHYLAXIS',
      outcome: 'DELIVERED',
      pepGiven: true,
    });
    const reads: Array<{ fieldNames: string[] }> = await system.subgraphs.referrals!.database.dataSource.query(
      `SELECT field_names AS "fieldNames" FROM referrals.audit_event WHERE action = 'READ' AND record_type = 'ServiceRecord' AND role = 'GBVRC_CLINICIAN'`,
    );
    expect(reads.flatMap((r) => r.fieldNames)).toEqual(
      expect.arrayContaining(['service', 'outcome', 'deliveredOn', 'pepGiven', 'recordedAt']),
    );

    // The case's owner may end the unit's onward referral (a sender's step), so the unit's part in the case
    // does not last for as long as the unit chooses; the clinic, its recipient, may not.
    const cancel = (as: string, expectedVersion: number) =>
      step(
        'cancelReferral',
        as,
        { id: pep.id, expectedVersion, reason: 'Care continues under the children office' },
        'ReferralReasonTransitionInput',
      );
    expect(codeOf(await cancel(clinician, 4))).toBe('FORBIDDEN');
    expect((await cancel(dcs, 4)).body.data?.cancelReferral.referral.status).toBe('CANCELLED');
    // A referral the unit sends to the owning office itself is the office's to decline, not to cancel: the
    // unit keeps its part until it has read why.
    const toOffice = await create(demoProviderId(DEMO_PROVIDERS.DCS_NAIROBI), 'CASE_MANAGEMENT', 'e2e-pep-by-police-0003', ofCase, police);
    // Not by the office it was sent to, nor by another office of the owning agency or the county supervisor:
    // the agency answers it by declining.
    const { providerId: _office, ...atNoOffice } = DEMO_CALLERS[Role.DCS_SUPERVISOR];
    const supervisor = system.token({ ...atNoOffice, sub: 'e2e-supervisor-2' });
    for (const [as, reason] of [
      [dcs, 'Not ours to cancel'],
      [supervisor, 'Not ours to cancel either'],
    ]) {
      const refused = await step('cancelReferral', as, { id: toOffice.id, expectedVersion: 1, reason }, 'ReferralReasonTransitionInput');
      expect(codeOf(refused)).toBe('FORBIDDEN');
      expect(refused.body.errors?.[0].message).toMatch(/Only the provider that sent the referral/);
    }
    // Once the office has completed it, the supervisor may close it: the unit's part in the case then ends.
    for (const [name, version] of [
      ['acknowledgeReferral', 1],
      ['acceptReferral', 2],
      ['startReferral', 3],
      ['completeReferral', 4],
    ] as const)
      expect((await step(name, dcs, { id: toOffice.id, expectedVersion: version })).body.errors).toBeUndefined();
    // The county supervisor of the office it was sent to, as the demo has it: the office's own people.
    const closed = await step('closeReferral', token(Role.DCS_SUPERVISOR), { id: toOffice.id, expectedVersion: 5 });
    expect(closed.body.data?.closeReferral.referral.status).toBe('CLOSED');
    // One it declined, though, the owning agency leaves to the sender to close, once it has read why.
    const declinedByOffice = await create(
      demoProviderId(DEMO_PROVIDERS.DCS_NAIROBI),
      'CASE_MANAGEMENT',
      'e2e-pep-by-police-0006',
      ofCase,
      police,
    );
    const declineInput = { id: declinedByOffice.id, expectedVersion: 1, reason: 'Not a case for this office' };
    expect((await step('declineReferral', dcs, declineInput, 'ReferralReasonTransitionInput')).body.errors).toBeUndefined();
    for (const as of [dcs, token(Role.DCS_SUPERVISOR)])
      expect(codeOf(await step('closeReferral', as, { id: declinedByOffice.id, expectedVersion: 2 }))).toBe('FORBIDDEN');
    expect(
      (await step('closeReferral', police, { id: declinedByOffice.id, expectedVersion: 2 })).body.data?.closeReferral.referral.status,
    ).toBe('CLOSED');

    // The unit can see at once what the clinic it referred the child to may read of the child: nothing, under
    // mandatory reporting alone; what a consent then gives; everything, for the owning office.
    const MAY_READ = `query($id: ID!) { referral(id: $id) { recipientMayRead } }`;
    const mayRead = async (id: string) =>
      (await system.request<{ referral: { recipientMayRead: string[] } }>(MAY_READ, { id }, police)).body.data?.referral.recipientMayRead;
    const onward = await create(NWH, 'MEDICAL_CARE', 'e2e-pep-by-police-0005', ofCase, police);
    expect(await mayRead(onward.id)).toEqual([]);
    const forTheClinic = await system.request(
      `mutation($input: RecordConsentInput!) { recordConsent(input: $input) { consent { id } } }`,
      {
        input: {
          ...ofCase,
          basis: 'CAREGIVER',
          agencyIds: [demoAgencyId(DEMO_AGENCIES.NWH)],
          tiers: ['OPERATIONAL', 'IDENTIFYING', 'CLINICAL'],
          purpose: 'Medical care at the recovery centre',
        },
      },
      dcs,
    );
    expect(forTheClinic.body.errors).toBeUndefined();
    expect(await mayRead(onward.id)).toEqual(['OPERATIONAL', 'IDENTIFYING', 'CLINICAL']);
    // Only while the unit's part lasts: once it is cancelled, what the case's consents say is not the unit's.
    await step(
      'cancelReferral',
      police,
      { id: onward.id, expectedVersion: 1, reason: 'Sent to the wrong centre' },
      'ReferralReasonTransitionInput',
    );
    const afterwards = await system.request(MAY_READ, { id: onward.id }, police);
    expect(afterwards.body.errors?.[0]).toMatchObject({ path: ['referral', 'recipientMayRead'], extensions: { code: 'FORBIDDEN' } });
  });

  it("classes what a recipient writes by what it is (a clinic's CLINICAL, a counsellor's NARRATIVE), and lets the writer read it back", async () => {
    const ofCase = { caseId: await openCase('Wanjiru', 'Notestestchild', 11) };
    await consentForPolice(ofCase.caseId);
    // The unit becomes a party through DCS's referral, then refers the child on three times itself.
    await create(CPU, 'POLICE_INVESTIGATION', 'e2e-notes-by-police-0001', { urgency: 'HIGH', ...ofCase });
    const ngo = token(Role.NGO_CASEWORKER);
    const CRADLE = demoProviderId(DEMO_PROVIDERS.CRADLE_LEGAL);
    const NOTES = `query($id: ID!) { referral(id: $id) { history { toStatus note } } }`;
    type Notes = { referral: { history: Array<{ toStatus: string; note: string | null }> } };
    const acceptedNote = async (as: string, id: string) => {
      const { body } = await system.request<Notes>(NOTES, { id }, as);
      return body.data?.referral.history.find((e) => e.toStatus === 'ACCEPTED')?.note;
    };
    const cases = [
      // A clinic's counselling note holds findings as often as not: CLINICAL, as on a clinical service's referral.
      { to: NWH, by: clinician, service: 'PSYCHOSOCIAL_SUPPORT', note: 'HIV test reactive; counselling begun', police: false },
      // A counsellor's note is an assessment of the child: NARRATIVE, which no police role reads.
      { to: CRADLE, by: ngo, service: 'PSYCHOSOCIAL_SUPPORT', note: 'Disclosed nightmares; weekly sessions', police: false },
      // Anything else is IDENTIFYING, which the unit reads under mandatory reporting.
      { to: CRADLE, by: ngo, service: 'LEGAL_AID', note: 'Advocate assigned for the hearing', police: true },
    ];
    const made: string[] = [];
    for (const [i, { to, by, service, note, police: policeReads }] of cases.entries()) {
      const referral = await create(to, service, `e2e-notes-by-police-${String(i + 2).padStart(4, '0')}`, ofCase, police);
      made.push(referral.id);
      expect((await step('acknowledgeReferral', by, { id: referral.id, expectedVersion: 1 })).body.errors).toBeUndefined();
      expect((await step('acceptReferral', by, { id: referral.id, expectedVersion: 2, note })).body.errors).toBeUndefined();
      expect({ service, police: await acceptedNote(police, referral.id) }).toEqual({ service, police: policeReads ? note : null });
      // The writer reads back what it wrote, though no consent on the case covers it; the owning office reads it.
      expect({ service, writer: await acceptedNote(by, referral.id) }).toEqual({ service, writer: note });
      expect({ service, owner: await acceptedNote(dcs, referral.id) }).toEqual({ service, owner: note });
    }
    // A colleague at the writing provider reads it only if their role reads its tier: not a caseworker at the
    // hospital (CLINICAL), nor another caseworker at the NGO (NARRATIVE, which the writer alone reads back).
    const [clinicNote, counsellorNote] = made;
    const hospitalCaseworker = system.token({
      ...DEMO_CALLERS[Role.NGO_CASEWORKER],
      sub: 'hospital-caseworker',
      agencyId: DEMO_CALLERS[Role.GBVRC_CLINICIAN].agencyId,
      providerId: DEMO_CALLERS[Role.GBVRC_CLINICIAN].providerId,
    });
    const otherCounsellor = system.token({ ...DEMO_CALLERS[Role.NGO_CASEWORKER], sub: 'another-counsellor' });
    expect(await acceptedNote(hospitalCaseworker, clinicNote)).toBeNull();
    expect(await acceptedNote(otherCounsellor, counsellorNote)).toBeNull();
    expect(await acceptedNote(ngo, counsellorNote)).toBe(cases[1].note);
  });

  it("walks a referral from DCS to a police CPU that declines it, with a reason, which ends the unit's part in the case", async () => {
    const { id } = await create(CPU, 'POLICE_INVESTIGATION', 'e2e-walk-cpu-0001', { urgency: 'HIGH' });
    expect((await step('acknowledgeReferral', police, { id, expectedVersion: 1 })).body.errors).toBeUndefined();
    const READ_AS_POLICE = `query($id: ID!) { referral(id: $id) { status reason case { child { firstName } } } }`;
    type PoliceView = { referral: { status: string; reason: string | null; case: { child: { firstName: string | null } | null } | null } };
    // A party to the open referral, under mandatory reporting: the child's name and the reason for the referral.
    const whileOpen = await system.request<PoliceView>(READ_AS_POLICE, { id }, police);
    expect(whileOpen.body.errors).toBeUndefined();
    expect(whileOpen.body.data?.referral).toMatchObject({
      status: 'ACKNOWLEDGED',
      reason: expect.any(String),
      case: { child: { firstName: 'Zuhura' } },
    });
    expect(codeOf(await step('declineReferral', dcs, { id, expectedVersion: 2, reason: 'x' }, 'ReferralReasonTransitionInput'))).toBe(
      'FORBIDDEN',
    );
    const noReason = await step('declineReferral', police, { id, expectedVersion: 2 }, 'ReferralReasonTransitionInput');
    expect(noReason.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.reason' });
    const declined = await step(
      'declineReferral',
      police,
      { id, expectedVersion: 2, reason: 'Outside our station area; refer to Kasarani CPU' },
      'ReferralReasonTransitionInput',
    );
    expect(declined.body.data?.declineReferral.referral).toMatchObject({ status: 'DECLINED', version: 3, allowedNextStates: ['CLOSED'] });
    const after = await step('acceptReferral', police, { id, expectedVersion: 3 });
    expect(codeOf(after)).toBe('BAD_USER_INPUT');
    expect(after.body.errors?.[0].message).toContain('Allowed next states: CLOSED');
    expect(codeOf(await step('cancelReferral', dcs, { id, expectedVersion: 3, reason: 'x' }, 'ReferralReasonTransitionInput'))).toBe(
      'BAD_USER_INPUT',
    );

    // Having turned the child away, the unit keeps the referral's status but no longer reads the child or the
    // referral's free text, consent or not; the sender reads why it was declined.
    const afterDecline = await system.request<PoliceView>(READ_AS_POLICE, { id }, police);
    expect(afterDecline.body.data?.referral).toEqual({ status: 'DECLINED', reason: null, case: { child: null } });
    expect(afterDecline.body.errors?.map((e) => [e.path?.join('.'), e.extensions?.code]).sort()).toEqual([
      ['referral.case.child', 'FORBIDDEN'],
      ['referral.reason', 'FORBIDDEN'],
    ]);
    expect(JSON.stringify(afterDecline.body)).not.toContain('Zuhura');
    const bySender = await system.request<{ referral: { declineReason: string } }>(
      `query($id: ID!) { referral(id: $id) { declineReason } }`,
      { id },
      dcs,
    );
    expect(bySender.body.data?.referral.declineReason).toBe('Outside our station area; refer to Kasarani CPU');

    // Only the sender closes a declined referral.
    expect(codeOf(await step('closeReferral', police, { id, expectedVersion: 3 }))).toBe('FORBIDDEN');
    const closed = await step('closeReferral', dcs, { id, expectedVersion: 3 });
    expect(closed.body.data?.closeReferral.referral).toMatchObject({ status: 'CLOSED', version: 4, allowedNextStates: [] });
  });

  it('refuses a referral of a case the caller may not see (FORBIDDEN) and of one that does not exist (BAD_USER_INPUT)', async () => {
    // An officer who may refer children, of another county's office: the case is not theirs to see, as the
    // gateway answers the referrals service's check in their name; the attempt is on the case's trail.
    const mombasaOfficer = system.token({
      ...DEMO_CALLERS[Role.DCS_OFFICER],
      sub: 'e2e-mombasa-officer',
      providerId: demoProviderId(DEMO_PROVIDERS.DCS_MOMBASA),
      counties: ['001'],
    });
    const foreign = await system.request(
      CREATE,
      { input: { caseId, toProviderId: NWH, serviceRequested: 'MEDICAL_CARE', urgency: 'ROUTINE', reason: 'x' }, key: 'e2e-foreign-0001' },
      mombasaOfficer,
    );
    expect(codeOf(foreign)).toBe('FORBIDDEN');
    expect(foreign.body.errors?.[0].message).toContain('you cannot see it');
    const denied = await system.subgraphs.referrals!.database.dataSource.query(
      `SELECT count(*)::int AS n FROM referrals.audit_event WHERE action = 'DENY' AND actor = 'e2e-mombasa-officer' AND $1 = ANY(record_ids)`,
      [caseId],
    );
    expect(denied).toEqual([{ n: 1 }]);
    const missing = await system.request(
      CREATE,
      {
        input: {
          caseId: demoId('case', 'no-such-case'),
          toProviderId: NWH,
          serviceRequested: 'MEDICAL_CARE',
          urgency: 'ROUTINE',
          reason: 'x',
        },
        key: 'e2e-missing-0001',
      },
      dcs,
    );
    expect(missing.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.caseId' });
    const unknownProvider = await system.request(
      CREATE,
      {
        input: { caseId, toProviderId: demoId('provider', 'nowhere'), serviceRequested: 'MEDICAL_CARE', urgency: 'ROUTINE', reason: 'x' },
        key: 'e2e-missing-0002',
      },
      dcs,
    );
    expect(unknownProvider.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.toProviderId' });
  });

  it('makes one referral of 20 concurrent createReferral retries with one idempotency key', async () => {
    const input = { caseId, toProviderId: NWH, serviceRequested: 'PSYCHOSOCIAL_SUPPORT', urgency: 'ROUTINE', reason: 'Counselling' };
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        system.request<{ createReferral: { referral: Referral } }>(CREATE, { input, key: 'e2e-retry-key-0001' }, dcs),
      ),
    );
    for (const r of results) expect(r.body.errors).toBeUndefined();
    const ids = new Set(results.map((r) => r.body.data!.createReferral.referral.id));
    expect(ids.size).toBe(1);
    const listed = await system.request<{ case: { referrals: { edges: Array<{ node: { id: string; serviceRequested: string } }> } } }>(
      `query($id: ID!) { case(id: $id) { referrals(first: 100) { edges { node { id serviceRequested } } } } }`,
      { id: caseId },
      dcs,
    );
    expect(listed.body.data!.case.referrals.edges.filter((e) => e.node.serviceRequested === 'PSYCHOSOCIAL_SUPPORT')).toHaveLength(1);
  });

  it('ends 50 concurrent transitions at one referral in a legal state, with a complete, ordered history and no lost update', async () => {
    const { id } = await create(NWH, 'MEDICAL_CARE', 'e2e-race-0001');
    const moves: Array<[string, string, string?]> = [
      ['acknowledgeReferral', clinician],
      ['acceptReferral', clinician],
      ['startReferral', clinician],
      ['completeReferral', clinician],
      ['declineReferral', clinician, 'ReferralReasonTransitionInput'],
      ['cancelReferral', dcs, 'ReferralReasonTransitionInput'],
      ['closeReferral', dcs],
    ];
    const results = await Promise.all(
      Array.from({ length: 50 }, async (_, i) => {
        const [name, as, type] = moves[i % moves.length];
        const read = await system.request<{ referral: { version: number } }>(
          `query($id: ID!) { referral(id: $id) { version } }`,
          { id },
          as,
        );
        const version = read.body.data!.referral.version;
        return step(name, as, { id, expectedVersion: version, ...(type ? { reason: `reason ${i}` } : {}) }, type);
      }),
    );
    const codes = results.map((r) => codeOf(r) ?? 'OK');
    for (const code of codes) expect(['OK', 'CONFLICT', 'BAD_USER_INPUT']).toContain(code);
    // Two of one caller's identical steps from one version are one step, the second answered as a retry; two
    // different steps answered with one version would be a lost update, and count twice here.
    const succeeded = new Set(
      results
        .filter((r) => !r.body.errors)
        .map((r) => {
          const { version, status } = Object.values(r.body.data!)[0].referral;
          return `${version}:${status}`;
        }),
    ).size;
    expect(succeeded).toBeGreaterThan(0);
    const final = await system.request<{
      referral: { status: string; version: number; history: Array<{ sequence: number; fromStatus: string | null; toStatus: string }> };
    }>(`query($id: ID!) { referral(id: $id) { status version history { sequence fromStatus toStatus } } }`, { id }, dcs);
    const { status, version, history } = final.body.data!.referral;
    expect(version).toBe(1 + succeeded);
    expect(history.map((e) => e.sequence)).toEqual(Array.from({ length: version }, (_, i) => i + 1));
    for (let i = 1; i < history.length; i += 1) expect(history[i].fromStatus).toBe(history[i - 1].toStatus);
    expect(history[history.length - 1].toStatus).toBe(status);
  });

  it('tells each caller the steps that are theirs to take now, and each of them is taken', async () => {
    const { id } = await create(NWH, 'MEDICAL_CARE', 'e2e-steps-for-you-0001');
    const supervisor = token(Role.DCS_SUPERVISOR);
    const STEPS = `query($id: ID!) { referral(id: $id) { version stepsYouMayTake allowedNextStates } }`;
    const stepsOf = async (as: string) =>
      (await system.request<{ referral: { stepsYouMayTake: string[] } }>(STEPS, { id }, as)).body.data!.referral.stepsYouMayTake;
    // Sent: the centre acknowledges or declines; the office that sent it, and its county's supervisor, may cancel.
    expect(await stepsOf(clinician)).toEqual(['ACKNOWLEDGE', 'DECLINE']);
    expect(await stepsOf(dcs)).toEqual(['CANCEL']);
    expect(await stepsOf(supervisor)).toEqual(['CANCEL']);
    // What is not listed is refused: the office cannot acknowledge, the centre cannot cancel.
    expect(codeOf(await step('acknowledgeReferral', dcs, { id, expectedVersion: 1 }))).toBe('FORBIDDEN');
    const cancel = { id, expectedVersion: 1, reason: 'Not needed' };
    expect(codeOf(await step('cancelReferral', clinician, cancel, 'ReferralReasonTransitionInput'))).toBe('FORBIDDEN');
    // Each listed step is taken, down the lifecycle to its end, where nobody has a step left.
    const walk: Array<[string, string, string]> = [
      ['ACKNOWLEDGE', 'acknowledgeReferral', clinician],
      ['ACCEPT', 'acceptReferral', clinician],
      ['START', 'startReferral', clinician],
      ['COMPLETE', 'completeReferral', clinician],
      ['CLOSE', 'closeReferral', dcs],
    ];
    for (const [i, [listed, mutation, as]] of walk.entries()) {
      expect(await stepsOf(as)).toContain(listed);
      expect((await step(mutation, as, { id, expectedVersion: i + 1 })).body.errors).toBeUndefined();
    }
    for (const as of [clinician, dcs, supervisor]) expect(await stepsOf(as)).toEqual([]);
  });

  it('answers a retry of a step that landed with the referral as it left it; anyone else, or another note, gets CONFLICT', async () => {
    const { id } = await create(NWH, 'MEDICAL_CARE', 'e2e-retry-step-0001');
    const first = await step('acknowledgeReferral', clinician, { id, expectedVersion: 1, note: 'On our way' });
    expect(first.body.errors).toBeUndefined();
    // The answer was lost; the clinic's system sends the same step again.
    const retry = await step('acknowledgeReferral', clinician, { id, expectedVersion: 1, note: 'On our way' });
    expect(retry.body.errors).toBeUndefined();
    expect(retry.body.data!.acknowledgeReferral.referral).toEqual(first.body.data!.acknowledgeReferral.referral);
    // Not a retry: another note, or a colleague at the same centre, who did not take the step.
    expect(codeOf(await step('acknowledgeReferral', clinician, { id, expectedVersion: 1, note: 'Something else' }))).toBe('CONFLICT');
    const colleague = system.token({ ...DEMO_CALLERS[Role.GBVRC_CLINICIAN], sub: 'another-clinician', name: 'Another clinician' });
    expect(codeOf(await step('acknowledgeReferral', colleague, { id, expectedVersion: 1, note: 'On our way' }))).toBe('CONFLICT');
    const history = await system.request<{ referral: { version: number; history: Array<{ toStatus: string }> } }>(
      `query($id: ID!) { referral(id: $id) { version history { toStatus } } }`,
      { id },
      dcs,
    );
    expect(history.body.data!.referral).toEqual({ version: 2, history: [{ toStatus: 'SENT' }, { toStatus: 'ACKNOWLEDGED' }] });
    // Sent again while the first is still in flight, the step is still taken once and every copy answered with it.
    const { id: raced } = await create(NWH, 'MEDICAL_CARE', 'e2e-retry-step-0002');
    const copies = await Promise.all(
      Array.from({ length: 8 }, () => step('acknowledgeReferral', clinician, { id: raced, expectedVersion: 1 })),
    );
    expect(copies.map((copy) => codeOf(copy) ?? copy.body.data!.acknowledgeReferral.referral.version)).toEqual(Array(8).fill(2));
  });

  it('answers a PARTNER_SYSTEM referralByReference with the status and never the child, even when asked', async () => {
    const { id, reference } = await create(HELPLINE, 'HELPLINE_COUNSELLING', 'e2e-partner-0001', { urgency: 'ROUTINE' });
    const asked = await system.request<{ referralByReference: Record<string, unknown> }>(
      `query($ref: String!) { referralByReference(reference: $ref) {
         reference status urgency serviceRequested createdAt acknowledgeBy reason history { note }
         case { id caseNumber child { firstName lastName initials } }
       } }`,
      { ref: reference },
      partner,
    );
    const data = asked.body.data!.referralByReference;
    expect(data).toMatchObject({
      reference,
      status: 'SENT',
      urgency: 'ROUTINE',
      serviceRequested: 'HELPLINE_COUNSELLING',
      reason: null,
      history: null,
    });
    const text = JSON.stringify(asked.body);
    expect(text).not.toContain('Zuhura');
    expect(text).not.toContain('Referraltestchild');
    expect(text).not.toContain('needs PEP');
    const forbiddenPaths = (asked.body.errors ?? []).filter((e) => e.extensions?.code === 'FORBIDDEN').map((e) => (e.path ?? []).join('.'));
    expect(forbiddenPaths).toEqual(expect.arrayContaining(['referralByReference.reason', 'referralByReference.history']));

    // A partner of another agency gets nothing: not even that the reference exists (the refusal is on its trail).
    const other = system.token({
      sub: 'other-partner',
      name: 'Other partner',
      role: Role.PARTNER_SYSTEM,
      agencyId: demoId('agency', 'CRADLE'),
      counties: [],
    });
    const byOther = await system.request(
      `query OtherPartner($ref: String!) { referralByReference(reference: $ref) { status } }`,
      { ref: reference },
      other,
    );
    expect(byOther.body).toEqual({ data: { referralByReference: null } });
    const trail = await system.subgraphs.referrals!.database.dataSource.query(
      `SELECT action, record_ids, field_names FROM referrals.audit_event WHERE operation_name LIKE 'OtherPartner%'`,
    );
    expect(trail).toEqual([{ action: 'DENY', record_ids: [id], field_names: ['referralByReference'] }]);
  });

  it('lists referrals with case number, both providers and their agencies in as many SQL statements for 100 as for 5', async () => {
    // Demo referrals plus new ones of Nairobi's demo cases, until the caller's list really holds 100.
    const before = await system.request<{ referrals: { totalCount: number } }>(`{ referrals(first: 1) { totalCount } }`, {}, dcs);
    let missing = Math.max(0, 100 - before.body.data!.referrals.totalCount);
    const candidates = [
      ...Array.from({ length: 60 }, (_, i) => `KE-047-2025-${String(i + 1).padStart(6, '0')}`),
      ...Array.from({ length: 30 }, (_, i) => `KE-047-2024-${String(i + 1).padStart(6, '0')}`),
      ...Array.from({ length: 40 }, (_, i) => `KE-047-2026-${String(i + 1).padStart(6, '0')}`),
    ];
    for (const caseNumber of candidates) {
      if (missing === 0) break;
      const r = await system.request(
        CREATE,
        {
          input: {
            caseId: demoId('case', caseNumber),
            toProviderId: NWH,
            serviceRequested: 'MEDICAL_CARE',
            urgency: 'ROUTINE',
            reason: 'Follow-up check',
          },
          key: `e2e-bulk-${caseNumber}`,
        },
        dcs,
      );
      // Closed demo cases cannot be referred; the next one can.
      if (r.body.errors?.[0]?.extensions?.field === 'input.caseId') continue;
      expect(r.body.errors).toBeUndefined();
      missing -= 1;
    }
    expect(missing).toBe(0);
    const LIST = `query($first: Int) { referrals(first: $first) { totalCount edges { node { reference status
      case { caseNumber } fromProvider { name agency { name } } toProvider { name agency { name } } } } } }`;
    let rows = 0;
    const cost = async (first: number) =>
      countSqlStatements(system, async () => {
        const { body } = await system.request<{
          referrals: {
            totalCount: number;
            edges: Array<{ node: { case: { caseNumber: string }; toProvider: { agency: { name: string } } } }>;
          };
        }>(LIST, { first }, dcs);
        expect(body.errors).toBeUndefined();
        rows = body.data!.referrals.edges.length;
        for (const { node } of body.data!.referrals.edges) {
          expect(node.case.caseNumber).toMatch(/^KE-047-/);
          expect(node.toProvider.agency.name).toBeTruthy();
        }
      });
    const small = await cost(5);
    expect(rows).toBe(5);
    const large = await cost(100);
    expect(rows).toBe(100);
    expect(large).toEqual(small);
    for (const count of Object.values(large)) expect(count).toBeLessThanOrEqual(4);
  });

  it('answers a retried recordService with the record already made, never a second one', async () => {
    const { id } = await create(NWH, 'MEDICAL_CARE', 'e2e-record-retry-0001');
    for (const [name, version] of [
      ['acknowledgeReferral', 1],
      ['acceptReferral', 2],
    ] as const)
      expect((await step(name, clinician, { id, expectedVersion: version })).body.errors).toBeUndefined();
    const RECORD = `mutation($id: ID!, $input: RecordServiceInput!) { recordService(referralId: $id, input: $input) { serviceRecord { id } } }`;
    const input = {
      service: 'MEDICAL_CARE',
      deliveredOn: kenyanDate(new Date()),
      outcome: 'DELIVERED',
      idempotencyKey: 'e2e-record-retry-key-0001',
    };
    // Four sends of one record at once, as a clinic's retries after a timeout: one record, the same answer, whether
    // the referral is named in the input or, as before, in the deprecated argument.
    const RECORD_IN_INPUT = `mutation($input: RecordServiceInput!) { recordService(input: $input) { serviceRecord { id } } }`;
    const sends = await Promise.all(
      Array.from({ length: 4 }, (_, i) =>
        i % 2 === 0
          ? system.request<{ recordService: { serviceRecord: { id: string } } }>(RECORD, { id, input }, clinician)
          : system.request<{ recordService: { serviceRecord: { id: string } } }>(
              RECORD_IN_INPUT,
              { input: { ...input, referralId: id } },
              clinician,
            ),
      ),
    );
    expect(sends.map((s) => s.body.errors)).toEqual([undefined, undefined, undefined, undefined]);
    expect(new Set(sends.map((s) => s.body.data?.recordService.serviceRecord.id)).size).toBe(1);
    const [{ n }] = await system.subgraphs.referrals!.database.dataSource.query(
      `SELECT count(*)::int AS n FROM referrals.service_record WHERE referral_id = $1`,
      [id],
    );
    expect(n).toBe(1);
    // A client library's resend that spells the same record another way (fields it left out sent as null) is the
    // same request.
    const respelled = await system.request<{ recordService: { serviceRecord: { id: string } } }>(
      RECORD,
      { id, input: { ...input, pepGiven: null, injuries: null } },
      clinician,
    );
    expect(respelled.body.data?.recordService.serviceRecord.id).toBe(sends[0].body.data?.recordService.serviceRecord.id);
    // The referral named twice, as two different ones, or not at all.
    const twoReferrals = await system.request(RECORD, { id, input: { ...input, referralId: randomUUID() } }, clinician);
    expect(twoReferrals.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.referralId' });
    const noReferral = await system.request(RECORD_IN_INPUT, { input }, clinician);
    expect(noReferral.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.referralId' });
    const other = await system.request(RECORD, { id, input: { ...input, outcome: 'NOT_DELIVERED' } }, clinician);
    expect(other.body.errors?.[0].extensions?.code).toBe('CONFLICT');
    const malformed = await system.request(RECORD, { id, input: { ...input, idempotencyKey: 'short' } }, clinician);
    expect(malformed.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.idempotencyKey' });
    // Without a key, two sends are two records, as before.
    const { idempotencyKey: _key, ...unkeyed } = input;
    for (let i = 0; i < 2; i += 1) expect((await system.request(RECORD, { id, input: unkeyed }, clinician)).body.errors).toBeUndefined();
    const [{ m }] = await system.subgraphs.referrals!.database.dataSource.query(
      `SELECT count(*)::int AS m FROM referrals.service_record WHERE referral_id = $1`,
      [id],
    );
    expect(m).toBe(3);
    // The records come a page at a time, in the order they were recorded, and a page's cursor leads to the rest.
    const PAGE = `query($id: ID!, $after: String) { referral(id: $id) { serviceRecords(first: 2, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } } }`;
    type Page = {
      referral: {
        serviceRecords: {
          totalCount: number;
          pageInfo: { hasNextPage: boolean; endCursor: string };
          edges: Array<{ node: { id: string } }>;
        };
      };
    };
    const first = await system.request<Page>(PAGE, { id }, clinician);
    expect(first.body.errors).toBeUndefined();
    const second = await system.request<Page>(PAGE, { id, after: first.body.data!.referral.serviceRecords.pageInfo.endCursor }, clinician);
    const [one, two] = [first.body.data!.referral.serviceRecords, second.body.data!.referral.serviceRecords];
    expect([one.totalCount, one.edges.length, one.pageInfo.hasNextPage, two.edges.length, two.pageInfo.hasNextPage]).toEqual([
      3,
      2,
      true,
      1,
      false,
    ]);
    const recorded: Array<{ id: string }> = await system.subgraphs.referrals!.database.dataSource.query(
      `SELECT id FROM referrals.service_record WHERE referral_id = $1 ORDER BY recorded_at, id`,
      [id],
    );
    expect([...one.edges, ...two.edges].map((e) => e.node.id)).toEqual(recorded.map((r) => r.id));
    const forged = Buffer.from(JSON.stringify(['yesterday', 'not-an-id'])).toString('base64url');
    const refused = await system.request<Page>(PAGE, { id, after: forged }, clinician);
    expect(refused.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    // The referral lists check a cursor's values too, before PostgreSQL is asked: the list, the overdue list
    // (after its mark) and a case's referrals.
    const forgedDue = Buffer.from(JSON.stringify(['due', 'yesterday', 'not-an-id'])).toString('base64url');
    for (const [list, after] of [
      ['referrals', forged],
      ['overdueReferrals', forgedDue],
    ] as const) {
      const { body } = await system.request(`query($after: String) { ${list}(first: 5, after: $after) { totalCount } }`, { after }, dcs);
      expect({ list, extensions: body.errors?.[0].extensions }).toMatchObject({
        list,
        extensions: { code: 'BAD_USER_INPUT', field: 'after' },
      });
    }
    const ofTheCase = await system.request(
      `query($id: ID!, $after: String) { referral(id: $id) { case { referrals(first: 5, after: $after) { totalCount } } } }`,
      { id, after: forged },
      dcs,
    );
    expect(ofTheCase.body.errors?.[0]).toMatchObject({
      path: ['referral', 'case', 'referrals'],
      extensions: { code: 'BAD_USER_INPUT', field: 'after' },
    });

    // Two services recorded in one request share its time: they are listed in the order they were recorded,
    // whichever id each drew.
    // Five, so that the order of random ids matches the order recorded once in 120 runs.
    const services = ['POST_EXPOSURE_PROPHYLAXIS', 'FORENSIC_EXAMINATION', 'PSYCHOSOCIAL_SUPPORT', 'MEDICAL_CARE', 'LEGAL_AID'];
    const aliases = services.map((_service, i) => `s${i}`);
    const together = await system.request(
      `mutation($id: ID!, ${aliases.map((a) => `$${a}: RecordServiceInput!`).join(', ')}) {
        ${aliases.map((a) => `${a}: recordService(referralId: $id, input: $${a}) { serviceRecord { id } }`).join('\n')}
      }`,
      { id, ...Object.fromEntries(services.map((service, i) => [aliases[i], { ...unkeyed, service }])) },
      clinician,
    );
    expect(together.body.errors).toBeUndefined();
    const listed = await system.request<{ referral: { serviceRecords: { edges: Array<{ node: { service: string } }> } } }>(
      `query($id: ID!) { referral(id: $id) { serviceRecords(first: 10) { edges { node { service } } } } }`,
      { id },
      clinician,
    );
    expect(listed.body.data!.referral.serviceRecords.edges.map((e) => e.node.service).slice(-services.length)).toEqual(services);
  });

  it("keeps, in the database too, what a referral's status implies of its stamps and reasons, and its history as written", async () => {
    // In a transaction rolled back at the end, so that the referral it changes is the later tests' as it was.
    const db = system.subgraphs.referrals!.database.dataSource.createQueryRunner();
    await db.startTransaction();
    try {
      const [{ id }] = await db.query(`SELECT id FROM referrals.referral WHERE status = 'SENT' LIMIT 1`);
      for (const impossible of [
        `status = 'CANCELLED'`, // no cancelled_at, no reason
        `cancelled_at = now(), status = 'CANCELLED'`, // no reason
        `decline_reason = 'x'`, // a reason for a decline that did not happen
        `status = 'COMPLETED', completed_at = now()`, // never acknowledged, accepted or started
        `acknowledge_by = created_at`,
      ])
        await expect(savepoint(() => db.query(`UPDATE referrals.referral SET ${impossible} WHERE id = $1`, [id]))).rejects.toThrow(
          /violates check constraint/,
        );
      // What the lifecycle writes passes.
      await db.query(`UPDATE referrals.referral SET status = 'CANCELLED', cancelled_at = now(), cancel_reason = 'x' WHERE id = $1`, [id]);
      // And its steps, once written, stay as written.
      await expect(savepoint(() => db.query(`UPDATE referrals.referral_event SET note = 'rewritten'`))).rejects.toThrow(/append-only/);
      await expect(savepoint(() => db.query(`DELETE FROM referrals.referral_event`))).rejects.toThrow(/append-only/);
    } finally {
      await db.rollbackTransaction();
      await db.release();
    }
    /** A statement that fails leaves the transaction usable for the next. */
    async function savepoint<T>(statement: () => Promise<T>): Promise<T> {
      await db.query('SAVEPOINT attempt');
      try {
        const result = await statement();
        await db.query('RELEASE SAVEPOINT attempt');
        return result;
      } catch (error) {
        await db.query('ROLLBACK TO SAVEPOINT attempt');
        throw error;
      }
    }
  });

  it('lists overdue referrals most overdue first, and serves suppressed statistics to anyone', async () => {
    // Just sent: its first clock runs for another hour, so it must not be listed.
    const onTime = await create(NWH, 'MEDICAL_CARE', 'e2e-not-overdue-0001');
    const overdue = await system.request<{
      overdueReferrals: { edges: Array<{ node: { reference: string; overdue: boolean; overdueMinutes: number; nextDueAt: string } }> };
    }>(`{ overdueReferrals(first: 100) { edges { node { reference status overdue overdueMinutes nextDueAt } } } }`, {}, dcs);
    expect(overdue.body.errors).toBeUndefined();
    const nodes = overdue.body.data!.overdueReferrals.edges.map((e) => e.node);
    expect(nodes.length).toBeGreaterThan(0);
    expect(nodes.length).toBeLessThan(100); // the whole list, so what is absent is absent
    expect(nodes.map((node) => node.reference)).not.toContain(onTime.reference);
    for (const node of nodes) expect(node.overdue).toBe(true);
    // Overdue by the database's own clock and record, not by the code that listed them.
    const [{ late }] = await system.subgraphs.referrals!.database.dataSource.query(
      `SELECT count(*)::int AS late FROM referrals.referral
        WHERE reference = ANY($1) AND status IN ('SENT', 'ACKNOWLEDGED', 'ACCEPTED') AND coalesce(CASE WHEN status = 'SENT' THEN acknowledge_by ELSE start_by END, 'infinity') < now()`,
      [nodes.map((node) => node.reference)],
    );
    expect(late).toBe(nodes.length);
    for (let i = 1; i < nodes.length; i += 1) expect(nodes[i].overdueMinutes).toBeLessThanOrEqual(nodes[i - 1].overdueMinutes);
    // An office's own queue: the same list, filtered by direction, still most overdue first.
    const sides = await system.request<{
      all: { edges: Array<{ node: { reference: string; toProvider: { id: string }; fromProvider: { id: string } } }> };
      incoming: { edges: Array<{ node: { reference: string } }> };
      outgoing: { edges: Array<{ node: { reference: string } }> };
    }>(
      `{ all: overdueReferrals(first: 100) { edges { node { reference toProvider { id } fromProvider { id } } } }
         incoming: overdueReferrals(first: 100, filter: { direction: INCOMING }) { edges { node { reference } } }
         outgoing: overdueReferrals(first: 100, filter: { direction: OUTGOING }) { edges { node { reference } } } }`,
      {},
      dcs,
    );
    expect(sides.body.errors).toBeUndefined();
    const office = DEMO_CALLERS[Role.DCS_OFFICER].providerId;
    const all = sides.body.data!.all.edges.map((e) => e.node);
    expect(sides.body.data!.incoming.edges.map((e) => e.node.reference)).toEqual(
      all.filter((n) => n.toProvider.id === office).map((n) => n.reference),
    );
    expect(sides.body.data!.outgoing.edges.map((e) => e.node.reference)).toEqual(
      all.filter((n) => n.fromProvider.id === office).map((n) => n.reference),
    );
    expect(sides.body.data!.incoming.edges.length + sides.body.data!.outgoing.edges.length).toBeGreaterThan(0);
    // Paged two at a time, the queue is the same list; a cursor of one list is refused by the other.
    type Page = { edges: Array<{ node: { reference: string } }>; pageInfo: { endCursor: string | null } };
    const PAGE = `query($after: String) { overdueReferrals(first: 2, after: $after) { edges { node { reference } } pageInfo { endCursor } } }`;
    const paged: string[] = [];
    for (let after: string | null = null, pages = 0; pages < 50; pages += 1) {
      const page: Page = (await system.request<{ overdueReferrals: Page }>(PAGE, { after }, dcs)).body.data!.overdueReferrals;
      paged.push(...page.edges.map((e) => e.node.reference));
      after = page.pageInfo.endCursor;
      if (page.edges.length < 2) break;
    }
    expect(paged).toEqual(all.map((n) => n.reference));
    const firstPages = await system.request<{ overdueReferrals: Page; referrals: Page }>(
      `{ overdueReferrals(first: 1) { pageInfo { endCursor } } referrals(first: 1) { pageInfo { endCursor } } }`,
      {},
      dcs,
    );
    const dueCursor = firstPages.body.data!.overdueReferrals.pageInfo.endCursor;
    const newestCursor = firstPages.body.data!.referrals.pageInfo.endCursor;
    for (const [list, after] of [
      ['referrals', dueCursor],
      ['overdueReferrals', newestCursor],
    ] as const) {
      const crossed = await system.request(`query($after: String) { ${list}(first: 5, after: $after) { totalCount } }`, { after }, dcs);
      expect({ list, code: codeOf(crossed) }).toEqual({ list, code: 'BAD_USER_INPUT' });
    }

    const stats = await system.request<{
      referralStatistics: { asOf: string; cells: Array<{ county: string; suppressed: boolean; count: number | null; status: string }> };
    }>(
      `{ referralStatistics(groupBy: [COUNTY, STATUS]) { asOf suppressionThreshold cells { county status suppressed count medianHoursToAcknowledge shareCompletedWithinSla } } }`,
    );
    expect(stats.body.errors).toBeUndefined();
    const cells = stats.body.data!.referralStatistics.cells;
    // How referrals ended: one its sender closed counts as completed or declined, as it was.
    const [{ closed }]: Array<{ closed: number }> = await system.subgraphs.referrals!.database.dataSource.query(
      `SELECT count(*)::int AS closed FROM referrals.referral WHERE status = 'CLOSED'`,
    );
    expect(closed).toBeGreaterThan(0);
    expect(cells.filter((c) => c.status === 'CLOSED')).toEqual([]);
    const closedFilter = await system.request(`{ referralStatistics(groupBy: [STATUS], filter: {statuses: [CLOSED]}) { groupBy } }`);
    expect(closedFilter.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.statuses.0' });
    expect(cells.some((c) => c.suppressed)).toBe(true);
    expect(cells.some((c) => !c.suppressed)).toBe(true);
    for (const cell of cells) {
      if (cell.suppressed) expect(cell.count).toBeNull();
      else expect(cell.count).toBeGreaterThanOrEqual(5);
    }
    // A filter selects cells of the national table: the same cell, the same answer, whatever else is asked.
    // Within the maximum age, from the same snapshot: the same moment, and no aggregate sent again.
    const before = system.sqlStatements().referrals;
    const nairobi = await system.request<{
      referralStatistics: {
        asOf: string;
        groupBy: string[];
        cells: Array<{ county: string; status: string; suppressed: boolean; count: number | null }>;
      };
    }>(`{ referralStatistics(groupBy: [STATUS], filter: {counties: ["047"]}) { asOf groupBy cells { county status suppressed count } } }`);
    expect(system.sqlStatements().referrals - before).toBe(0);
    expect(nairobi.body.data!.referralStatistics.asOf).toBe(stats.body.data!.referralStatistics.asOf);
    expect(nairobi.body.data!.referralStatistics.groupBy).toEqual(['COUNTY', 'STATUS']);
    for (const cell of nairobi.body.data!.referralStatistics.cells) {
      expect(cell.county).toBe('047');
      expect(cells).toContainEqual(
        expect.objectContaining({ county: '047', status: cell.status, suppressed: cell.suppressed, count: cell.count }),
      );
    }
    const badMonth = await system.request(`{ referralStatistics(groupBy: [MONTH], filter: {fromMonth: "2026-13"}) { groupBy } }`);
    expect(badMonth.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.fromMonth' });
    const inverted = await system.request(
      `{ referralStatistics(groupBy: [MONTH], filter: {fromMonth: "2026-06", toMonth: "2026-01"}) { groupBy } }`,
    );
    expect(inverted.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.fromMonth' });
    const noCounty = await system.request(`{ referralStatistics(groupBy: [COUNTY], filter: {counties: []}) { groupBy } }`);
    expect(noCounty.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.counties' });
  });

  it('withholds a published cell’s measure taken over fewer than 5 of its referrals, or of its children', async () => {
    type Cell = {
      county: string | null;
      service: string | null;
      month: string | null;
      count: number | null;
      medianHoursToComplete: number | null;
      shareCompletedWithinSla: number | null;
    };
    // A cell of July 2019 whose referrals are about six children, the five completed ones all about one of them:
    // published, but its timings would be that one child's.
    const db = system.subgraphs.referrals!.database.dataSource;
    const copied = `case_owner_agency_id, from_provider_id, from_agency_id, from_agency_type, to_provider_id, to_agency_id,
      to_agency_type, urgency, reason, created_by`;
    const oneChild = randomUUID();
    for (let n = 1; n <= 11; n += 1) {
      const done = n <= 5;
      await db.query(
        `INSERT INTO referrals.referral (reference, idempotency_key, case_id, case_county, service_requested, created_at, updated_at,
                acknowledge_by, start_by, status, version, acknowledged_at, accepted_at, started_at, completed_at, ${copied})
         SELECT $1, $1, $2, '047', 'LEGAL_AID', t, t, t + interval '1 hour', t + interval '1 day', $3, 1,
                CASE WHEN $4 THEN t + interval '10 minutes' END, CASE WHEN $4 THEN t + interval '20 minutes' END,
                CASE WHEN $4 THEN t + interval '30 minutes' END, CASE WHEN $4 THEN t + interval '2 hours' END, ${copied}
           FROM referrals.referral, (SELECT timestamptz '2019-07-10 09:00+03' AS t) AS at ORDER BY reference LIMIT 1`,
        [`KE-047-2019-7100${String(n).padStart(2, '0')}`, done ? oneChild : randomUUID(), done ? 'COMPLETED' : 'SENT', done],
      );
    }
    const few: Array<Cell & { completed: number; children: number }> = [];
    const enough: Cell[] = [];
    const MONTH = `to_char(created_at AT TIME ZONE 'Africa/Nairobi', 'YYYY-MM')`;
    // A fine grouping, where most cells have few completed referrals, and a coarse one, where some have many.
    for (const [groupBy, columns] of [
      [['COUNTY', 'SERVICE', 'MONTH'], `case_county AS county, service_requested AS service, ${MONTH} AS month`],
      [['SERVICE'], `NULL AS county, service_requested AS service, NULL AS month`],
    ] as const) {
      const { body } = await system.request<{ referralStatistics: { cells: Cell[] } }>(
        `query($groupBy: [ReferralStatisticsDimension!]!) { referralStatistics(groupBy: $groupBy) { cells { county service month count medianHoursToComplete shareCompletedWithinSla } } }`,
        { groupBy },
      );
      expect(body.errors).toBeUndefined();
      // What each cell's completed referrals are, and how many children they are about.
      const completed: Array<{ county: string | null; service: string; month: string | null; n: number; children: number }> =
        await system.subgraphs.referrals!.database.dataSource.query(
          `SELECT ${columns}, count(completed_at)::int AS n, count(DISTINCT case_id) FILTER (WHERE completed_at IS NOT NULL)::int AS children
             FROM referrals.referral GROUP BY 1, 2, 3`,
        );
      for (const cell of body.data!.referralStatistics.cells.filter((c) => c.count !== null)) {
        const match = completed.find((c) => c.county === cell.county && c.service === cell.service && c.month === cell.month);
        const n = match?.n ?? 0;
        const children = match?.children ?? 0;
        if (Math.min(n, children) < 5) few.push({ ...cell, completed: n, children });
        else enough.push(cell);
      }
    }
    // Both kinds are in the demo data, so both sides are checked; among the few, some with 1 to 4 completed
    // (with none, the median is null anyway).
    expect(few.filter((cell) => cell.completed > 0).length).toBeGreaterThan(0);
    // At least one published cell withheld for its children alone (the one of July 2019, or LEGAL_AID's).
    expect(few.some((cell) => cell.completed >= 5 && cell.children < 5)).toBe(true);
    expect(enough.length).toBeGreaterThan(0);
    for (const cell of few)
      expect([cell.completed, cell.medianHoursToComplete, cell.shareCompletedWithinSla]).toEqual([cell.completed, null, null]);
    for (const cell of enough) expect(cell.medianHoursToComplete).not.toBeNull();
  });

  it('filters the list by direction, status, urgency, county, overdue and dates, within what the caller may see', async () => {
    type Node = {
      toProvider: { id: string };
      fromProvider: { id: string };
      status: string;
      urgency: string;
      countyCode: string;
      overdue: boolean;
    };
    const list = async (filter: Record<string, unknown>, as = clinician) => {
      const { body } = await system.request<{ referrals: { totalCount: number; edges: Array<{ node: Node }> } }>(
        `query($filter: ReferralFilter) { referrals(filter: $filter, first: 100) { totalCount edges { node { status urgency countyCode overdue toProvider { id } fromProvider { id } } } } }`,
        { filter },
        as,
      );
      expect(body.errors).toBeUndefined();
      return body.data!.referrals;
    };
    const incoming = await list({ direction: 'INCOMING' });
    expect(incoming.totalCount).toBeGreaterThan(0);
    for (const { node } of incoming.edges) expect(node.toProvider.id).toBe(NWH);
    expect((await list({ direction: 'OUTGOING' })).totalCount).toBe(0);
    const all = await list({});
    expect(all.totalCount).toBe(incoming.totalCount); // a clinician sees only referrals of their centre
    // Each filter keeps some of the officer's referrals and drops others: a filter that matched nothing, or
    // everything, would pass the checks on what it kept.
    const everything = (await list({}, dcs)).totalCount;
    const narrowsTo = (found: { totalCount: number }) => expect(found.totalCount > 0 && found.totalCount < everything).toBe(true);
    const emergencies = await list({ status: ['SENT', 'ACKNOWLEDGED'], urgency: ['EMERGENCY'] }, dcs);
    narrowsTo(emergencies);
    for (const { node } of emergencies.edges) {
      expect(['SENT', 'ACKNOWLEDGED']).toContain(node.status);
      expect(node.urgency).toBe('EMERGENCY');
    }
    const late = await list({ overdue: true }, dcs);
    narrowsTo(late);
    for (const { node } of late.edges) expect(node.overdue).toBe(true);
    const onTime = await list({ overdue: false }, dcs);
    narrowsTo(onTime);
    for (const { node } of onTime.edges) expect(node.overdue).toBe(false);
    expect(late.totalCount + onTime.totalCount).toBe(everything);
    expect((await list({ county: '001' }, dcs)).totalCount).toBe(0); // Mombasa is not the Nairobi officer's county
    expect((await list({ createdFrom: new Date(Date.now() + 86_400_000).toISOString() }, dcs)).totalCount).toBe(0);
    const bad = await system.request(`{ referrals(filter: {county: "47"}) { totalCount } }`, {}, dcs);
    expect(bad.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.county' });
    const partnerList = await list({}, partner);
    expect(partnerList.edges.length).toBeGreaterThan(0);
    for (const { node } of partnerList.edges) expect(node.toProvider.id === HELPLINE || node.fromProvider.id === HELPLINE).toBe(true);
  });

  it('resolves Case.referrals and ServiceProvider.incomingReferrals for a whole page in a fixed number of statements', async () => {
    const NESTED = `query($first: Int) { referrals(first: $first) { edges { node { reference
      case { referrals(first: 3) { totalCount edges { node { reference } } } }
      toProvider { incomingReferrals(first: 2) { totalCount edges { node { status } } } }
      fromProvider { outgoingReferrals(first: 2) { totalCount } } } } } }`;
    const run = (first: number) =>
      countSqlStatements(system, async () => {
        const { body } = await system.request<{ referrals: { edges: Array<{ node: { case: { referrals: { totalCount: number } } } }> } }>(
          NESTED,
          { first },
          dcs,
        );
        expect(body.errors).toBeUndefined();
        for (const { node } of body.data!.referrals.edges) expect(node.case.referrals.totalCount).toBeGreaterThan(0);
      });
    const small = await run(5);
    const large = await run(60);
    expect(large.referrals).toBe(small.referrals);
    expect(large.referrals).toBeLessThanOrEqual(4);
  });

  it('keeps clinical findings to roles that may read CLINICAL, and audits sensitive reads and denials', async () => {
    const { id } = await create(CPU, 'POLICE_INVESTIGATION', 'e2e-clinical-0001', { urgency: 'HIGH' });
    const RECORD = `mutation($id: ID!, $input: RecordServiceInput!) { recordService(referralId: $id, input: $input) { serviceRecord { id outcome } } }`;
    const today = kenyanDate(new Date());
    // Nothing is recorded as delivered before the recipient has accepted the referral, nor on a day to come.
    const beforeAccepted = await system.request(
      RECORD,
      { id, input: { service: 'POLICE_INVESTIGATION', deliveredOn: today, outcome: 'DELIVERED' } },
      police,
    );
    expect(beforeAccepted.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.referralId' });
    for (const [name, v] of [
      ['acknowledgeReferral', 1],
      ['acceptReferral', 2],
    ] as const)
      expect((await step(name, police, { id, expectedVersion: v })).body.errors).toBeUndefined();
    const tomorrow = await system.request(
      RECORD,
      { id, input: { service: 'POLICE_INVESTIGATION', deliveredOn: kenyanDate(new Date(Date.now() + 86_400_000)), outcome: 'DELIVERED' } },
      police,
    );
    expect(tomorrow.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.deliveredOn' });
    const stored = await system.subgraphs.referrals!.database.dataSource.query(
      `SELECT count(*)::int AS n FROM referrals.service_record WHERE referral_id = $1`,
      [id],
    );
    expect(stored).toEqual([{ n: 0 }]);
    const clinical = await system.request(
      RECORD,
      { id, input: { service: 'POLICE_INVESTIGATION', deliveredOn: today, outcome: 'DELIVERED', pepGiven: true } },
      police,
    );
    expect(codeOf(clinical)).toBe('FORBIDDEN');
    expect(clinical.body.errors?.[0].message).toContain('input.pepGiven');
    // The refusal is on the referral's own trail.
    const refusals = await system.subgraphs.referrals!.database.dataSource.query(
      `SELECT role FROM referrals.audit_event WHERE action = 'DENY' AND $1 = ANY(record_ids) AND 'recordService' = ANY(field_names)`,
      [id],
    );
    expect(refusals).toEqual([{ role: 'POLICE_CPU' }]);
    // Nor a clinical service without findings: that a child was given medical care is CLINICAL too.
    const clinicalService = await system.request(
      RECORD,
      { id, input: { service: 'MEDICAL_CARE', deliveredOn: today, outcome: 'DELIVERED' } },
      police,
    );
    expect(codeOf(clinicalService)).toBe('FORBIDDEN');
    expect(clinicalService.body.errors?.[0].message).toContain('clinical service (MEDICAL_CARE)');
    // Days that do not exist, or come more than a week before the referral was sent, are refused with the field
    // (nine days back: eight would be the first day allowed if Kenyan midnight fell between sending and this).
    const DAY = 86_400_000;
    for (const deliveredOn of ['2025-02-30', kenyanDate(new Date(Date.now() - 9 * DAY))]) {
      const wrongDay = await system.request(
        RECORD,
        { id, input: { service: 'POLICE_INVESTIGATION', deliveredOn, outcome: 'DELIVERED' } },
        police,
      );
      expect({ deliveredOn, extensions: wrongDay.body.errors?.[0].extensions }).toEqual({
        deliveredOn,
        extensions: { code: 'BAD_USER_INPUT', field: 'input.deliveredOn', serviceName: 'referrals' },
      });
    }
    // A service given the night before the referral was written is recorded on its own day.
    const plain = await system.request(
      RECORD,
      {
        id,
        input: { service: 'POLICE_INVESTIGATION', deliveredOn: kenyanDate(new Date(Date.now() - DAY)), outcome: 'PARTIALLY_DELIVERED' },
      },
      police,
    );
    expect(plain.body.errors).toBeUndefined();
    expect(
      codeOf(
        await system.request(RECORD, { id, input: { service: 'POLICE_INVESTIGATION', deliveredOn: today, outcome: 'DELIVERED' } }, dcs),
      ),
    ).toBe('FORBIDDEN');
    // A DCS office a referral was sent to may read clinical findings of DCS's cases, but gives no PEP: only a
    // clinician records a clinical service or findings. Its own services it records.
    const toDcs = await create(demoProviderId(DEMO_PROVIDERS.DCS_NAIROBI), 'CASE_MANAGEMENT', 'e2e-clinical-dcs-0001', {}, police);
    for (const [name, v] of [
      ['acknowledgeReferral', 1],
      ['acceptReferral', 2],
    ] as const)
      expect((await step(name, dcs, { id: toDcs.id, expectedVersion: v })).body.errors).toBeUndefined();
    for (const input of [
      { service: 'POST_EXPOSURE_PROPHYLAXIS', deliveredOn: today, outcome: 'DELIVERED' },
      { service: 'CASE_MANAGEMENT', deliveredOn: today, outcome: 'DELIVERED', pepGiven: true },
    ]) {
      const byDcs = await system.request(RECORD, { id: toDcs.id, input }, dcs);
      expect({ input, code: codeOf(byDcs), message: byDcs.body.errors?.[0].message }).toEqual({
        input,
        code: 'FORBIDDEN',
        message: expect.stringContaining('Only a clinician'),
      });
    }
    const ownService = await system.request(
      RECORD,
      { id: toDcs.id, input: { service: 'CASE_MANAGEMENT', deliveredOn: today, outcome: 'DELIVERED' } },
      dcs,
    );
    expect(ownService.body.errors).toBeUndefined();

    const read = await system.request<{
      referral: { reason: string; serviceRecords: { edges: Array<{ node: { outcome: string; injuries: string | null } }> } };
    }>(
      `query PoliceReads($id: ID!) { referral(id: $id) { reason serviceRecords { edges { node { outcome injuries } } } } }`,
      { id },
      police,
    );
    expect(read.body.data!.referral.reason).toBeTruthy();
    expect(read.body.data!.referral.serviceRecords.edges[0].node).toEqual({ outcome: 'PARTIALLY_DELIVERED', injuries: null });
    expect(read.body.errors?.map((e) => [e.extensions?.code, (e.path ?? []).join('.')])).toEqual([
      ['FORBIDDEN', 'referral.serviceRecords.edges.0.node.injuries'],
    ]);

    const audit: Array<{ action: string; record_type: string; field_names: string[]; operation_name: string }> =
      await system.subgraphs.referrals!.database.dataSource.query(
        `SELECT action, record_type, field_names, operation_name FROM referrals.audit_event WHERE operation_name LIKE 'PoliceReads%' ORDER BY id`,
      );
    expect(audit).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'READ', record_type: 'Referral', field_names: ['reason'] }),
        expect.objectContaining({ action: 'DENY', record_type: 'ServiceRecord', field_names: ['injuries'] }),
      ]),
    );
    const writes = await system.subgraphs.referrals!.database.dataSource.query(
      `SELECT count(*)::int AS n FROM referrals.audit_event WHERE action = 'WRITE' AND $1 = ANY(record_ids)`,
      [id],
    );
    expect(writes[0].n).toBe(3); // created, acknowledged, accepted
  });

  it('holds _entities to the same rules as the root fields', async () => {
    const { id } = await create(NWH, 'MEDICAL_CARE', 'e2e-entities-0001', { urgency: 'ROUTINE' });
    // The gateway reaches a referral by reference from the case; a stranger asking the case gets no referral of it.
    const stranger = await system.request<{ case: { referrals: { totalCount: number } } | null }>(
      `query($id: ID!) { case(id: $id) { referrals { totalCount } } }`,
      { id: caseId },
      token(Role.NGO_CASEWORKER),
    );
    // The stranger may read the case itself; only its referrals are withheld, so a null case would hide a failure.
    expect(stranger.body.data?.case).not.toBeNull();
    expect(stranger.body.data?.case?.referrals.totalCount).toBe(0);
    const party = await system.request<{ case: { referrals: { edges: Array<{ node: { id: string } }> } } }>(
      `query($id: ID!) { case(id: $id) { referrals(first: 100) { edges { node { id } } } } }`,
      { id: caseId },
      clinician,
    );
    expect(party.body.data?.case.referrals.edges.map((e) => e.node.id)).toContain(id);
  });
});
