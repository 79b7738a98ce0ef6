import { DEMO_CALLERS, kenyanDate, Role } from '@kinga/shared';
import { Client } from 'pg';
import { callerFor, cancelReferral, gql, must, OFFICER, openFixtureCase, PARTY_POINT, recordConsent, referTo } from '../cases/fixtures';
import { startSystem, type KingaSystem } from '../harness/start-system';

/**
 * An erasure request through the gateway: the DPO records it and either refuses it or, once the case is
 * closed, carries it out in both subgraphs that hold the case's words. No one else may touch one, and
 * the referrals service erases nothing for a request the cases service has not started.
 */
const DPO = DEMO_CALLERS[Role.DATA_PROTECTION_OFFICER];
const SUPERVISOR = DEMO_CALLERS[Role.DCS_SUPERVISOR];
const CLINICIAN = callerFor(Role.GBVRC_CLINICIAN, 'party, consent given');

const OPEN = `mutation OpenErasure($input: OpenErasureRequestInput!) {
  openErasureRequest(input: $input) { request { id status caseId caseNumber ground requestedBy openedBy } }
}`;
const REFUSE = `mutation RefuseErasure($input: AnswerErasureRequestInput!) {
  refuseErasureRequest(input: $input) { request { id status closedBy outcomeNote } }
}`;
const CARRY_OUT = `mutation CarryOutErasure($input: AnswerErasureRequestInput!) {
  carryOutErasureRequest(input: $input) { request { id status closedBy outcomeNote referralsErased } }
}`;
const ERASE_REFERRALS = `mutation EraseReferrals($input: EraseCaseReferralRecordsInput!) {
  eraseCaseReferralRecords(input: $input) { referralsErased }
}`;
const SAR_EXPORT = `query SarExport($id: ID!) {
  subjectAccessRequest(id: $id) {
    case {
      status erasedAt incidentNarrative perpetratorDetails clinicalNotes closeReason categories countyCode
      child { firstName middleName lastName initials dateOfBirth estimatedAgeYears ageBand sex location school birthCertificateNumber caregivers { name phone } }
      notes { totalCount edges { node { body authorName } } }
    }
    referrals { edges { node { status reason cancelReason history { toStatus note } serviceRecords(first: 10) { edges { node { service pepGiven injuries } } } } } }
  }
}`;

/** Every invented value the fixtures write: none may be left anywhere once the request is carried out. */
const PERSONAL =
  /Erasure consent|Erasure revocation|Matrixchild|Permission-Test|Mama Matrix|DEMO-BC-424242|\+254700424242|Demo Estate|Demo Primary|Matrix narrative|Matrix perpetrator|Matrix clinical|Matrix note|Matrix referral|Matrix: sent in error|Erasure (step|injuries|closing)/;

const codes = (errors: Array<{ extensions?: Record<string, unknown> }> | undefined) => [
  ...new Set((errors ?? []).map((e) => e.extensions?.code)),
];

describe('erasure requests', () => {
  let system: KingaSystem;

  beforeAll(async () => {
    system = await startSystem({ subgraphs: ['directory', 'cases', 'referrals'], demoData: true });
  });
  afterAll(() => system?.stop());

  const step = (caller: typeof OFFICER, name: string, input: Record<string, unknown>) =>
    must<Record<string, { referral: { version: number } }>>(
      system,
      caller,
      `mutation($input: ReferralTransitionInput!) { ${name}(input: $input) { referral { version } } }`,
      { input },
    );

  /** A case with a referral the clinic saw through (its notes and a service record) and one the sender cancelled. */
  const REVOKE = `mutation($input: RevokeConsentInput!) { revokeConsent(input: $input) { consent { id } } }`;
  const KEYED_NOTE = `mutation($key: String, $input: AddCaseNoteInput!) { addCaseNote(idempotencyKey: $key, input: $input) { note { id } } }`;

  async function caseWithItsWork(): Promise<{ caseId: string; caseNumber: string; referralIds: string[]; consentId: string }> {
    const { id: caseId, caseNumber } = await openFixtureCase(system);
    // A consent given and revoked: its words are personal data, its record the law's.
    const consentId = await recordConsent(system, {
      caseId,
      basis: 'CAREGIVER',
      agencyIds: [PARTY_POINT[Role.NGO_CASEWORKER].agencyId],
      tiers: ['OPERATIONAL', 'IDENTIFYING'],
      purpose: 'Erasure consent purpose (invented)',
    });
    await must(system, OFFICER, REVOKE, { input: { consentId, reason: 'Erasure revocation reason (invented)' } });
    await must(system, OFFICER, KEYED_NOTE, { key: `erasure-note-${caseId}`, input: { caseId, body: 'Erasure keyed note (invented)' } });
    const treated = await referTo(system, caseId, PARTY_POINT[Role.GBVRC_CLINICIAN]);
    const note = 'Erasure step note (invented)';
    await step(CLINICIAN, 'acknowledgeReferral', { id: treated.id, expectedVersion: 1, note });
    await step(CLINICIAN, 'acceptReferral', { id: treated.id, expectedVersion: 2, note });
    await step(CLINICIAN, 'startReferral', { id: treated.id, expectedVersion: 3 });
    await must(system, CLINICIAN, `mutation($input: RecordServiceInput!) { recordService(input: $input) { serviceRecord { id } } }`, {
      input: {
        referralId: treated.id,
        service: 'MEDICAL_CARE',
        deliveredOn: kenyanDate(new Date()),
        outcome: 'DELIVERED',
        pepGiven: true,
        injuries: 'Erasure injuries (invented)',
      },
    });
    await step(CLINICIAN, 'completeReferral', { id: treated.id, expectedVersion: 4, note });
    const withdrawn = await referTo(system, caseId, PARTY_POINT[Role.NGO_CASEWORKER]);
    await cancelReferral(system, withdrawn);
    return { caseId, caseNumber, referralIds: [treated.id, withdrawn.id], consentId };
  }

  async function closeTheWork(caseId: string, completedReferralId: string): Promise<void> {
    await step(OFFICER, 'closeReferral', { id: completedReferralId, expectedVersion: 5 });
    await must(system, SUPERVISOR, `mutation($input: CloseCaseInput!) { closeCase(input: $input) { case { status } } }`, {
      input: { caseId, reason: 'Erasure closing reason (invented)' },
    });
  }

  async function statisticsCells(): Promise<unknown[]> {
    const db = new Client({ connectionString: system.databaseUrl });
    await db.connect();
    try {
      const { rows } = await db.query(`SELECT * FROM cases.case_statistics_cell ORDER BY category, county_code, quarter, sex, age_band`);
      return rows;
    } finally {
      await db.end();
    }
  }

  async function openRequest(caseId: string): Promise<string> {
    const opened = await must<{ openErasureRequest: { request: { id: string } } }>(system, DPO, OPEN, {
      input: { caseId, requestedBy: 'CAREGIVER', ground: 'NO_LONGER_AUTHORISED' },
    });
    return opened.openErasureRequest.request.id;
  }

  it('lets only the DPO record, list, refuse or carry out a request, or erase a case’s referrals', async () => {
    const { id: caseId } = await openFixtureCase(system);
    const requestId = await openRequest(caseId);
    for (const role of Object.values(Role).filter((r) => r !== Role.DATA_PROTECTION_OFFICER)) {
      const caller = DEMO_CALLERS[role];
      const attempts = [
        await gql(system, caller, OPEN, { input: { caseId, requestedBy: 'CHILD', ground: 'EXCESSIVE' } }),
        await gql(system, caller, `{ erasureRequests { totalCount } }`),
        await gql(system, caller, `query($id: ID!) { erasureRequest(id: $id) { status } }`, { id: requestId }),
        await gql(system, caller, REFUSE, { input: { id: requestId, note: 'Not mine to refuse' } }),
        await gql(system, caller, CARRY_OUT, { input: { id: requestId, note: 'Not mine to carry out' } }),
        await gql(system, caller, ERASE_REFERRALS, { input: { erasureRequestId: requestId } }),
      ];
      expect({ role, codes: attempts.map((a) => codes(a.body.errors)) }).toEqual({ role, codes: Array(6).fill(['FORBIDDEN']) });
    }
    const anonymous = await system.request(OPEN, { input: { caseId, requestedBy: 'CHILD', ground: 'EXCESSIVE' } });
    expect(codes(anonymous.body.errors)).toEqual(['UNAUTHENTICATED']);

    // The referrals service erases nothing for a request the cases service has not started.
    const early = await gql(system, DPO, ERASE_REFERRALS, { input: { erasureRequestId: requestId } });
    expect(early.body.errors?.[0]).toMatchObject({ extensions: { code: 'CONFLICT', currentStatus: 'OPEN' } });
    const unknown = await gql(system, DPO, ERASE_REFERRALS, { input: { erasureRequestId: '00000000-0000-4000-8000-000000000000' } });
    expect(codes(unknown.body.errors)).toEqual(['NOT_FOUND']);

    const listed = await must<{ erasureRequests: { edges: Array<{ node: { id: string; status: string } }> } }>(
      system,
      DPO,
      `{ erasureRequests(filter: { status: [OPEN] }, first: 100) { edges { node { id status } } } }`,
    );
    expect(listed.erasureRequests.edges.map((e) => e.node.id)).toContain(requestId);
  });

  it('refuses to erase an open case, then erases the closed one in both services and keeps what statistics count', async () => {
    const { caseId, caseNumber, referralIds, consentId } = await caseWithItsWork();
    const before = await must<{ case: { child: { ageBand: string } } }>(
      system,
      OFFICER,
      `query($id: ID!) { case(id: $id) { child { ageBand } } }`,
      {
        id: caseId,
      },
    );
    const opened = await must<{ openErasureRequest: { request: { id: string; caseId: string; caseNumber: string; status: string } } }>(
      system,
      DPO,
      OPEN,
      { input: { caseNumber, requestedBy: 'CAREGIVER', ground: 'NO_LONGER_AUTHORISED' } },
    );
    const request = opened.openErasureRequest.request;
    expect(request).toMatchObject({ caseId, caseNumber, status: 'OPEN' });
    const again = await gql(system, DPO, OPEN, { input: { caseId, requestedBy: 'CHILD', ground: 'EXCESSIVE' } });
    expect(codes(again.body.errors)).toEqual(['CONFLICT']);

    // Still being worked on: nothing is erased and the request stays OPEN.
    const tooEarly = await gql(system, DPO, CARRY_OUT, { input: { id: request.id, note: 'False report, confirmed by the court' } });
    expect(tooEarly.body.errors?.[0]).toMatchObject({ extensions: { code: 'CONFLICT' }, message: expect.stringContaining('not closed') });
    const stillOpen = await must<{ erasureRequest: { status: string } }>(
      system,
      DPO,
      `query($id: ID!) { erasureRequest(id: $id) { status } }`,
      {
        id: request.id,
      },
    );
    expect(stillOpen.erasureRequest.status).toBe('OPEN');
    const officerRead = await must<{ case: { child: { firstName: string } } }>(
      system,
      OFFICER,
      `query($id: ID!) { case(id: $id) { child { firstName } } }`,
      {
        id: caseId,
      },
    );
    expect(officerRead.case.child.firstName).toBe('Matrixchild');

    // An earlier subject access request, closed with a note that names the mother (asked not to, but typed all the same).
    const earlier = await must<{ openSubjectAccessRequest: { request: { id: string } } }>(
      system,
      DPO,
      `mutation($input: OpenSubjectAccessRequestInput!) { openSubjectAccessRequest(input: $input) { request { id } } }`,
      { input: { caseId, requestedBy: 'CAREGIVER' } },
    );
    await must(
      system,
      DPO,
      `mutation($input: CloseSubjectAccessRequestInput!) { closeSubjectAccessRequest(input: $input) { request { id } } }`,
      {
        input: { id: earlier.openSubjectAccessRequest.request.id, outcome: 'COMPLETED', note: 'Copy sent to Mama Matrix, +254700424242' },
      },
    );
    // A consent still in force when the case is erased ends with it: revokeConsent refuses an erased case.
    const inForce = await recordConsent(system, {
      caseId,
      basis: 'CAREGIVER',
      agencyIds: [PARTY_POINT[Role.NGO_CASEWORKER].agencyId],
      tiers: ['OPERATIONAL'],
      purpose: 'Erasure consent purpose, still in force (invented)',
    });
    const liveConsents = async () =>
      (
        (await system.subgraphs.cases!.database.dataSource.query(
          `SELECT count(*)::int AS n FROM cases.consent WHERE case_id = $1 AND revoked_at IS NULL`,
          [caseId],
        )) as Array<{ n: number }>
      )[0].n;
    expect(await liveConsents()).toBe(1);
    await closeTheWork(caseId, referralIds[0]);
    const statisticsBefore = await statisticsCells();
    const beforeErasure = new Date().toISOString();
    const carried = await gql<{ carryOutErasureRequest: { request: Record<string, unknown> } }>(system, DPO, CARRY_OUT, {
      input: { id: request.id, note: 'False report, confirmed by the court' },
    });
    expect(carried.body.errors).toBeUndefined();
    expect(carried.body.data?.carryOutErasureRequest.request).toMatchObject({
      status: 'CARRIED_OUT',
      closedBy: DPO.sub,
      referralsErased: 2,
    });
    // The case stays in its statistics cell: the age at opening replaced the date of birth.
    expect(await statisticsCells()).toEqual(statisticsBefore);
    expect(await liveConsents()).toBe(0);
    // Ended on the consent's own trail, as a revocation is.
    const consentTrail: Array<{ fieldNames: string[] }> = await system.subgraphs.cases!.database.dataSource.query(
      `SELECT field_names AS "fieldNames" FROM cases.audit_event WHERE $1 = ANY(record_ids) AND action = 'WRITE' AND 'revokedAt' = ANY(field_names)`,
      [inForce],
    );
    expect(consentTrail).toEqual([{ fieldNames: ['revocationReason', 'revokedAt'] }]);
    // The NGO's system, syncing what changed, learns that its cancelled referral was erased.
    const ngoSystem = {
      sub: 'erasure-ngo-sync',
      name: 'NGO sync',
      role: Role.PARTNER_SYSTEM,
      agencyId: PARTY_POINT[Role.NGO_CASEWORKER].agencyId,
      counties: [],
    };
    const synced = await must<{ referrals: { edges: Array<{ node: { id: string; erasedAt: string | null } }> } }>(
      system,
      ngoSystem,
      `query($since: DateTimeISO!) { referrals(first: 100, filter: { changedSince: $since }) { edges { node { id erasedAt } } } }`,
      { since: beforeErasure },
    );
    expect(synced.referrals.edges.map((e) => e.node)).toEqual([{ id: referralIds[1], erasedAt: expect.any(String) }]);
    // Sent again (an answer lost on the way): answered with the request as carried out, nothing done twice.
    const twice = await gql<{ carryOutErasureRequest: { request: Record<string, unknown> } }>(system, DPO, CARRY_OUT, {
      input: { id: request.id, note: 'Once more, to be sure' },
    });
    expect(twice.body.errors).toBeUndefined();
    expect(twice.body.data?.carryOutErasureRequest.request).toMatchObject({
      status: 'CARRIED_OUT',
      outcomeNote: 'False report, confirmed by the court',
      referralsErased: 2,
    });
    // Nothing brings words back: a revocation's reason on the erased case is refused.
    const revokeAgain = await gql(system, OFFICER, REVOKE, { input: { consentId, reason: 'Erasure revocation again (invented)' } });
    expect(codes(revokeAgain.body.errors)).toEqual(['CONFLICT']);

    // What the DPO reads of the case now, through a subject access request: the skeleton, no words.
    const sar = await must<{ openSubjectAccessRequest: { request: { id: string } } }>(
      system,
      DPO,
      `mutation($input: OpenSubjectAccessRequestInput!) { openSubjectAccessRequest(input: $input) { request { id } } }`,
      { input: { caseId, requestedBy: 'CAREGIVER' } },
    );
    const exported = await gql<{ subjectAccessRequest: { case: Record<string, unknown>; referrals: { edges: Array<{ node: unknown }> } } }>(
      system,
      DPO,
      SAR_EXPORT,
      { id: sar.openSubjectAccessRequest.request.id },
    );
    expect(exported.body.errors).toBeUndefined();
    const erased = exported.body.data!.subjectAccessRequest;
    expect(erased.case).toMatchObject({
      status: 'CLOSED',
      erasedAt: expect.any(String),
      incidentNarrative: null,
      perpetratorDetails: null,
      clinicalNotes: null,
      closeReason: null,
      categories: ['DEFILEMENT'],
      countyCode: '047',
      child: {
        firstName: null,
        middleName: null,
        lastName: null,
        initials: null,
        dateOfBirth: null,
        // The band's youngest age (10 for a child of 12), not the child's own.
        estimatedAgeYears: 10,
        ageBand: before.case.child.ageBand,
        sex: 'FEMALE',
        location: null,
        school: null,
        birthCertificateNumber: null,
        caregivers: [],
      },
      notes: {
        totalCount: 2,
        edges: [{ node: { body: null, authorName: expect.any(String) } }, { node: { body: null, authorName: expect.any(String) } }],
      },
    });
    // Years on, the erased child is still in the band it was in when the case was opened: counting on from the
    // band's youngest age would put it in a younger band than its own.
    await system.subgraphs.cases!.database.dataSource.query(
      `UPDATE cases.child SET age_estimated_on = age_estimated_on - interval '5 years' WHERE id = (SELECT child_id FROM cases."case" WHERE id = $1)`,
      [caseId],
    );
    const yearsOn = await gql<{ subjectAccessRequest: { case: { child: unknown } } }>(system, DPO, SAR_EXPORT, {
      id: sar.openSubjectAccessRequest.request.id,
    });
    expect(yearsOn.body.data!.subjectAccessRequest.case.child).toMatchObject({ estimatedAgeYears: 10, ageBand: before.case.child.ageBand });
    const referrals = erased.referrals.edges.map((e) => e.node);
    expect(referrals).toHaveLength(2);
    expect(referrals).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          status: 'CLOSED',
          reason: null,
          serviceRecords: { edges: [{ node: { service: 'MEDICAL_CARE', pepGiven: true, injuries: null } }] },
          history: expect.arrayContaining([{ toStatus: 'ACKNOWLEDGED', note: null }]),
        }),
        expect.objectContaining({ status: 'CANCELLED', reason: null, cancelReason: null }),
      ]),
    );
    expect(JSON.stringify(exported.body)).not.toMatch(PERSONAL);

    // Not a value is left in either database, the audit trail aside (which holds names of fields, not values).
    const db = new Client({ connectionString: system.databaseUrl });
    await db.connect();
    try {
      const rows = await db.query(
        `SELECT row_to_json(c)::text AS row FROM cases."case" c WHERE c.id = $1
         UNION ALL SELECT row_to_json(ch)::text FROM cases.child ch JOIN cases."case" c ON c.child_id = ch.id WHERE c.id = $1
         UNION ALL SELECT row_to_json(g)::text FROM cases.caregiver g JOIN cases."case" c ON c.child_id = g.child_id WHERE c.id = $1
         UNION ALL SELECT row_to_json(n)::text FROM cases.case_note n WHERE n.case_id = $1
         UNION ALL SELECT row_to_json(k)::text FROM cases.consent k WHERE k.case_id = $1
         UNION ALL SELECT row_to_json(r)::text FROM referrals.referral r WHERE r.case_id = $1
         UNION ALL SELECT row_to_json(e)::text FROM referrals.referral_event e JOIN referrals.referral r ON r.id = e.referral_id WHERE r.case_id = $1
         UNION ALL SELECT row_to_json(s)::text FROM referrals.service_record s JOIN referrals.referral r ON r.id = s.referral_id WHERE r.case_id = $1
         UNION ALL SELECT row_to_json(q)::text FROM cases.subject_access_request q WHERE q.case_id = $1
         UNION ALL SELECT row_to_json(q)::text FROM cases.erasure_request q WHERE q.case_id = $1`,
        [caseId],
      );
      expect(rows.rows.length).toBeGreaterThan(9);
      expect(rows.rows.map((r: { row: string }) => r.row).join('\n')).not.toMatch(PERSONAL);
    } finally {
      await db.end();
    }

    // Each service recorded the erasure as a write on the records it emptied.
    const caseTrail = await must<{ auditTrail: { edges: Array<{ node: { action: string; actor: string; fieldNames: string[] } }> } }>(
      system,
      DPO,
      `query($id: ID!) { auditTrail(recordId: $id, first: 100) { edges { node { action actor fieldNames } } } }`,
      { id: caseId },
    );
    expect(caseTrail.auditTrail.edges.map((e) => e.node)).toContainEqual(
      expect.objectContaining({ action: 'WRITE', actor: DPO.sub, fieldNames: expect.arrayContaining(['child.firstName', 'notes.body']) }),
    );
    const referralTrail = await must<{
      referralAuditTrail: { edges: Array<{ node: { action: string; actor: string; fieldNames: string[] } }> };
    }>(system, DPO, `query($id: ID!) { referralAuditTrail(recordId: $id, first: 100) { edges { node { action actor fieldNames } } } }`, {
      id: referralIds[0],
    });
    expect(referralTrail.referralAuditTrail.edges.map((e) => e.node)).toContainEqual(
      expect.objectContaining({ action: 'WRITE', actor: DPO.sub, fieldNames: expect.arrayContaining(['reason', 'history.note']) }),
    );
    // The earlier subject access request's note, erased with the case, is a write on that request's own trail.
    const earlierTrail = await must<{ auditTrail: { edges: Array<{ node: { action: string; actor: string; fieldNames: string[] } }> } }>(
      system,
      DPO,
      `query($id: ID!) { auditTrail(recordId: $id, first: 100) { edges { node { action actor fieldNames } } } }`,
      { id: earlier.openSubjectAccessRequest.request.id },
    );
    expect(earlierTrail.auditTrail.edges.filter((e) => e.node.action === 'WRITE').map((e) => e.node.fieldNames)).toContainEqual([
      'outcomeNote',
    ]);
    // And the request itself is on the referrals service's trail: found by its id, whatever it erased.
    const requestTrail = await must<{
      referralAuditTrail: { edges: Array<{ node: { action: string; actor: string; fieldNames: string[] } }> };
    }>(system, DPO, `query($id: ID!) { referralAuditTrail(recordId: $id, first: 100) { edges { node { action actor fieldNames } } } }`, {
      id: request.id,
    });
    expect(requestTrail.referralAuditTrail.edges.map((e) => e.node)).toContainEqual({
      action: 'WRITE',
      actor: DPO.sub,
      fieldNames: ['referrals'],
    });

    // A referral sent again with its first key (its answer lost) is told the referral was erased, not that the
    // key was used for another one.
    const resent = await gql(
      system,
      OFFICER,
      `mutation Refer($key: String!, $input: CreateReferralInput!) { createReferral(idempotencyKey: $key, input: $input) { referral { id } } }`,
      {
        key: `${caseId}:${PARTY_POINT[Role.NGO_CASEWORKER].providerId}`.slice(0, 100),
        input: {
          caseId,
          toProviderId: PARTY_POINT[Role.NGO_CASEWORKER].providerId,
          serviceRequested: PARTY_POINT[Role.NGO_CASEWORKER].service,
          urgency: 'HIGH',
          reason: 'Matrix referral (invented)',
        },
      },
    );
    expect(resent.body.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', erased: true });
    // So is a note sent again with its key: the digest of its words went with them.
    const noteResent = await gql(system, OFFICER, KEYED_NOTE, {
      key: `erasure-note-${caseId}`,
      input: { caseId, body: 'Erasure keyed note (invented)' },
    });
    expect(noteResent.body.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', erased: true });

    // An erased case takes no second request.
    const afterwards = await gql(system, DPO, OPEN, { input: { caseId, requestedBy: 'CHILD', ground: 'EXCESSIVE' } });
    expect(afterwards.body.errors?.[0]).toMatchObject({
      extensions: { code: 'CONFLICT' },
      message: expect.stringContaining('already erased'),
    });
  });

  it('finishes a request left ERASING when the referrals service could not be reached', async () => {
    const { caseId, referralIds } = await caseWithItsWork();
    await closeTheWork(caseId, referralIds[0]);
    const requestId = await openRequest(caseId);
    await system.stopSubgraph('referrals');
    try {
      const cut = await gql(system, DPO, CARRY_OUT, { input: { id: requestId, note: 'Unlawfully obtained, per the DPO' } });
      expect(cut.body.errors?.[0].extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', retryable: true });
    } finally {
      await system.restartSubgraph('referrals');
    }
    const pending = await must<{ erasureRequest: { status: string } }>(
      system,
      DPO,
      `query($id: ID!) { erasureRequest(id: $id) { status } }`,
      {
        id: requestId,
      },
    );
    expect(pending.erasureRequest.status).toBe('ERASING');
    // Being carried out: it can no longer be refused, only finished.
    const refused = await gql(system, DPO, REFUSE, { input: { id: requestId, note: 'Changed our mind about it' } });
    expect(codes(refused.body.errors)).toEqual(['CONFLICT']);
    // The case is untouched until its own part is done.
    const meanwhile = await must<{ case: { erasedAt: string | null } }>(system, OFFICER, `query($id: ID!) { case(id: $id) { erasedAt } }`, {
      id: caseId,
    });
    expect(meanwhile.case.erasedAt).toBeNull();

    const finished = await must<{ carryOutErasureRequest: { request: { status: string; referralsErased: number } } }>(
      system,
      DPO,
      CARRY_OUT,
      {
        input: { id: requestId, note: 'Unlawfully obtained, per the DPO' },
      },
    );
    expect(finished.carryOutErasureRequest.request).toMatchObject({ status: 'CARRIED_OUT', referralsErased: 2 });
    const after = await must<{ case: { erasedAt: string | null; child: { firstName: string | null } } }>(
      system,
      OFFICER,
      `query($id: ID!) { case(id: $id) { erasedAt child { firstName } } }`,
      { id: caseId },
    );
    expect(after.case).toEqual({ erasedAt: expect.any(String), child: { firstName: null } });
  });

  it('waits for an erasure of the case being carried out before opening another request for it', async () => {
    // A carry-out holds the case for update until it has set erasedAt: a request opened meanwhile must see that,
    // not the case as it was before, or it would sit OPEN on an erased case.
    const { id: caseId } = await openFixtureCase(system);
    const erasing = new Client({ connectionString: system.databaseUrl });
    await erasing.connect();
    try {
      await erasing.query('BEGIN');
      // The carry-out's last step, as far as this request can tell: the case marked erased, not yet committed.
      await erasing.query(`UPDATE cases."case" SET erased_at = now() WHERE id = $1`, [caseId]);
      let answered = false;
      const opening = gql(system, DPO, OPEN, { input: { caseId, requestedBy: 'CAREGIVER', ground: 'NO_LONGER_AUTHORISED' } }).finally(
        () => {
          answered = true;
        },
      );
      // Until the request is seen waiting for the case's lock: a fixed pause could end before it even arrived.
      const waitingForLock = async () =>
        (
          await erasing.query(
            `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
          )
        ).rows[0].n > 0;
      for (let waited = 0; !(await waitingForLock()); waited += 50) {
        expect({ answered, waited: waited < 20_000 }).toEqual({ answered: false, waited: true });
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(answered).toBe(false);
      await erasing.query('COMMIT');
      const { body } = await opening;
      expect(body.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
        ['CONFLICT', "This case's personal data is already erased"],
      ]);
      const { rows } = await erasing.query(`SELECT count(*)::int AS n FROM cases.erasure_request WHERE case_id = $1`, [caseId]);
      expect(rows).toEqual([{ n: 0 }]);
    } finally {
      await erasing.end();
    }
  });

  it('records a refusal with its reason, after which nothing can be erased by it', async () => {
    const { id: caseId } = await openFixtureCase(system);
    const requestId = await openRequest(caseId);
    const badNote = await gql(system, DPO, REFUSE, { input: { id: requestId, note: 'no' } });
    expect(badNote.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.note' });
    const refused = await must<{ refuseErasureRequest: { request: { status: string; outcomeNote: string } } }>(system, DPO, REFUSE, {
      input: { id: requestId, note: 'Children Act: the record is kept until the child is 25' },
    });
    expect(refused.refuseErasureRequest.request).toMatchObject({
      status: 'REFUSED',
      outcomeNote: 'Children Act: the record is kept until the child is 25',
    });
    // The note, read back in the answer, is a read on the request's own trail.
    const requestTrail = await must<{ auditTrail: { edges: Array<{ node: { action: string; actor: string; fieldNames: string[] } }> } }>(
      system,
      DPO,
      `query($id: ID!) { auditTrail(recordId: $id, first: 100) { edges { node { action actor fieldNames } } } }`,
      { id: requestId },
    );
    expect(requestTrail.auditTrail.edges.map((e) => e.node)).toContainEqual({
      action: 'READ',
      actor: DPO.sub,
      fieldNames: ['outcomeNote'],
    });
    const carry = await gql(system, DPO, CARRY_OUT, { input: { id: requestId, note: 'Carry it out anyway' } });
    expect(codes(carry.body.errors)).toEqual(['CONFLICT']);
    const referralsPart = await gql(system, DPO, ERASE_REFERRALS, { input: { erasureRequestId: requestId } });
    expect(referralsPart.body.errors?.[0]).toMatchObject({ extensions: { code: 'CONFLICT', currentStatus: 'REFUSED' } });
    // A refused request frees the case for a new one.
    expect((await gql(system, DPO, OPEN, { input: { caseId, requestedBy: 'CHILD', ground: 'IRRELEVANT' } })).body.errors).toBeUndefined();
    const notAGround = await gql(system, DPO, OPEN, { input: { caseId, requestedBy: 'CHILD', ground: 'BECAUSE' } });
    expect(notAGround.status).toBe(400);
  });
});
