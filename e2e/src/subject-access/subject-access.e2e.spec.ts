import { DEMO_CALLERS, kenyanDate, Role } from '@kinga/shared';
import { CHILD_INPUT, callerFor, gql, must, OFFICER, openFixtureCase, PARTY_POINT, referTo } from '../cases/fixtures';
import { startSystem, type KingaSystem } from '../harness/start-system';

/**
 * A subject access request through the gateway: the DPO records it, reads everything held about the child
 * in both subgraphs (every tier, every read audited) while it is open, and nothing once it is closed; no one
 * else may record, read or close one.
 */
const DPO = DEMO_CALLERS[Role.DATA_PROTECTION_OFFICER];
const CLINICIAN = callerFor(Role.GBVRC_CLINICIAN, 'party, consent given');

const OPEN = `mutation OpenSar($input: OpenSubjectAccessRequestInput!) {
  openSubjectAccessRequest(input: $input) { request { id status requestedBy receivedOn openedBy caseId } }
}`;
const CLOSE = `mutation CloseSar($input: CloseSubjectAccessRequestInput!) {
  closeSubjectAccessRequest(input: $input) { request { id status closedBy outcomeNote closedAt } }
}`;
const EXPORT = `query SarExport($id: ID!) {
  subjectAccessRequest(id: $id) {
    id status
    case {
      id caseNumber status incidentNarrative perpetratorDetails clinicalNotes
      child { firstName lastName dateOfBirth location birthCertificateNumber caregivers { name phone } }
      consents { basis tiers }
      notes { totalCount edges { node { body } } }
    }
    referrals {
      totalCount
      edges { node { id reference status reason history { toStatus note } serviceRecords(first: 10) { edges { node { outcome pepGiven injuries } } } } }
    }
  }
}`;

interface SarExport {
  subjectAccessRequest: {
    id: string;
    status: string;
    case: {
      id: string;
      caseNumber: string | null;
      incidentNarrative: string | null;
      clinicalNotes: string | null;
      child: { firstName: string | null; birthCertificateNumber: string | null; caregivers: Array<{ phone: string | null }> | null } | null;
      notes: { totalCount: number; edges: Array<{ node: { body: string | null } }> } | null;
    } | null;
    referrals: {
      totalCount: number;
      edges: Array<{
        node: {
          id: string;
          reason: string | null;
          serviceRecords: { edges: Array<{ node: { pepGiven: boolean | null; injuries: string | null } }> } | null;
        };
      }>;
    };
  } | null;
}

const codes = (errors: Array<{ extensions?: Record<string, unknown> }> | undefined) => [
  ...new Set((errors ?? []).map((e) => e.extensions?.code)),
];

describe('subject access requests', () => {
  let system: KingaSystem;
  let caseId: string;
  let referralId: string;

  beforeAll(async () => {
    system = await startSystem({ subgraphs: ['directory', 'cases', 'referrals'], demoData: true });
    caseId = (await openFixtureCase(system)).id;
    const referral = await referTo(system, caseId, PARTY_POINT[Role.GBVRC_CLINICIAN]);
    referralId = referral.id;
    // The recovery centre takes the referral up and records clinical findings: CLINICAL data in the referrals subgraph.
    const step = (name: string, expectedVersion: number) =>
      must(system, CLINICIAN, `mutation($input: ReferralTransitionInput!) { ${name}(input: $input) { referral { version } } }`, {
        input: { id: referralId, expectedVersion },
      });
    await step('acknowledgeReferral', 1);
    await step('acceptReferral', 2);
    await step('startReferral', 3);
    await must(system, CLINICIAN, `mutation($input: RecordServiceInput!) { recordService(input: $input) { serviceRecord { id } } }`, {
      input: {
        referralId: referralId,
        service: 'MEDICAL_CARE',
        deliveredOn: kenyanDate(new Date()),
        outcome: 'DELIVERED',
        pepGiven: true,
        injuries: 'SAR injuries (invented)',
      },
    });
  });
  afterAll(() => system?.stop());

  it('refuses the DPO the case’s records without an open request, at the case and at the referral', async () => {
    const asCase = await gql(system, DPO, `query($id: ID!) { case(id: $id) { child { firstName } } }`, { id: caseId });
    expect(codes(asCase.body.errors)).toEqual(['FORBIDDEN']);
    expect(JSON.stringify(asCase.body)).not.toContain('Matrixchild');
    const asReferral = await gql(system, DPO, `query($id: ID!) { referral(id: $id) { reason } }`, { id: referralId });
    expect(codes(asReferral.body.errors)).toEqual(['FORBIDDEN']);
    expect(JSON.stringify(asReferral.body)).not.toContain('Matrix referral');
  });

  it('lets only the DPO record, list, read or close a request', async () => {
    for (const role of [Role.DCS_OFFICER, Role.DCS_SUPERVISOR, Role.POLICE_CPU, Role.GBVRC_CLINICIAN, Role.ANALYST, Role.PARTNER_SYSTEM]) {
      const opened = await gql(system, DEMO_CALLERS[role], OPEN, { input: { caseId, requestedBy: 'CAREGIVER' } });
      expect({ role, codes: codes(opened.body.errors) }).toEqual({ role, codes: ['FORBIDDEN'] });
      const listed = await gql(system, DEMO_CALLERS[role], `{ subjectAccessRequests { totalCount } }`);
      expect({ role, codes: codes(listed.body.errors) }).toEqual({ role, codes: ['FORBIDDEN'] });
      const closed = await gql(system, DEMO_CALLERS[role], CLOSE, {
        input: { id: '00000000-0000-4000-8000-000000000000', outcome: 'REFUSED', note: 'Not mine to close' },
      });
      expect({ role, codes: codes(closed.body.errors) }).toEqual({ role, codes: ['FORBIDDEN'] });
    }
    const anonymous = await system.request(OPEN, { input: { caseId, requestedBy: 'CAREGIVER' } });
    expect(codes(anonymous.body.errors)).toEqual(['UNAUTHENTICATED']);
    // Tried by the number on the requester's papers, the refusal is on that case's trail as one by its id is.
    const { id: numbered, caseNumber } = await openFixtureCase(system);
    for (const open of ['openSubjectAccessRequest', 'openErasureRequest']) {
      const byNumber = await gql(
        system,
        DEMO_CALLERS[Role.DCS_OFFICER],
        `mutation RefusedByNumber($input: ${open === 'openErasureRequest' ? 'OpenErasureRequestInput' : 'OpenSubjectAccessRequestInput'}!) { ${open}(input: $input) { request { id } } }`,
        { input: { caseNumber, requestedBy: 'CAREGIVER', ...(open === 'openErasureRequest' ? { ground: 'IRRELEVANT' } : {}) } },
      );
      expect({ open, codes: codes(byNumber.body.errors) }).toEqual({ open, codes: ['FORBIDDEN'] });
    }
    const trail: Array<{ action: string; field_names: string[] }> = await system.subgraphs.cases!.database.dataSource.query(
      `SELECT action, field_names FROM cases.audit_event WHERE operation_name LIKE 'RefusedByNumber%' AND $1 = ANY(record_ids) ORDER BY field_names`,
      [numbered],
    );
    expect(trail).toEqual([
      { action: 'DENY', field_names: ['openErasureRequest'] },
      { action: 'DENY', field_names: ['openSubjectAccessRequest'] },
    ]);
  });

  it('gives the DPO every tier of the case and its referrals while the request is open, audited, and nothing once it is closed', async () => {
    const opened = await must<{
      openSubjectAccessRequest: { request: { id: string; status: string; caseId: string; openedBy: string } };
    }>(system, DPO, OPEN, { input: { caseId, requestedBy: 'CAREGIVER' } });
    const request = opened.openSubjectAccessRequest.request;
    expect(request).toMatchObject({ status: 'OPEN', caseId, openedBy: DPO.sub });

    // One open request per case.
    const again = await gql(system, DPO, OPEN, { input: { caseId, requestedBy: 'CHILD' } });
    expect(codes(again.body.errors)).toEqual(['CONFLICT']);

    // Anyone else asking for the request by id is refused, even with its id.
    const officerRead = await gql(system, OFFICER, EXPORT, { id: request.id });
    expect(codes(officerRead.body.errors)).toContain('FORBIDDEN');
    expect(JSON.stringify(officerRead.body)).not.toContain('SAR injuries');

    const exported = await gql<SarExport>(system, DPO, EXPORT, { id: request.id });
    expect(exported.body.errors).toBeUndefined();
    const sar = exported.body.data!.subjectAccessRequest!;
    expect(sar.case).toMatchObject({
      id: caseId,
      incidentNarrative: 'Matrix narrative (invented)',
      clinicalNotes: 'Matrix clinical notes (invented)',
      child: { firstName: 'Matrixchild', birthCertificateNumber: 'DEMO-BC-424242', caregivers: [{ phone: '+254700424242' }] },
    });
    expect(sar.case?.notes?.edges.map((e) => e.node.body)).toEqual(['Matrix note (invented)']);
    expect(sar.referrals?.totalCount).toBe(1);
    expect(sar.referrals?.edges[0].node).toMatchObject({
      id: referralId,
      reason: 'Matrix referral (invented)',
      serviceRecords: { edges: [{ node: { pepGiven: true, injuries: 'SAR injuries (invented)' } }] },
    });

    // Both subgraphs recorded the DPO's reads under the child's records.
    const caseTrail = await must<{
      auditTrail: { edges: Array<{ node: { action: string; actor: string; recordType: string; fieldNames: string[] } }> };
    }>(system, DPO, `query($id: ID!) { auditTrail(recordId: $id, first: 100) { edges { node { action actor recordType fieldNames } } } }`, {
      id: caseId,
    });
    const dpoReads = caseTrail.auditTrail.edges.map((e) => e.node).filter((n) => n.action === 'READ' && n.actor === DPO.sub);
    expect(dpoReads.flatMap((n) => n.fieldNames)).toEqual(expect.arrayContaining(['incidentNarrative', 'clinicalNotes', 'firstName']));
    // The request that opened the case to the DPO is on the case's own trail, beside the reads it allowed.
    expect(caseTrail.auditTrail.edges.map((e) => e.node)).toContainEqual(
      expect.objectContaining({ action: 'WRITE', actor: DPO.sub, recordType: 'SubjectAccessRequest' }),
    );
    const ofTheCase = await must<{ subjectAccessRequests: { edges: Array<{ node: { id: string } }> } }>(
      system,
      DPO,
      `query($caseId: ID!) { subjectAccessRequests(filter: { caseId: $caseId }) { edges { node { id } } } }`,
      { caseId },
    );
    expect(ofTheCase.subjectAccessRequests.edges.map((e) => e.node.id)).toEqual([request.id]);
    const referralTrail = await must<{
      referralAuditTrail: { edges: Array<{ node: { action: string; actor: string; fieldNames: string[] } }> };
    }>(system, DPO, `query($id: ID!) { referralAuditTrail(recordId: $id, first: 100) { edges { node { action actor fieldNames } } } }`, {
      id: referralId,
    });
    expect(
      referralTrail.referralAuditTrail.edges
        .map((e) => e.node)
        .filter((n) => n.action === 'READ' && n.actor === DPO.sub)
        .flatMap((n) => n.fieldNames),
    ).toEqual(expect.arrayContaining(['reason', 'injuries']));

    // Bad input is named, and nothing changes.
    const badNote = await gql(system, DPO, CLOSE, { input: { id: request.id, outcome: 'COMPLETED', note: 'ok' } });
    expect(codes(badNote.body.errors)).toEqual(['BAD_USER_INPUT']);

    const closed = await must<{ closeSubjectAccessRequest: { request: { status: string; closedBy: string } } }>(system, DPO, CLOSE, {
      input: { id: request.id, outcome: 'COMPLETED', note: 'Copy of the records handed to the caregiver in person' },
    });
    expect(closed.closeSubjectAccessRequest.request).toMatchObject({ status: 'COMPLETED', closedBy: DPO.sub });
    // The note, read back in the answer, is a read on the request's own trail.
    const requestTrail = await must<{ auditTrail: { edges: Array<{ node: { action: string; actor: string; fieldNames: string[] } }> } }>(
      system,
      DPO,
      `query($id: ID!) { auditTrail(recordId: $id, first: 100) { edges { node { action actor fieldNames } } } }`,
      { id: request.id },
    );
    expect(requestTrail.auditTrail.edges.map((e) => e.node)).toContainEqual({
      action: 'READ',
      actor: DPO.sub,
      fieldNames: ['outcomeNote'],
    });
    // And on the case's, as the note's write is: it may name the people the request was about.
    const caseTrailAfter = await must<{
      auditTrail: { edges: Array<{ node: { action: string; actor: string; recordType: string; fieldNames: string[] } }> };
    }>(system, DPO, `query($id: ID!) { auditTrail(recordId: $id, first: 100) { edges { node { action actor recordType fieldNames } } } }`, {
      id: caseId,
    });
    expect(caseTrailAfter.auditTrail.edges.map((e) => e.node)).toContainEqual({
      action: 'READ',
      actor: DPO.sub,
      recordType: 'SubjectAccessRequest',
      fieldNames: ['outcomeNote'],
    });
    const twice = await gql(system, DPO, CLOSE, { input: { id: request.id, outcome: 'REFUSED', note: 'Changed my mind about it' } });
    expect(codes(twice.body.errors)).toEqual(['CONFLICT']);

    const afterClose = await gql<SarExport>(system, DPO, EXPORT, { id: request.id });
    const stale = afterClose.body.data!.subjectAccessRequest!;
    expect(stale.status).toBe('COMPLETED');
    expect(stale.case?.incidentNarrative).toBeNull();
    expect(stale.case?.child).toBeNull();
    expect(stale.referrals).toBeNull();
    expect(codes(afterClose.body.errors)).toEqual(['FORBIDDEN']);
    // Told why: the request is no longer open, not that the role could never read such data.
    expect(afterClose.body.errors?.map((e) => e.message)).toContain(
      'You may not see incidentNarrative of this case: your role reads a case only through an open subject access request for it',
    );
    expect(JSON.stringify(afterClose.body)).not.toMatch(/Matrixchild|Matrix narrative|SAR injuries|Matrix referral/);

    // A closed request frees the case for a new one.
    const listed = await must<{ subjectAccessRequests: { totalCount: number } }>(
      system,
      DPO,
      `{ subjectAccessRequests(filter: { status: [COMPLETED] }) { totalCount } }`,
    );
    expect(listed.subjectAccessRequests.totalCount).toBeGreaterThanOrEqual(1);
    const reopened = await gql(system, DPO, OPEN, { input: { caseId, requestedBy: 'CHILD' } });
    expect(reopened.body.errors).toBeUndefined();
  });

  it('keeps one open request per case when several DPOs record it at once', async () => {
    const otherCase = (await openFixtureCase(system)).id;
    const attempts = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        gql(system, { ...DPO, sub: `dpo-${i}` }, OPEN, { input: { caseId: otherCase, requestedBy: 'CAREGIVER' } }),
      ),
    );
    const outcomes = attempts.map((a) => (a.body.errors ? codes(a.body.errors).join() : 'OPENED'));
    expect(outcomes.filter((o) => o === 'OPENED')).toHaveLength(1);
    expect(outcomes.filter((o) => o !== 'OPENED')).toEqual(Array(7).fill('CONFLICT'));
  });

  it('names bad input: an id that is not a case, a case that does not exist, a date in the future', async () => {
    const notId = await gql(system, DPO, OPEN, { input: { caseId: 'nope', requestedBy: 'CHILD' } });
    expect(codes(notId.body.errors)).toEqual(['BAD_USER_INPUT']);
    const missing = await gql(system, DPO, OPEN, { input: { caseId: '00000000-0000-4000-8000-000000000000', requestedBy: 'CHILD' } });
    expect(codes(missing.body.errors)).toEqual(['NOT_FOUND']);
    const future = await gql(system, DPO, OPEN, { input: { caseId, requestedBy: 'CHILD', receivedOn: '2999-01-01' } });
    expect(codes(future.body.errors)).toEqual(['BAD_USER_INPUT']);
    const neither = await gql(system, DPO, OPEN, { input: { requestedBy: 'CHILD' } });
    expect(neither.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.caseId' });
    const both = await gql(system, DPO, OPEN, { input: { caseId, caseNumber: 'KE-047-2025-000001', requestedBy: 'CHILD' } });
    expect(codes(both.body.errors)).toEqual(['BAD_USER_INPUT']);
    const noSuchNumber = await gql(system, DPO, OPEN, { input: { caseNumber: 'KE-047-1999-999999', requestedBy: 'CHILD' } });
    expect(noSuchNumber.body.errors?.[0]).toMatchObject({ message: 'No case has this number', extensions: { code: 'NOT_FOUND' } });
    // A status filter that names none is refused, as in every list, not answered with every request.
    for (const list of ['subjectAccessRequests', 'erasureRequests']) {
      const none = await gql(system, DPO, `{ ${list}(filter: { status: [] }) { totalCount } }`);
      expect({ list, extensions: none.body.errors?.[0].extensions }).toMatchObject({
        list,
        extensions: { code: 'BAD_USER_INPUT', field: 'filter.status' },
      });
    }
  });

  it('finds every case of one child for the DPO, by birth certificate or by names and date of birth, each on its trail', async () => {
    const child = { ...CHILD_INPUT, firstName: 'Twocases', lastName: 'Dpo-Search', birthCertificateNumber: 'DEMO-BC-770001' };
    // The same child opened twice (again after a case closed, say): two child records.
    const first = await openFixtureCase(system, { child });
    const second = await openFixtureCase(system, { child });
    // Another child of the same names, born another day, with no certificate.
    const namesake = await openFixtureCase(system, { child: { ...child, dateOfBirth: '2015-01-01', birthCertificateNumber: null } });
    // And the same names recorded with an estimated age that agrees: matched on names alone, and said so; a
    // namesake estimated at 3 is another child.
    const estimated = await openFixtureCase(system, {
      child: { ...child, dateOfBirth: null, estimatedAgeYears: 13, birthCertificateNumber: null },
    });
    const toddler = await openFixtureCase(system, {
      child: { ...child, dateOfBirth: null, estimatedAgeYears: 3, birthCertificateNumber: null },
    });
    // Brought in at night, giving a first name only: matched on it and the date of birth, and said so; one of
    // that first name born another day is another child.
    const firstNameOnly = await openFixtureCase(system, { child: { ...child, lastName: null, birthCertificateNumber: null } });
    const otherFirstNameOnly = await openFixtureCase(system, {
      child: { ...child, lastName: null, dateOfBirth: '2015-01-01', birthCertificateNumber: null },
    });
    const SEARCH = `query FindSubject($search: DataSubjectSearchInput!) { dataSubjectCases(search: $search) { caseId caseNumber countyCode openedOn status matchedBy } }`;
    type Found = {
      dataSubjectCases: Array<{ caseId: string; caseNumber: string; countyCode: string; status: string; matchedBy: string[] }>;
    };
    const both = [first.id, second.id].sort();
    const byCertificate = await must<Found>(system, DPO, SEARCH, { search: { birthCertificateNumber: ' demo-bc-770001 ' } });
    expect(byCertificate.dataSubjectCases.map((c) => c.caseId).sort()).toEqual(both);
    expect(byCertificate.dataSubjectCases[0]).toMatchObject({ countyCode: '047', status: 'OPEN', matchedBy: ['BIRTH_CERTIFICATE_NUMBER'] });
    const byNames = await must<Found>(system, DPO, SEARCH, {
      search: { firstName: 'TWOCASES', lastName: 'dpo-search', dateOfBirth: child.dateOfBirth },
    });
    const matched = Object.fromEntries(byNames.dataSubjectCases.map((c) => [c.caseId, c.matchedBy]));
    expect(matched).toEqual({
      [first.id]: ['NAMES_AND_DATE_OF_BIRTH'],
      [second.id]: ['NAMES_AND_DATE_OF_BIRTH'],
      [estimated.id]: ['NAMES_ONLY'],
      [firstNameOnly.id]: ['FIRST_NAME_ONLY'],
    });
    expect(Object.keys(matched)).not.toContain(otherFirstNameOnly.id);
    expect(Object.keys(matched)).not.toContain(namesake.id);
    expect(Object.keys(matched)).not.toContain(toddler.id);
    // Both identifiers: each case says which it matched on, so a mistyped certificate of another child shows.
    const byBoth = await must<Found>(system, DPO, SEARCH, {
      search: { birthCertificateNumber: 'DEMO-BC-770001', firstName: 'Twocases', lastName: 'Dpo-Search', dateOfBirth: child.dateOfBirth },
    });
    expect(byBoth.dataSubjectCases.find((c) => c.caseId === first.id)?.matchedBy).toEqual([
      'BIRTH_CERTIFICATE_NUMBER',
      'NAMES_AND_DATE_OF_BIRTH',
    ]);
    // Each case found is on its trail, as a read by the DPO.
    const reads: Array<{ record_ids: string[] }> = await system.subgraphs.cases!.database.dataSource.query(
      `SELECT record_ids FROM cases.audit_event WHERE action = 'READ' AND operation_name LIKE 'FindSubject%' AND 'dataSubjectCases' = ANY(field_names)`,
    );
    for (const id of both) expect(reads.some((row) => row.record_ids.includes(id))).toBe(true);
    // A search that names no one, or half a name, is refused, saying what it needs; no one else may search.
    const half = await gql(system, DPO, SEARCH, { search: { firstName: 'Twocases' } });
    expect(half.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'search.dateOfBirth' });
    expect(JSON.stringify(half.body)).not.toContain('Twocases');
    const nothing = await gql(system, DPO, SEARCH, { search: {} });
    expect(nothing.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'search.birthCertificateNumber' });
    for (const role of [Role.DCS_OFFICER, Role.DCS_SUPERVISOR, Role.ANALYST]) {
      const refused = await gql(system, DEMO_CALLERS[role], SEARCH, { search: { birthCertificateNumber: 'DEMO-BC-770001' } });
      expect({ role, codes: codes(refused.body.errors), data: refused.body.data }).toEqual({ role, codes: ['FORBIDDEN'], data: null });
    }
    // More cases than an answer holds: refused, saying how to narrow it, and each case on its trail (the DPO
    // has learnt the child has that many).
    const db = system.subgraphs.cases!.database.dataSource;
    const [model] = (await db.query(`SELECT id FROM cases."case" WHERE id = $1`, [namesake.id])) as Array<{ id: string }>;
    const many = (await db.query(
      `WITH children AS (
         INSERT INTO cases.child (first_name, last_name, date_of_birth, sex, county_code, birth_certificate_number)
         SELECT 'Manycases', 'Overflow', date '2015-01-01', 'FEMALE', '047', 'DEMO-BC-770051' FROM generate_series(1, 51) RETURNING id)
       INSERT INTO cases."case" (case_number, child_id, county_code, owner_agency_id, owner_provider_id, categories, risk_level, opened_on)
       SELECT 'KE-047-2019-' || lpad((900000 + row_number() OVER ())::text, 6, '0'), children.id, c.county_code, c.owner_agency_id,
              c.owner_provider_id, c.categories, c.risk_level, date '2019-06-01'
         FROM children CROSS JOIN cases."case" c WHERE c.id = $1 RETURNING id`,
      [model.id],
    )) as Array<{ id: string }>;
    const tooMany = await gql(system, DPO, SEARCH, { search: { birthCertificateNumber: 'DEMO-BC-770051' } });
    expect(tooMany.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'search' });
    const denied: Array<{ record_ids: string[] }> = await db.query(
      `SELECT record_ids FROM cases.audit_event WHERE action = 'DENY' AND 'dataSubjectCases' = ANY(field_names) AND $1 = ANY(record_ids)`,
      [many[0].id],
    );
    expect(denied.length).toBe(1);
    expect(many.every(({ id }) => denied[0].record_ids.includes(id))).toBe(true);
    // A common first name recorded alone, with estimated ages, more often than an answer holds: the exact
    // matches are not lost in them; the DPO asks again without the weak ones.
    const exact = await openFixtureCase(system, {
      child: { ...child, firstName: 'Commonname', lastName: 'Exact', birthCertificateNumber: null },
    });
    await db.query(
      `INSERT INTO cases.child (first_name, estimated_age_years, age_estimated_on, sex, county_code)
       SELECT 'Commonname', 12, $1::date, 'FEMALE', '047' FROM generate_series(1, 51)`,
      [kenyanDate()],
    );
    await db.query(
      `INSERT INTO cases."case" (case_number, child_id, county_code, owner_agency_id, owner_provider_id, categories, risk_level, opened_on)
       SELECT 'KE-047-2018-' || lpad((900000 + row_number() OVER ())::text, 6, '0'), ch.id, c.county_code, c.owner_agency_id,
              c.owner_provider_id, c.categories, c.risk_level, date '2018-06-01'
         FROM cases.child ch CROSS JOIN cases."case" c WHERE ch.first_name = 'Commonname' AND ch.last_name IS NULL AND c.id = $1`,
      [model.id],
    );
    // One of that first name recorded alone but with the exact date of birth is no weak match: never left out.
    const commonFirstOnly = await openFixtureCase(system, {
      child: { ...child, firstName: 'Commonname', lastName: null, birthCertificateNumber: null },
    });
    const common = { firstName: 'Commonname', lastName: 'Exact', dateOfBirth: child.dateOfBirth };
    const crowded = await gql(system, DPO, SEARCH, { search: common });
    expect(crowded.body.errors?.[0]).toMatchObject({
      message: expect.stringContaining('includeWeakMatches: false'),
      extensions: { code: 'BAD_USER_INPUT', field: 'search' },
    });
    const exactOnly = await must<Found>(system, DPO, SEARCH, { search: { ...common, includeWeakMatches: false } });
    expect(Object.fromEntries(exactOnly.dataSubjectCases.map((c) => [c.caseId, c.matchedBy]))).toEqual({
      [exact.id]: ['NAMES_AND_DATE_OF_BIRTH'],
      [commonFirstOnly.id]: ['FIRST_NAME_ONLY'],
    });
    // A certificate no child has finds nothing.
    const none = await must<Found>(system, DPO, SEARCH, { search: { birthCertificateNumber: 'DEMO-BC-000000' } });
    expect(none.dataSubjectCases).toEqual([]);
  });

  it('records a request by the case number on the requester’s papers', async () => {
    const { id, caseNumber } = await openFixtureCase(system);
    await referTo(system, id, PARTY_POINT[Role.GBVRC_CLINICIAN]);
    const opened = await must<{ openSubjectAccessRequest: { request: { id: string; caseId: string } } }>(system, DPO, OPEN, {
      input: { caseNumber, requestedBy: 'CAREGIVER' },
    });
    expect(opened.openSubjectAccessRequest.request.caseId).toBe(id);
    // The case's referrals are the request's: asked of the case, the DPO is told where, not that there are none.
    const { body } = await gql<{ subjectAccessRequest: { referrals: { totalCount: number } } }>(
      system,
      DPO,
      `query($id: ID!) { subjectAccessRequest(id: $id) { case { referrals { totalCount } } referrals { totalCount } } }`,
      { id: opened.openSubjectAccessRequest.request.id },
    );
    expect(body.data?.subjectAccessRequest.referrals.totalCount).toBe(1);
    expect(body.errors).toEqual([
      expect.objectContaining({
        path: ['subjectAccessRequest', 'case', 'referrals'],
        message: expect.stringContaining('SubjectAccessRequest.referrals'),
        extensions: expect.objectContaining({ code: 'FORBIDDEN' }),
      }),
    ]);
  });
});
