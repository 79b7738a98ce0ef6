import { DEMO_CALLERS, Role, type CallerClaims } from '@kinga/shared';
import { deactivatedAgency } from '../harness/directory-fixtures';
import { startSystem, type KingaSystem } from '../harness/start-system';
import { callerFor, cancelReferral, CHILD_INPUT, OFFICER, openFixtureCase, PARTY_POINT, referTo } from './fixtures';

/** The checks a case's writes make of records other subgraphs own, through the gateway (DESIGN.md "Writes"). */
describe("a case's writes checked against the directory and the referrals", () => {
  let system: KingaSystem;
  const CONSENT = `mutation Consent($input: RecordConsentInput!) { recordConsent(input: $input) { consent { id agencyIds } } }`;
  const CLOSE = `mutation Close($input: CloseCaseInput!) { closeCase(input: $input) { case { status } } }`;
  const supervisor = () => system.token(DEMO_CALLERS[Role.DCS_SUPERVISOR]);

  beforeAll(async () => {
    system = await startSystem({ subgraphs: ['directory', 'cases', 'referrals'], demoData: true });
  });
  afterAll(() => system?.stop());

  const consent = (caseId: string, extra: Record<string, unknown>) => ({
    input: { caseId, basis: 'CAREGIVER', tiers: ['OPERATIONAL', 'IDENTIFYING'], purpose: 'Care at the recovery centre', ...extra },
  });

  it('answers each write of a document with the case as that write left it, not as it was read before', async () => {
    // The gateway sends consecutive mutations for one subgraph in one request, so they share its loaders.
    const { id: caseId } = await openFixtureCase(system);
    const notes = await system.request<
      Record<'a' | 'b', { case: { notes: { totalCount: number; edges: Array<{ node: { body: string } }> } } }>
    >(
      `mutation Two($a: AddCaseNoteInput!, $b: AddCaseNoteInput!) {
        a: addCaseNote(input: $a) { case { notes(first: 1) { totalCount edges { node { body } } } } }
        b: addCaseNote(input: $b) { case { notes(first: 1) { totalCount edges { node { body } } } } } }`,
      { a: { caseId, body: 'First of two' }, b: { caseId, body: 'Second of two' } },
      system.token(OFFICER),
    );
    expect(notes.body.errors).toBeUndefined();
    const { a, b } = notes.body.data!;
    expect(b.case.notes.totalCount).toBe(a.case.notes.totalCount + 1);
    expect([a.case.notes.edges[0].node.body, b.case.notes.edges[0].node.body]).toEqual(['First of two', 'Second of two']);
    const renamed = await system.request<Record<'a' | 'b', { case: { child: { firstName: string } } }>>(
      `mutation Rename($a: UpdateCaseInput!, $b: UpdateCaseInput!) {
        a: updateCase(input: $a) { case { child { firstName } } }
        b: updateCase(input: $b) { case { child { firstName } } } }`,
      { a: { id: caseId, child: { firstName: 'Renamedonce' } }, b: { id: caseId, child: { firstName: 'Renamedtwice' } } },
      system.token(OFFICER),
    );
    expect(renamed.body.errors).toBeUndefined();
    expect(renamed.body.data).toEqual({
      a: { case: { child: { firstName: 'Renamedonce' } } },
      b: { case: { child: { firstName: 'Renamedtwice' } } },
    });
  });

  it('lets an officer take a case and a county supervisor assign it, and no one from another county or agency', async () => {
    const { id: caseId } = await openFixtureCase(system);
    const ASSIGN = `mutation Assign($input: AssignCaseInput!) { assignCase(input: $input) { case { assignedOfficerSub } } }`;
    const assign = (claims: CallerClaims, officerSub: string) =>
      system.request<{ assignCase: { case: { assignedOfficerSub: string | null } } }>(
        ASSIGN,
        { input: { caseId, officerSub, officerName: 'Assigned Officer' } },
        system.token(claims),
      );
    const otherCountyOfficer = callerFor(Role.DCS_OFFICER, 'other county');
    const refusals: Array<[string, CallerClaims, string]> = [
      ['an officer of another county taking it', otherCountyOfficer, otherCountyOfficer.sub],
      ['a supervisor of another county assigning it', callerFor(Role.DCS_SUPERVISOR, 'other county'), OFFICER.sub],
      ['an officer giving it to a colleague', OFFICER, 'another-officer'],
      ['a police officer taking it', DEMO_CALLERS[Role.POLICE_CPU], DEMO_CALLERS[Role.POLICE_CPU].sub],
    ];
    for (const [who, claims, officerSub] of refusals) {
      const { body } = await assign(claims, officerSub);
      expect({ who, code: body.errors?.[0].extensions?.code }).toEqual({ who, code: 'FORBIDDEN' });
    }
    const taken = await assign(OFFICER, OFFICER.sub);
    expect(taken.body.data?.assignCase.case.assignedOfficerSub).toBe(OFFICER.sub);
    const reassigned = await assign(DEMO_CALLERS[Role.DCS_SUPERVISOR], 'another-officer');
    expect(reassigned.body.data?.assignCase.case.assignedOfficerSub).toBe('another-officer');
  });

  it('refuses a consent on a case not the caller’s before asking the directory, and puts the refusal on its trail', async () => {
    const { id: caseId } = await openFixtureCase(system);
    const outsider = { ...OFFICER, sub: 'consent-outsider', agencyId: '00000000-0000-4000-8000-0000000000bb' };
    const unknownAgency = '00000000-0000-4000-8000-0000000000aa';
    const { body } = await system.request(CONSENT, consent(caseId, { agencyIds: [unknownAgency] }), system.token(outsider));
    // Not "no agency has this id": what the directory holds is not the outsider's to learn through this case.
    expect(body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const denied = (await system.subgraphs.cases!.database.dataSource.query(
      `SELECT count(*)::int AS n FROM cases.audit_event WHERE action = 'DENY' AND actor = $1 AND $2 = ANY (record_ids)`,
      [outsider.sub, caseId],
    )) as Array<{ n: number }>;
    expect(denied[0].n).toBe(1);
    // The owner is told about the agency.
    const owner = await system.request(CONSENT, consent(caseId, { agencyIds: [unknownAgency] }), system.token(OFFICER));
    expect(owner.body.errors?.[0].message).toBe('input.agencyIds[0]: no agency has this id');
  });

  it('refuses a consent naming a service provider instead of its agency, saying which agency to name', async () => {
    const { id: caseId } = await openFixtureCase(system);
    const centre = PARTY_POINT[Role.GBVRC_CLINICIAN];
    const { body } = await system.request(CONSENT, consent(caseId, { agencyIds: [centre.providerId] }), system.token(OFFICER));
    expect(body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.agencyIds' });
    expect(body.errors?.[0].message).toContain(`input.agencyIds[0]: this is a service provider's id`);
    expect(body.errors?.[0].message).toContain(centre.agencyId);
    const unknown = await system.request(
      CONSENT,
      consent(caseId, { agencyIds: [centre.agencyId, '00000000-0000-4000-8000-0000000000aa'] }),
      system.token(OFFICER),
    );
    expect(unknown.body.errors?.[0].message).toBe('input.agencyIds[1]: no agency has this id');
    // Counted as sent, duplicates included.
    const repeated = await system.request(
      CONSENT,
      consent(caseId, { agencyIds: [centre.agencyId, centre.agencyId, '00000000-0000-4000-8000-0000000000aa'] }),
      system.token(OFFICER),
    );
    expect(repeated.body.errors?.[0].message).toBe('input.agencyIds[2]: no agency has this id');
    const [{ n }] = (await system.subgraphs.cases!.database.dataSource.query(
      `SELECT count(*)::int AS n FROM cases.consent WHERE case_id = $1`,
      [caseId],
    )) as Array<{ n: number }>;
    expect(n).toBe(0);
    // Named by its agency, it is recorded.
    const named = await system.request<{ recordConsent: { consent: { agencyIds: string[] } } }>(
      CONSENT,
      consent(caseId, { agencyIds: [centre.agencyId] }),
      system.token(OFFICER),
    );
    expect(named.body.errors).toBeUndefined();
    expect(named.body.data?.recordConsent.consent.agencyIds).toEqual([centre.agencyId]);
  });

  it('refuses a consent for a deactivated agency, which would cover no one', async () => {
    const { id: caseId } = await openFixtureCase(system);
    const agencyId = await deactivatedAgency(system, "Closing Children's Charity");
    const { body } = await system.request(CONSENT, consent(caseId, { agencyIds: [agencyId] }), system.token(OFFICER));
    expect(body.errors?.[0].message).toBe('input.agencyIds[0]: this agency is deactivated; a consent for it would cover no one');
  });

  it('refuses a mandatory-reporting consent naming a clinic, which the law’s basis for the police never covers', async () => {
    const { id: caseId } = await openFixtureCase(system);
    const clinic = PARTY_POINT[Role.GBVRC_CLINICIAN].agencyId;
    const police = PARTY_POINT[Role.POLICE_CPU].agencyId;
    const asked = (extra: Record<string, unknown>) => system.request(CONSENT, consent(caseId, extra), system.token(OFFICER));
    // The law's basis for the police covers no clinic, whichever way the clinic is named.
    const toClinic = await asked({ basis: 'MANDATORY_REPORTING', agencyIds: [clinic] });
    expect(toClinic.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.agencyIds' });
    expect(toClinic.body.errors?.[0].message).toBe(
      'input.agencyIds[0]: this agency is HEALTH; mandatory reporting covers police agencies only',
    );
    const [{ n }] = (await system.subgraphs.cases!.database.dataSource.query(
      `SELECT count(*)::int AS n FROM cases.consent WHERE case_id = $1`,
      [caseId],
    )) as Array<{ n: number }>;
    expect(n).toBe(0);
    // Mandatory reporting naming the police unit's agency is recorded.
    const toPolice = await asked({ basis: 'MANDATORY_REPORTING', agencyIds: [police] });
    expect(toPolice.body.errors).toBeUndefined();
  });

  it('refuses a consent that has already expired', async () => {
    const { id: caseId } = await openFixtureCase(system);
    const { body } = await system.request(
      CONSENT,
      consent(caseId, { agencyTypes: ['HEALTH'], givenAt: '2020-01-01T00:00:00Z', expiresAt: '2021-01-01T00:00:00Z' }),
      system.token(OFFICER),
    );
    expect(body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.expiresAt' });
  });

  it('refuses a consent dated long before the case, a caregiver number that is a short code, and a reversed date range', async () => {
    const { id: caseId } = await openFixtureCase(system);
    const officer = system.token(OFFICER);
    const tooEarly = await system.request(CONSENT, consent(caseId, { agencyTypes: ['HEALTH'], givenAt: '1990-05-01T09:00:00Z' }), officer);
    expect(tooEarly.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.givenAt' });
    expect(tooEarly.body.errors?.[0].message).toMatch(/more than 90 days before the case was opened/);
    // A court order made a month before the case was written up: recorded as given.
    const monthBefore = new Date(Date.now() - 30 * 24 * 60 * 60 * 1000).toISOString();
    const signed = await system.request(CONSENT, consent(caseId, { agencyTypes: ['HEALTH'], givenAt: monthBefore }), officer);
    expect(signed.body.errors).toBeUndefined();

    const OPEN = `mutation Open($input: OpenCaseInput!) { openCase(input: $input) { case { id } } }`;
    const withPhone = (phone: string) => ({
      input: {
        countyCode: '047',
        categories: ['DEFILEMENT'],
        riskLevel: 'HIGH',
        child: { ...CHILD_INPUT, caregivers: [{ ...CHILD_INPUT.caregivers[0], phone }] },
      },
    });
    const shortCode = await system.request(OPEN, withPhone('116'), officer);
    expect(shortCode.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.child.caregivers.0.phone' });
    expect((await system.request(OPEN, withPhone('0712345678'), officer)).body.errors).toBeUndefined();

    const LIST = `query($filter: CaseFilter) { cases(filter: $filter) { totalCount } }`;
    const reversed = await system.request(LIST, { filter: { openedFrom: '2026-06-01', openedTo: '2026-01-01' } }, officer);
    expect(reversed.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.openedFrom' });
    const inOrder = await system.request(LIST, { filter: { openedFrom: '2026-01-01', openedTo: '2026-06-01' } }, officer);
    expect(inOrder.body.errors).toBeUndefined();
    // An empty list selects nothing rather than everything: said, as for statistics.
    const noStatus = await system.request(LIST, { filter: { status: [] } }, officer);
    expect(noStatus.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.status' });
    expect((await system.request(LIST, { filter: { status: ['OPEN'] } }, officer)).body.errors).toBeUndefined();
  });

  it('answers a retried openCase with the case already opened, never a second record of the child', async () => {
    const OPEN = `mutation Open($key: String, $input: OpenCaseInput!) { openCase(idempotencyKey: $key, input: $input) { case { id caseNumber } } }`;
    const input = { countyCode: '047', categories: ['DEFILEMENT'], riskLevel: 'HIGH', child: CHILD_INPUT };
    type Opened = { openCase: { case: { id: string; caseNumber: string } } };
    const key = `retry-${Date.now()}`;
    const first = await system.request<Opened>(OPEN, { key, input }, system.token(OFFICER));
    expect(first.body.errors).toBeUndefined();
    // The answer was lost at midnight; the client sends the same request again, several times at once.
    const retries = await Promise.all([1, 2, 3, 4].map(() => system.request<Opened>(OPEN, { key, input }, system.token(OFFICER))));
    for (const retry of retries) expect(retry.body.data?.openCase.case).toEqual(first.body.data?.openCase.case);
    const rows = async (k: string) =>
      (
        (await system.subgraphs.cases!.database.dataSource.query(`SELECT count(*)::int AS n FROM cases."case" WHERE idempotency_key = $1`, [
          k,
        ])) as Array<{ n: number }>
      )[0].n;
    expect(await rows(key)).toBe(1);
    // Four new keys at once, each for itself: one case each.
    const fresh = `fresh-${Date.now()}`;
    const racing = await Promise.all([1, 2, 3, 4].map(() => system.request<Opened>(OPEN, { key: fresh, input }, system.token(OFFICER))));
    expect(new Set(racing.map((r) => r.body.data?.openCase.case.id)).size).toBe(1);
    expect(await rows(fresh)).toBe(1);
    // The same key for another case is the client's bug; a malformed key is refused naming it.
    const other = await system.request(OPEN, { key, input: { ...input, riskLevel: 'LOW' } }, system.token(OFFICER));
    expect(other.body.errors?.[0].extensions?.code).toBe('CONFLICT');
    const malformed = await system.request(OPEN, { key: 'no spaces please', input }, system.token(OFFICER));
    expect(malformed.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'idempotencyKey' });
    // Without a key, each request opens a case, as before.
    const a = await system.request<Opened>(OPEN, { input }, system.token(OFFICER));
    const b = await system.request<Opened>(OPEN, { input }, system.token(OFFICER));
    expect(a.body.data?.openCase.case.id).not.toBe(b.body.data?.openCase.case.id);
  });

  it('answers a retried note or consent with the one already written, never a second', async () => {
    const { id: caseId } = await openFixtureCase(system);
    const NOTE = `mutation Note($key: String, $input: AddCaseNoteInput!) { addCaseNote(idempotencyKey: $key, input: $input) { note { id } } }`;
    const CONSENT_KEYED = `mutation Consent($key: String, $input: RecordConsentInput!) {
      recordConsent(idempotencyKey: $key, input: $input) { consent { id } } }`;
    type Noted = { addCaseNote: { note: { id: string } } };
    type Consented = { recordConsent: { consent: { id: string } } };
    const note = { caseId, body: 'Home visit: the child is back at school' };
    const given = consent(caseId, { agencyIds: [PARTY_POINT[Role.GBVRC_CLINICIAN].agencyId] }).input;
    const count = async (table: string) =>
      (
        (await system.subgraphs.cases!.database.dataSource.query(`SELECT count(*)::int AS n FROM cases.${table} WHERE case_id = $1`, [
          caseId,
        ])) as Array<{ n: number }>
      )[0].n;
    const [notesBefore, consentsBefore] = [await count('case_note'), await count('consent')];
    // The answer was lost; the client sends it again, several times at once, one resend spelled another way.
    const notes = await Promise.all(
      [note, note, note, { ...note, body: `${note.body} ` }].map((input) =>
        system.request<Noted>(NOTE, { key: `note-${caseId}`, input }, system.token(OFFICER)),
      ),
    );
    expect(notes.map((r) => r.body.errors)).toEqual([undefined, undefined, undefined, undefined]);
    expect(new Set(notes.map((r) => r.body.data?.addCaseNote.note.id)).size).toBe(1);
    expect(await count('case_note')).toBe(notesBefore + 1);
    const consents = await Promise.all(
      [1, 2, 3].map(() => system.request<Consented>(CONSENT_KEYED, { key: `consent-${caseId}`, input: given }, system.token(OFFICER))),
    );
    expect(consents.map((r) => r.body.errors)).toEqual([undefined, undefined, undefined]);
    expect(new Set(consents.map((r) => r.body.data?.recordConsent.consent.id)).size).toBe(1);
    expect(await count('consent')).toBe(consentsBefore + 1);
    // The same key for another note or consent is the client's bug; without a key, each is written.
    const other = await system.request(NOTE, { key: `note-${caseId}`, input: { ...note, body: 'Another note' } }, system.token(OFFICER));
    expect(other.body.errors?.[0].extensions?.code).toBe('CONFLICT');
    const otherConsent = await system.request(
      CONSENT_KEYED,
      { key: `consent-${caseId}`, input: { ...given, purpose: 'Another purpose' } },
      system.token(OFFICER),
    );
    expect(otherConsent.body.errors?.[0].extensions?.code).toBe('CONFLICT');
    for (let i = 0; i < 2; i += 1) expect((await system.request(NOTE, { input: note }, system.token(OFFICER))).body.errors).toBeUndefined();
    expect(await count('case_note')).toBe(notesBefore + 3);
  });

  it('does not close a case while a referral of it is open, and closes it once the referral is ended', async () => {
    const { id: caseId } = await openFixtureCase(system);
    const referral = await referTo(system, caseId, PARTY_POINT[Role.GBVRC_CLINICIAN]);
    const [{ reference }] = (await system.subgraphs.referrals!.database.dataSource.query(
      `SELECT reference FROM referrals.referral WHERE id = $1`,
      [referral.id],
    )) as Array<{ reference: string }>;
    const refused = await system.request(CLOSE, { input: { caseId, reason: 'Reintegrated' } }, supervisor());
    expect(refused.body.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(refused.body.errors?.[0].message).toContain(`${reference} (SENT)`);
    const [{ status }] = (await system.subgraphs.cases!.database.dataSource.query(`SELECT status FROM cases."case" WHERE id = $1`, [
      caseId,
    ])) as Array<{ status: string }>;
    expect(status).not.toBe('CLOSED');

    await cancelReferral(system, referral);
    // Completed but not closed, a referral still makes its recipient a party: the case stays open until it is closed.
    const done = await referTo(system, caseId, PARTY_POINT[Role.NGO_CASEWORKER]);
    const recipient = system.token(DEMO_CALLERS[Role.NGO_CASEWORKER]);
    for (const [step, expectedVersion] of [
      ['acknowledgeReferral', 1],
      ['acceptReferral', 2],
      ['startReferral', 3],
      ['completeReferral', 4],
    ] as const) {
      const moved = await system.request(
        `mutation($input: ReferralTransitionInput!) { ${step}(input: $input) { referral { status } } }`,
        { input: { id: done.id, expectedVersion } },
        recipient,
      );
      expect(moved.body.errors).toBeUndefined();
    }
    const whileCompleted = await system.request(CLOSE, { input: { caseId, reason: 'Reintegrated' } }, supervisor());
    expect(whileCompleted.body.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(whileCompleted.body.errors?.[0].message).toContain('(COMPLETED)');
    const closedReferral = await system.request(
      `mutation($input: ReferralTransitionInput!) { closeReferral(input: $input) { referral { status } } }`,
      { input: { id: done.id, expectedVersion: 5 } },
      supervisor(),
    );
    expect(closedReferral.body.errors).toBeUndefined();
    // Declined and not yet closed, a referral keeps its sender a party: closed first, here by the owner.
    const declined = await referTo(system, caseId, PARTY_POINT[Role.POLICE_CPU]);
    const decline = await system.request(
      `mutation($input: ReferralReasonTransitionInput!) { declineReferral(input: $input) { referral { status } } }`,
      { input: { id: declined.id, expectedVersion: 1, reason: 'Not a matter for this unit' } },
      system.token(DEMO_CALLERS[Role.POLICE_CPU]),
    );
    expect(decline.body.errors).toBeUndefined();
    const whileDeclined = await system.request(CLOSE, { input: { caseId, reason: 'Reintegrated' } }, supervisor());
    expect(whileDeclined.body.errors?.[0].message).toContain('(DECLINED)');
    const closedDeclined = await system.request(
      `mutation($input: ReferralTransitionInput!) { closeReferral(input: $input) { referral { status } } }`,
      { input: { id: declined.id, expectedVersion: 2 } },
      supervisor(),
    );
    expect(closedDeclined.body.errors).toBeUndefined();
    const closed = await system.request<{ closeCase: { case: { status: string } } }>(
      CLOSE,
      { input: { caseId, reason: 'Reintegrated' } },
      supervisor(),
    );
    expect(closed.body.errors).toBeUndefined();
    expect(closed.body.data?.closeCase.case.status).toBe('CLOSED');
  });
});
