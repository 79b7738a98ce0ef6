import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  DEMO_CALLERS,
  demoAgencyId,
  demoId,
  demoProviderId,
  DEMO_PROVIDERS,
  Role,
  startSubgraph,
  type StartedSubgraph,
} from '@kinga/shared';
import { createTestDatabase, ONLY_THE_CLOCK, postGraphql, testEnv, testToken, type TestDatabase } from '@kinga/shared/testing';
import { WRITE_DEADLINE_MS } from './modules/referral/referral.sync';
import { referralsSubgraph } from './referrals.subgraph';

/**
 * The subgraph on its own, with a stand-in for the gateway that answers the cross-subgraph checks from a
 * table, so createReferral's mapping of FORBIDDEN / missing records is tested exactly. The e2e tests in
 * e2e/src/referrals run the same mutation through the real gateway and subgraphs.
 */
const CASE_OK = demoId('case', 'referrals-spec-1');
const CASE_HIDDEN = demoId('case', 'referrals-spec-hidden');
/** A case with no other referral, so that its parties are those of the one referral a test makes. */
const CASE_ALONE = demoId('case', 'referrals-spec-alone');
const CASE_CASES_DOWN = demoId('case', 'referrals-spec-cases-down');
const CASE_GATEWAY_BUSY = demoId('case', 'referrals-spec-gateway-busy');
const CASE_CASES_FAILING = demoId('case', 'referrals-spec-cases-failing');
const CASE_CHECK_INVALID = demoId('case', 'referrals-spec-check-invalid');
const NWH = demoProviderId(DEMO_PROVIDERS.GBVRC_NWH);
const DCS_NAIROBI = demoProviderId(DEMO_PROVIDERS.DCS_NAIROBI);
const CPU = demoProviderId(DEMO_PROVIDERS.CPU_NAIROBI);
const provider = (id: string, agency: string, type: string, services: string[], accepting = true) => ({
  id,
  active: true,
  acceptingReferrals: accepting,
  services,
  agency: { id: demoAgencyId(agency), type },
});
const PROVIDERS: Record<string, unknown> = {
  [NWH]: provider(NWH, 'NWH', 'HEALTH', ['MEDICAL_CARE', 'POST_EXPOSURE_PROPHYLAXIS']),
  [DCS_NAIROBI]: provider(DCS_NAIROBI, 'DCS', 'GOVERNMENT', ['CASE_MANAGEMENT']),
  [CPU]: provider(CPU, 'NPS', 'POLICE', ['POLICE_INVESTIGATION'], false),
};

function fakeGateway(): Promise<{ url: string; server: Server; calls: () => number }> {
  let calls = 0;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      calls += 1;
      const { variables } = JSON.parse(body) as { variables: { caseId: string; fromProviderId: string; toProviderId: string } };
      const errors: unknown[] = [];
      let kase: unknown = null;
      if (variables.caseId === CASE_OK || variables.caseId === CASE_ALONE)
        kase = { id: variables.caseId, countyCode: '047', status: 'OPEN', ownerAgency: { id: demoAgencyId('DCS') } };
      if (variables.caseId === CASE_HIDDEN) errors.push({ message: 'no', path: ['case'], extensions: { code: 'FORBIDDEN' } });
      if (variables.caseId === CASE_CASES_DOWN)
        errors.push({
          message: 'The cases service cannot be reached',
          path: ['case'],
          extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'cases' },
        });
      if (variables.caseId === CASE_CASES_FAILING)
        errors.push({
          message: 'Something went wrong',
          path: ['case'],
          extensions: { code: 'INTERNAL_SERVER_ERROR', serviceName: 'cases' },
        });
      if (variables.caseId === CASE_CHECK_INVALID) {
        res.writeHead(400, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ errors: [{ message: 'Cannot query field', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }] }));
      }
      if (variables.caseId === CASE_GATEWAY_BUSY) {
        res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '1' });
        return res.end(JSON.stringify({ errors: [{ message: 'busy', extensions: { code: 'OVERLOADED' } }] }));
      }
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          data: {
            case: kase,
            fromProvider: PROVIDERS[variables.fromProviderId] ?? null,
            toProvider: PROVIDERS[variables.toProviderId] ?? null,
          },
          ...(errors.length ? { errors } : {}),
        }),
      );
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, server, calls: () => calls }),
    ),
  );
}

const CREATE = `mutation($input: CreateReferralInput!, $key: String!) { createReferral(input: $input, idempotencyKey: $key) { referral { id reference status version urgency createdAt acknowledgeBy startBy } } }`;
const input = (extra: Record<string, unknown> = {}) => ({
  caseId: CASE_OK,
  toProviderId: NWH,
  serviceRequested: 'POST_EXPOSURE_PROPHYLAXIS',
  urgency: 'EMERGENCY',
  reason: 'Needs PEP',
  ...extra,
});

describe('referrals subgraph (integration)', () => {
  let database: TestDatabase;
  let subgraph: StartedSubgraph;
  let gateway: Awaited<ReturnType<typeof fakeGateway>>;
  const dcs = testToken(DEMO_CALLERS[Role.DCS_OFFICER]);
  const clinician = testToken(DEMO_CALLERS[Role.GBVRC_CLINICIAN]);

  beforeAll(async () => {
    gateway = await fakeGateway();
    database = await createTestDatabase();
    subgraph = await startSubgraph(referralsSubgraph, testEnv(database.url, { GATEWAY_URL: gateway.url }));
  });
  afterAll(async () => {
    await subgraph?.stop();
    await database?.drop();
    gateway?.server.close();
  });

  it('creates a referral with a county-year reference and SLA clocks from its urgency', async () => {
    const { body } = await postGraphql<{
      createReferral: { referral: { reference: string; status: string; version: number; acknowledgeBy: string; startBy: string } };
    }>(subgraph.url, CREATE, { input: input(), key: 'spec-create-0001' }, { token: dcs });
    expect(body.errors).toBeUndefined();
    const referral = body.data!.createReferral.referral;
    expect(referral.reference).toMatch(/^KE-047-\d{4}-\d{6}$/);
    expect(referral).toMatchObject({ status: 'SENT', version: 1 });
    expect(Date.parse(referral.startBy) - Date.parse(referral.acknowledgeBy)).toBe(23 * 3600_000);
    // The clocks run from the instant it was sent, by urgency (DESIGN.md): an hour and a day for an emergency,
    // three days and a fortnight for a routine one.
    const HOUR = 3600_000;
    const clocks = (r: { createdAt: string; acknowledgeBy: string; startBy: string }) => [
      Date.parse(r.acknowledgeBy) - Date.parse(r.createdAt),
      Date.parse(r.startBy) - Date.parse(r.createdAt),
    ];
    expect(clocks(referral as typeof referral & { createdAt: string })).toEqual([HOUR, 24 * HOUR]);
    const routine = await postGraphql<{ createReferral: { referral: { createdAt: string; acknowledgeBy: string; startBy: string } } }>(
      subgraph.url,
      CREATE,
      { input: input({ urgency: 'ROUTINE', serviceRequested: 'MEDICAL_CARE' }), key: 'spec-create-routine-0001' },
      { token: dcs },
    );
    expect(routine.body.errors).toBeUndefined();
    expect(clocks(routine.body.data!.createReferral.referral)).toEqual([72 * HOUR, 14 * 24 * HOUR]);
  });

  it('maps a case the caller may not see to FORBIDDEN and a missing one to BAD_USER_INPUT naming the field', async () => {
    const hidden = await postGraphql(
      subgraph.url,
      CREATE,
      { input: input({ caseId: CASE_HIDDEN }), key: 'spec-hidden-0001' },
      { token: dcs },
    );
    expect(hidden.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    // On the case's own trail: the attempt names the case.
    expect(
      await subgraph.database.dataSource.query(
        `SELECT record_type AS "recordType" FROM referrals.audit_event WHERE action = 'DENY' AND $1 = ANY(record_ids) AND 'createReferral' = ANY(field_names)`,
        [CASE_HIDDEN],
      ),
    ).toEqual([{ recordType: 'Case' }]);
    const missing = await postGraphql(
      subgraph.url,
      CREATE,
      { input: input({ caseId: demoId('case', 'nope') }), key: 'spec-missing-01' },
      { token: dcs },
    );
    expect(missing.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.caseId' });
    const notOffered = await postGraphql(
      subgraph.url,
      CREATE,
      { input: input({ serviceRequested: 'LEGAL_AID' }), key: 'spec-service-01' },
      { token: dcs },
    );
    expect(notOffered.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.serviceRequested' });
    const closed = await postGraphql(
      subgraph.url,
      CREATE,
      { input: input({ toProviderId: CPU, serviceRequested: 'POLICE_INVESTIGATION' }), key: 'spec-closed-01' },
      { token: dcs },
    );
    expect(closed.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.toProviderId' });
    const reason = await postGraphql(subgraph.url, CREATE, { input: input({ reason: '  ' }), key: 'spec-reason-01' }, { token: dcs });
    expect(reason.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.reason' });
  });

  it('says a check that could not be made is retryable, not that the case does not exist, and saves nothing', async () => {
    const count = async () => (await subgraph.database.dataSource.query(`SELECT count(*)::int AS n FROM referrals.referral`))[0].n;
    const before = await count();
    for (const [caseId, serviceName] of [
      [CASE_CASES_DOWN, 'cases'],
      [CASE_GATEWAY_BUSY, 'gateway'],
    ] as const) {
      const { body } = await postGraphql(
        subgraph.url,
        CREATE,
        { input: input({ caseId }), key: `spec-unavailable-${serviceName}` },
        { token: dcs },
      );
      expect(body.errors?.[0].extensions).toEqual({ code: 'SUBGRAPH_UNAVAILABLE', unavailableService: serviceName, retryable: true });
      expect(body.errors?.[0].message).toMatch(/nothing was saved/);
    }
    // A fault a retry cannot mend (the check refused as invalid, a service failing outright) is an internal error.
    for (const caseId of [CASE_CHECK_INVALID, CASE_CASES_FAILING]) {
      const { body } = await postGraphql(
        subgraph.url,
        CREATE,
        { input: input({ caseId }), key: `spec-fault-${caseId.slice(0, 8)}` },
        { token: dcs },
      );
      expect(body.errors?.[0].extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
    }
    expect(await count()).toBe(before);
  });

  it('refuses to send from a provider the caller does not work at or act for', async () => {
    const ownOnly = /only from your own provider/;
    // DCS staff act for an office of their own agency, not for another agency's unit.
    const dcsFromPolice = await postGraphql(
      subgraph.url,
      CREATE,
      { input: input({ fromProviderId: CPU }), key: 'spec-sender-01' },
      { token: dcs },
    );
    expect(dcsFromPolice.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(dcsFromPolice.body.errors?.[0].message).toMatch(ownOnly);
    // A police unit sends from its own unit, and from nowhere else.
    const police = testToken(DEMO_CALLERS[Role.POLICE_CPU]);
    const policeFromDcs = await postGraphql(
      subgraph.url,
      CREATE,
      { input: input({ fromProviderId: DCS_NAIROBI }), key: 'spec-sender-02' },
      { token: police },
    );
    expect(policeFromDcs.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(policeFromDcs.body.errors?.[0].message).toMatch(ownOnly);
    const policeOwn = await postGraphql<{ createReferral: { referral: { status: string } } }>(
      subgraph.url,
      CREATE,
      { input: input({ fromProviderId: CPU }), key: 'spec-sender-04' },
      { token: police },
    );
    expect(policeOwn.body.errors).toBeUndefined();
    expect(policeOwn.body.data?.createReferral.referral.status).toBe('SENT');
    // The allowed side of the office rule: an officer at another DCS office sends for the Nairobi office.
    const otherOffice = testToken({ ...DEMO_CALLERS[Role.DCS_OFFICER], providerId: demoId('provider', 'referrals-spec-dcs-other') });
    const forOffice = await postGraphql<{ createReferral: { referral: { status: string } } }>(
      subgraph.url,
      CREATE,
      { input: input({ fromProviderId: DCS_NAIROBI }), key: 'spec-sender-03' },
      { token: otherOffice },
    );
    expect(forOffice.body.errors).toBeUndefined();
    expect(forOffice.body.data?.createReferral.referral.status).toBe('SENT');
  });

  it('lets a GBV recovery centre or an NGO receive referrals but not send them, even from its own service point', async () => {
    const ngo = testToken(DEMO_CALLERS[Role.NGO_CASEWORKER]);
    for (const [token, fromProviderId, key] of [
      [clinician, NWH, 'spec-recipient-01'],
      [ngo, DEMO_CALLERS[Role.NGO_CASEWORKER].providerId as string, 'spec-recipient-02'],
    ] as const) {
      const before = await subgraph.database.dataSource.query(`SELECT count(*)::int AS n FROM referrals.referral`);
      const { body } = await postGraphql(subgraph.url, CREATE, { input: input({ fromProviderId }), key }, { token });
      expect(body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect(body.errors?.[0].message).toMatch(/DCS_OFFICER, DCS_SUPERVISOR, POLICE_CPU/);
      expect(await subgraph.database.dataSource.query(`SELECT count(*)::int AS n FROM referrals.referral`)).toEqual(before);
    }
    const denials = await subgraph.database.dataSource.query(
      `SELECT role, field_names AS "fieldNames" FROM referrals.audit_event WHERE action = 'DENY' AND 'createReferral' = ANY(field_names) ORDER BY id`,
    );
    expect(denials.map((d: { role: string }) => d.role)).toEqual(expect.arrayContaining(['GBVRC_CLINICIAN', 'NGO_CASEWORKER']));
  });

  it('makes one referral of 20 concurrent retries with one idempotency key', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        postGraphql<{ createReferral: { referral: { id: string } } }>(
          subgraph.url,
          CREATE,
          { input: input(), key: 'spec-retry-0001' },
          { token: dcs },
        ),
      ),
    );
    for (const r of results) expect(r.body.errors).toBeUndefined();
    expect(new Set(results.map((r) => r.body.data!.createReferral.referral.id)).size).toBe(1);
    const [{ count }] = await subgraph.database.dataSource.query(
      `SELECT count(*)::int AS count FROM referrals.referral WHERE idempotency_key = 'spec-retry-0001'`,
    );
    expect(count).toBe(1);
  });

  it('answers a sequential retry with the first referral, and refuses the key for a different referral with CONFLICT', async () => {
    const first = await postGraphql<{ createReferral: { referral: { id: string } } }>(
      subgraph.url,
      CREATE,
      { input: input(), key: 'spec-seq-0001' },
      { token: dcs },
    );
    const calls = gateway.calls();
    const again = await postGraphql<{ createReferral: { referral: { id: string } } }>(
      subgraph.url,
      CREATE,
      { input: input(), key: 'spec-seq-0001' },
      { token: dcs },
    );
    expect(again.body.data!.createReferral.referral.id).toBe(first.body.data!.createReferral.referral.id);
    expect(gateway.calls()).toBe(calls); // answered from the stored referral, without asking the gateway again
    const other = await postGraphql(
      subgraph.url,
      CREATE,
      { input: input({ serviceRequested: 'MEDICAL_CARE' }), key: 'spec-seq-0001' },
      { token: dcs },
    );
    expect(other.body.errors?.[0].extensions?.code).toBe('CONFLICT');
    // A retry that changed the urgency or the reason is another referral too: answering it with the first one's
    // SLA clocks would hide the change.
    for (const changed of [{ urgency: 'ROUTINE' }, { reason: 'A different reason for the same provider' }]) {
      const retry = await postGraphql(subgraph.url, CREATE, { input: input(changed), key: 'spec-seq-0001' }, { token: dcs });
      expect({ changed, code: retry.body.errors?.[0].extensions?.code }).toEqual({ changed, code: 'CONFLICT' });
    }
    const shortKey = await postGraphql(subgraph.url, CREATE, { input: input(), key: 'k' }, { token: dcs });
    expect(shortKey.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'idempotencyKey' });
  });

  it('holds Referral entity fetches to the field rules: a stranger gets FORBIDDEN, a party the fields', async () => {
    const [{ id }] = await subgraph.database.dataSource.query(`SELECT id FROM referrals.referral ORDER BY created_at LIMIT 1`);
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Referral { status reason } } }`;
    const police = testToken(DEMO_CALLERS[Role.POLICE_CPU]);
    const stranger = await postGraphql<{ _entities: Array<{ status: string } | null> }>(
      subgraph.url,
      query,
      { r: [{ __typename: 'Referral', id }] },
      { token: police },
    );
    expect(stranger.body.errors?.map((e) => e.extensions?.code)).toContain('FORBIDDEN');
    expect(stranger.body.data?._entities[0]).toBeNull();
    // The recipient does not own the case: its reason (IDENTIFYING) needs a live consent of the case covering the
    // recipient's agency, which the gateway carries from the cases subgraph. No facts, no reason.
    const clinicianAgency = DEMO_CALLERS[Role.GBVRC_CLINICIAN].agencyId as string;
    const grant = (overrides: Record<string, unknown> = {}) => ({
      basis: 'CAREGIVER',
      agencyIds: [clinicianAgency],
      agencyTypes: [],
      tiers: ['OPERATIONAL', 'IDENTIFYING'],
      expiresAt: null,
      ...overrides,
    });
    const asClinician = (representation: Record<string, unknown>) =>
      postGraphql<{ _entities: Array<{ status: string; reason: string | null }> }>(
        subgraph.url,
        query,
        { r: [{ __typename: 'Referral', id, ...representation }] },
        { token: clinician },
      );
    const refused = [
      {},
      { case: { liveConsents: [], subjectAccessGrant: false } },
      { case: { liveConsents: [grant({ agencyIds: ['another-agency'] })], subjectAccessGrant: false } },
      { case: { liveConsents: [grant({ tiers: ['OPERATIONAL'] })], subjectAccessGrant: false } },
      { case: { liveConsents: [grant({ expiresAt: '2020-01-01T00:00:00.000Z' })], subjectAccessGrant: false } },
      // The grant is for the DPO's subject access; a clinician is not let in by it.
      { case: { liveConsents: [], subjectAccessGrant: true } },
    ];
    for (const representation of refused) {
      const { body } = await asClinician(representation);
      expect({ representation, data: body.data?._entities[0] }).toEqual({ representation, data: { status: 'SENT', reason: null } });
      expect(body.errors?.map((e) => [e.extensions?.code, e.path?.join('.')])).toEqual([['FORBIDDEN', '_entities.0.reason']]);
    }
    for (const consent of [grant(), grant({ agencyIds: [], agencyTypes: ['HEALTH'] }), grant({ expiresAt: '2999-01-01T00:00:00.000Z' })]) {
      const party = await asClinician({ case: { liveConsents: [consent], subjectAccessGrant: false } });
      expect(party.body.errors).toBeUndefined();
      expect(party.body.data?._entities[0]).toMatchObject({ status: 'SENT', reason: 'Needs PEP' });
    }
  });

  it('opens the referrals of a subject access request to the DPO only, and only while the gateway says it is OPEN', async () => {
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on SubjectAccessRequest { referrals { totalCount edges { node { reason } } } } } }`;
    const representation = (status: string) => ({
      __typename: 'SubjectAccessRequest',
      id: demoId('sar', 'spec'),
      status,
      caseId: CASE_OK,
    });
    const dpo = testToken(DEMO_CALLERS[Role.DATA_PROTECTION_OFFICER]);
    type Answer = {
      _entities: Array<{ referrals: { totalCount: number; edges: Array<{ node: { reason: string | null } }> } | null } | null>;
    };
    const open = await postGraphql<Answer>(subgraph.url, query, { r: [representation('OPEN')] }, { token: dpo });
    expect(open.body.errors).toBeUndefined();
    expect(open.body.data!._entities[0]!.referrals!.totalCount).toBeGreaterThan(0);
    expect(open.body.data!._entities[0]!.referrals!.edges.map((e) => e.node.reason)).toContain('Needs PEP');
    for (const status of ['COMPLETED', 'REFUSED', 'SOMETHING_ELSE']) {
      const closed = await postGraphql<Answer>(subgraph.url, query, { r: [representation(status)] }, { token: dpo });
      expect({ status, codes: closed.body.errors?.map((e) => e.extensions?.code) }).toEqual({ status, codes: ['FORBIDDEN'] });
      expect(JSON.stringify(closed.body)).not.toContain('Needs PEP');
    }
    // A representation that claims OPEN lets no one but the DPO in.
    for (const role of [Role.DCS_SUPERVISOR, Role.GBVRC_CLINICIAN, Role.PARTNER_SYSTEM]) {
      const other = await postGraphql<Answer>(
        subgraph.url,
        query,
        { r: [representation('OPEN')] },
        { token: testToken(DEMO_CALLERS[role]) },
      );
      expect({ role, codes: other.body.errors?.map((e) => e.extensions?.code) }).toEqual({ role, codes: ['FORBIDDEN'] });
      expect(JSON.stringify(other.body)).not.toContain('Needs PEP');
    }
  });

  it('contributes Case.referralParties for many cases in one SQL statement', async () => {
    const before = subgraph.database.sqlCounter.total;
    const { body } = await postGraphql<{ _entities: Array<{ referralParties: Array<{ providerId: string; agencyType: string }> }> }>(
      subgraph.url,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Case { referralParties { providerId agencyId agencyType } } } }`,
      { r: [CASE_OK, demoId('case', 'x1'), demoId('case', 'x2')].map((id) => ({ __typename: 'Case', id })) },
      { token: clinician },
    );
    expect(body.errors).toBeUndefined();
    expect(subgraph.database.sqlCounter.total - before).toBe(1);
    // DCS's referrals to the centre, and the police unit's own (sent from its unit above).
    expect([...new Set(body.data!._entities[0].referralParties.map((p) => p.providerId))].sort()).toEqual([DCS_NAIROBI, NWH, CPU].sort());
    expect(body.data!._entities[1].referralParties).toEqual([]);
  });

  const STEP = (name: string, inputType = 'ReferralTransitionInput') =>
    `mutation($input: ${inputType}!) { ${name}(input: $input) { referral { id status version allowedNextStates } } }`;

  it('drops the recipient from Case.referralParties once it declines, and the sender once it closes the declined referral', async () => {
    const created = await postGraphql<{ createReferral: { referral: { id: string } } }>(
      subgraph.url,
      CREATE,
      { input: input({ caseId: CASE_ALONE }), key: 'spec-declined-parties-0001' },
      { token: dcs },
    );
    const id = created.body.data!.createReferral.referral.id;
    const parties = async () => {
      const { body } = await postGraphql<{ _entities: Array<{ referralParties: Array<{ providerId: string }> }> }>(
        subgraph.url,
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on Case { referralParties { providerId } } } }`,
        { r: [{ __typename: 'Case', id: CASE_ALONE }] },
        { token: clinician },
      );
      return body.data!._entities[0].referralParties.map((p) => p.providerId).sort();
    };
    expect(await parties()).toEqual([DCS_NAIROBI, NWH].sort());
    const declined = await postGraphql<{ declineReferral: { referral: { status: string; allowedNextStates: string[] } } }>(
      subgraph.url,
      STEP('declineReferral', 'ReferralReasonTransitionInput'),
      { input: { id, expectedVersion: 1, reason: 'No capacity' } },
      { token: clinician },
    );
    expect(declined.body.data?.declineReferral.referral).toMatchObject({ status: 'DECLINED', allowedNextStates: ['CLOSED'] });
    expect(await parties()).toEqual([DCS_NAIROBI]);
    const byRecipient = await postGraphql(subgraph.url, STEP('closeReferral'), { input: { id, expectedVersion: 2 } }, { token: clinician });
    expect(byRecipient.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    // The refused step is in the referral's own audit trail.
    const denials = await subgraph.database.dataSource.query(
      `SELECT record_type AS "recordType", field_names AS "fieldNames", role FROM referrals.audit_event WHERE action = 'DENY' AND $1 = ANY(record_ids)`,
      [id],
    );
    expect(denials).toEqual([{ recordType: 'Referral', fieldNames: ['closeReferral'], role: 'GBVRC_CLINICIAN' }]);
    const closed = await postGraphql<{ closeReferral: { referral: { status: string } } }>(
      subgraph.url,
      STEP('closeReferral'),
      { input: { id, expectedVersion: 2 } },
      { token: dcs },
    );
    expect(closed.body.data?.closeReferral.referral.status).toBe('CLOSED');
    expect(await parties()).toEqual([]);
  });

  async function newReferral(key: string): Promise<string> {
    const { body } = await postGraphql<{ createReferral: { referral: { id: string } } }>(
      subgraph.url,
      CREATE,
      { input: input(), key },
      { token: dcs },
    );
    return body.data!.createReferral.referral.id;
  }

  it('rolls back a step or a new referral that would commit past its sync deadline, so no sync point passes over it', async () => {
    const id = await newReferral('spec-deadline-0001');
    const counter = subgraph.database.sqlCounter;
    const logQuery = counter.logQuery.bind(counter);
    // When the write's statement runs, the clock jumps past the deadline: as if the request had stalled since
    // the instant it stamped the change with, while a partner's sync read a point beyond it.
    let stallOn: RegExp | null = null;
    counter.logQuery = (query, parameters, runner) => {
      if (stallOn?.test(query)) {
        stallOn = null;
        jest.setSystemTime(Date.now() + WRITE_DEADLINE_MS + 1_000);
      }
      logQuery(query, parameters, runner);
    };
    jest.useFakeTimers({ ...ONLY_THE_CLOCK, now: Date.now() });
    try {
      stallOn = /^\s*UPDATE referrals\.referral r SET/;
      const stalled = await postGraphql(
        subgraph.url,
        STEP('acknowledgeReferral'),
        { input: { id, expectedVersion: 1 } },
        { token: clinician },
      );
      expect(stalled.body.errors?.[0].extensions).toMatchObject({ code: 'TOO_SLOW', retryable: true });
      const [unchanged] = await subgraph.database.dataSource.query(
        `SELECT status, version, (SELECT count(*)::int FROM referrals.referral_event e WHERE e.referral_id = r.id) AS steps FROM referrals.referral r WHERE id = $1`,
        [id],
      );
      expect(unchanged).toEqual({ status: 'SENT', version: 1, steps: 1 });
      const sentAgain = await postGraphql<{ acknowledgeReferral: { referral: { status: string } } }>(
        subgraph.url,
        STEP('acknowledgeReferral'),
        { input: { id, expectedVersion: 1 } },
        { token: clinician },
      );
      expect(sentAgain.body.data?.acknowledgeReferral.referral.status).toBe('ACKNOWLEDGED');

      stallOn = /^\s*INSERT INTO referrals\.referral AS r/;
      const created = await postGraphql(subgraph.url, CREATE, { input: input(), key: 'spec-deadline-0002' }, { token: dcs });
      expect(created.body.errors?.[0].extensions).toMatchObject({ code: 'TOO_SLOW', retryable: true });
      expect(
        await subgraph.database.dataSource.query(`SELECT id FROM referrals.referral WHERE idempotency_key = 'spec-deadline-0002'`),
      ).toEqual([]);
      expect(stallOn).toBeNull();
    } finally {
      counter.logQuery = logQuery;
      jest.useRealTimers();
    }
  });

  it('walks a referral to CLOSED, each step by its party, and refuses the wrong party, a stale version and an illegal step', async () => {
    const id = await newReferral('spec-walk-0001');
    const call = (name: string, token: string, vars: Record<string, unknown>, type?: string) =>
      postGraphql<Record<string, { referral: { status: string; version: number } }>>(
        subgraph.url,
        STEP(name, type),
        { input: { id, ...vars } },
        { token },
      );

    const wrongParty = await call('acknowledgeReferral', dcs, { expectedVersion: 1 });
    expect(wrongParty.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const illegal = await call('acceptReferral', clinician, { expectedVersion: 1 });
    expect(illegal.body.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      allowed: ['ACKNOWLEDGED', 'DECLINED', 'CANCELLED'],
    });
    expect(illegal.body.errors?.[0].message).toContain('Allowed next states: ACKNOWLEDGED, DECLINED, CANCELLED');

    expect((await call('acknowledgeReferral', clinician, { expectedVersion: 1 })).body.data?.acknowledgeReferral.referral).toMatchObject({
      status: 'ACKNOWLEDGED',
      version: 2,
    });
    const stale = await call('acceptReferral', clinician, { expectedVersion: 1 });
    expect(stale.body.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2, currentStatus: 'ACKNOWLEDGED' });
    expect((await call('acceptReferral', clinician, { expectedVersion: 2 })).body.errors).toBeUndefined();
    expect((await call('startReferral', clinician, { expectedVersion: 3 })).body.errors).toBeUndefined();
    const noReason = await call('cancelReferral', dcs, { expectedVersion: 4 }, 'ReferralReasonTransitionInput');
    expect(noReason.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.reason' });
    expect((await call('completeReferral', clinician, { expectedVersion: 4, note: 'PEP started' })).body.errors).toBeUndefined();
    expect((await call('closeReferral', clinician, { expectedVersion: 5 })).body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const closed = await call('closeReferral', dcs, { expectedVersion: 5 });
    expect(closed.body.data?.closeReferral.referral).toMatchObject({ status: 'CLOSED', version: 6 });

    const history = await subgraph.database.dataSource.query(
      `SELECT sequence, from_status, to_status, actor_role FROM referrals.referral_event WHERE referral_id = $1 ORDER BY sequence`,
      [id],
    );
    expect(history.map((e: { to_status: string }) => e.to_status)).toEqual([
      'SENT',
      'ACKNOWLEDGED',
      'ACCEPTED',
      'IN_PROGRESS',
      'COMPLETED',
      'CLOSED',
    ]);
    const audit = await subgraph.database.dataSource.query(
      `SELECT count(*)::int AS n FROM referrals.audit_event WHERE action = 'WRITE' AND $1 = ANY(record_ids)`,
      [id],
    );
    expect(audit[0].n).toBe(6);
  });

  it('ends 50 concurrent transitions at one referral in a legal state with a complete, ordered history', async () => {
    const id = await newReferral('spec-race-0001');
    const steps: Array<[string, string, string?]> = [
      ['acknowledgeReferral', clinician],
      ['acceptReferral', clinician],
      ['startReferral', clinician],
      ['completeReferral', clinician],
      ['declineReferral', clinician, 'ReferralReasonTransitionInput'],
      ['cancelReferral', dcs, 'ReferralReasonTransitionInput'],
    ];
    const results = await Promise.all(
      Array.from({ length: 50 }, async (_, i) => {
        const [name, token, type] = steps[i % steps.length];
        const read = await postGraphql<{ referral: { version: number } }>(
          subgraph.url,
          `query($id: ID!) { referral(id: $id) { version } }`,
          { id },
          { token },
        );
        const vars = {
          id,
          expectedVersion: read.body.data!.referral.version,
          ...(type ? { reason: `reason ${i}` } : { note: `note ${i}` }),
        };
        return postGraphql(subgraph.url, STEP(name, type), { input: vars }, { token });
      }),
    );
    const codes = results.map((r) => (r.body.errors ? String(r.body.errors[0].extensions?.code) : 'OK'));
    for (const code of codes) expect(['OK', 'CONFLICT', 'BAD_USER_INPUT']).toContain(code);
    const succeeded = codes.filter((c) => c === 'OK').length;
    expect(succeeded).toBeGreaterThan(0);
    const [row] = await subgraph.database.dataSource.query(`SELECT status, version FROM referrals.referral WHERE id = $1`, [id]);
    expect(row.version).toBe(1 + succeeded);
    const events: Array<{ sequence: number; from_status: string | null; to_status: string }> = await subgraph.database.dataSource.query(
      `SELECT sequence, from_status, to_status FROM referrals.referral_event WHERE referral_id = $1 ORDER BY sequence`,
      [id],
    );
    expect(events.map((e) => e.sequence)).toEqual(Array.from({ length: row.version }, (_, i) => i + 1));
    for (let i = 1; i < events.length; i++) expect(events[i].from_status).toBe(events[i - 1].to_status);
    expect(events[events.length - 1].to_status).toBe(row.status);
  });
});
