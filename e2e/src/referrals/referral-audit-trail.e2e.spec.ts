import { DEMO_CALLERS, Role } from '@kinga/shared';
import { OFFICER, openFixtureCase, PARTY_POINT, referTo } from '../cases/fixtures';
import { startSystem, type KingaSystem } from '../harness/start-system';

/**
 * The referrals subgraph's audit trail through the gateway: what was written and refused about a referral,
 * for the DPO and the case's county supervisor only.
 */
const TRAIL = `query Trail($id: ID!, $first: Int, $after: String) {
  referralAuditTrail(recordId: $id, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { action recordType recordIds fieldNames actor role operationName } }
  }
}`;

interface TrailEvent {
  action: string;
  recordType: string;
  recordIds: string[];
  fieldNames: string[];
  actor: string | null;
  role: string | null;
  operationName: string | null;
}
interface Trail {
  referralAuditTrail: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: Array<{ node: TrailEvent }>;
  };
}

describe('the audit trail of referrals', () => {
  let system: KingaSystem;
  const token = (role: Role, counties?: string[]) => system.token({ ...DEMO_CALLERS[role], ...(counties ? { counties } : {}) });
  let caseId: string;
  let referralId: string;

  beforeAll(async () => {
    system = await startSystem({ subgraphs: ['directory', 'cases', 'referrals'], demoData: true });
    caseId = (await openFixtureCase(system)).id;
    referralId = (await referTo(system, caseId, PARTY_POINT[Role.GBVRC_CLINICIAN])).id;
    // A police unit that is no party to the referral asks for it: a denial, recorded.
    const refused = await system.request(`query($id: ID!) { referral(id: $id) { status } }`, { id: referralId }, token(Role.POLICE_CPU));
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
  afterAll(() => system?.stop());

  const trail = (as: string, id: string, page: { first?: number; after?: string } = {}) =>
    system.request<Trail>(TRAIL, { id, ...page }, as);

  it('shows the DPO who wrote the referral and who was refused it, by referral id and by case id', async () => {
    const dpo = token(Role.DATA_PROTECTION_OFFICER);
    const byReferral = await trail(dpo, referralId);
    expect(byReferral.body.errors).toBeUndefined();
    const events = byReferral.body.data!.referralAuditTrail.edges.map((e) => e.node);
    expect(events).toContainEqual(
      expect.objectContaining({
        action: 'WRITE',
        recordType: 'Referral',
        recordIds: [referralId],
        actor: OFFICER.sub,
      }),
    );
    expect(events).toContainEqual(
      expect.objectContaining({ action: 'DENY', recordType: 'Referral', recordIds: [referralId], role: 'POLICE_CPU' }),
    );
    const byCase = await trail(dpo, caseId);
    expect(byCase.body.data!.referralAuditTrail.edges.map((e) => e.node)).toEqual(expect.arrayContaining(events));
  });

  it('records that the trail was read, and pages it newest first', async () => {
    const dpo = token(Role.DATA_PROTECTION_OFFICER);
    const first = await trail(dpo, referralId, { first: 1 });
    const page = first.body.data!.referralAuditTrail;
    expect(page.edges).toHaveLength(1);
    // The newest row is the previous reading of this trail.
    expect(page.edges[0].node).toMatchObject({ action: 'READ', recordType: 'AuditTrail', fieldNames: ['referralAuditTrail'] });
    expect(page.pageInfo.hasNextPage).toBe(true);
    const next = await trail(dpo, referralId, { first: 100, after: page.pageInfo.endCursor ?? undefined });
    expect(next.body.data!.referralAuditTrail.edges.length).toBe(page.totalCount - 1);
  });

  it('lets the supervisor of the case’s county read it, and nobody else', async () => {
    expect((await trail(token(Role.DCS_SUPERVISOR), referralId)).body.data?.referralAuditTrail.totalCount).toBeGreaterThan(0);
    const codeFor = async (as: string) => (await trail(as, referralId)).body.errors?.[0]?.extensions?.code;
    expect(await codeFor(token(Role.DCS_SUPERVISOR, ['001']))).toBe('FORBIDDEN');
    for (const role of [Role.DCS_OFFICER, Role.POLICE_CPU, Role.GBVRC_CLINICIAN, Role.PARTNER_SYSTEM, Role.ANALYST]) {
      expect(await codeFor(token(role))).toBe('FORBIDDEN');
    }
    expect((await system.request(TRAIL, { id: referralId })).body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('shows the supervisor a referral refused for a case that has none, and not one of another county', async () => {
    const lonely = (await openFixtureCase(system)).id;
    const refused = await system.request(
      `mutation($key: String!, $input: CreateReferralInput!) { createReferral(idempotencyKey: $key, input: $input) { referral { id } } }`,
      {
        key: `refused-${lonely}`.slice(0, 60),
        input: {
          caseId: lonely,
          toProviderId: PARTY_POINT[Role.GBVRC_CLINICIAN].providerId,
          serviceRequested: 'MEDICAL_CARE',
          urgency: 'HIGH',
          reason: 'Not this unit’s case',
        },
      },
      token(Role.POLICE_CPU),
    );
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const seen = await trail(token(Role.DCS_SUPERVISOR), lonely);
    expect(seen.body.errors).toBeUndefined();
    expect(seen.body.data!.referralAuditTrail.edges.map((e) => e.node)).toContainEqual(
      expect.objectContaining({ action: 'DENY', recordIds: [lonely], role: 'POLICE_CPU' }),
    );
    expect((await trail(token(Role.DCS_SUPERVISOR, ['001']), lonely)).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('says what is wrong with the id', async () => {
    const supervisor = token(Role.DCS_SUPERVISOR);
    expect((await trail(supervisor, 'not-a-uuid')).body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect((await trail(supervisor, '00000000-0000-4000-8000-000000000000')).body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
