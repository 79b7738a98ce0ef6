import { DEMO_CALLERS, DEMO_PROVIDERS, demoProviderId, Role } from '@kinga/shared';
import { DEMO_CASES } from '@kinga/cases';
import { startSystem, type KingaSystem } from '../harness/start-system';

interface IncomingCase {
  caseNumber: string | null;
  clinicalNotes: string | null;
  incidentNarrative: string | null;
  child: { initials: string | null; firstName: string | null } | null;
}
type Incoming = { serviceProvider: { incomingReferrals: { edges: Array<{ node: { case: IncomingCase | null } }> } } };

const INCOMING = `query Incoming($id: ID!) { serviceProvider(id: $id) { incomingReferrals(first: 100) { edges { node { case {
  caseNumber clinicalNotes incidentNarrative child { initials firstName } } } } } } }`;

describe('every demo role sees something of the demo cases through the gateway, and no more than its tiers', () => {
  let system: KingaSystem;
  beforeAll(async () => {
    system = await startSystem({ subgraphs: ['directory', 'cases', 'referrals'], demoData: true });
  }, 120_000);
  afterAll(() => system?.stop());

  const incomingCases = async (role: Role, provider: string): Promise<IncomingCase[]> => {
    const { body } = await system.request<Incoming>(INCOMING, { id: demoProviderId(provider) }, system.token(DEMO_CALLERS[role]));
    return (body.data?.serviceProvider?.incomingReferrals.edges ?? []).flatMap(({ node }) => (node.case ? [node.case] : []));
  };

  it('the children officer lists their cases in full', async () => {
    const { body } = await system.request<{ cases: { totalCount: number; edges: Array<{ node: { child: { firstName: string } } }> } }>(
      `{ cases(first: 5, filter: { assignedToMe: true }) { totalCount edges { node { incidentNarrative child { firstName } } } } }`,
      {},
      system.token(DEMO_CALLERS[Role.DCS_OFFICER]),
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!.cases.totalCount).toBeGreaterThan(0);
    expect(body.data!.cases.edges[0].node.child.firstName).toBeTruthy();
  });

  it('the police unit sees the names of the cases referred to it under consent, never the clinical notes', async () => {
    const cases = await incomingCases(Role.POLICE_CPU, DEMO_PROVIDERS.CPU_NAIROBI);
    expect(cases.some((c) => c.caseNumber && c.child?.firstName)).toBe(true);
    expect(cases.every((c) => c.clinicalNotes === null && c.incidentNarrative === null)).toBe(true);
  });

  it('the GBVRC clinician sees names under consent, never the narrative', async () => {
    const cases = await incomingCases(Role.GBVRC_CLINICIAN, DEMO_PROVIDERS.GBVRC_NWH);
    expect(cases.some((c) => c.caseNumber && c.child?.firstName)).toBe(true);
    expect(cases.every((c) => c.incidentNarrative === null)).toBe(true);
  });

  it("a demo referral's history says where each step was taken: the sending office, then the centre it was sent to", async () => {
    type History = Array<{ toStatus: string; actorProvider: { id: string } | null }>;
    const { body } = await system.request<{
      serviceProvider: { incomingReferrals: { edges: Array<{ node: { fromProvider: { id: string }; history: History } }> } };
    }>(
      `query Incoming($id: ID!) { serviceProvider(id: $id) { incomingReferrals(first: 100) { edges { node {
        fromProvider { id } history { toStatus actorProvider { id } } } } } } }`,
      { id: demoProviderId(DEMO_PROVIDERS.GBVRC_NWH) },
      system.token(DEMO_CALLERS[Role.GBVRC_CLINICIAN]),
    );
    expect(body.errors).toBeUndefined();
    const referrals = body.data!.serviceProvider.incomingReferrals.edges.map(({ node }) => node);
    const SENDER_STEPS = ['SENT', 'CANCELLED', 'CLOSED'];
    const steps = referrals.flatMap(({ fromProvider, history }) =>
      history.map((step) => ({
        toStatus: step.toStatus,
        actorProvider: step.actorProvider?.id ?? null,
        expected: SENDER_STEPS.includes(step.toStatus) ? fromProvider.id : demoProviderId(DEMO_PROVIDERS.GBVRC_NWH),
      })),
    );
    expect(steps.some((step) => !SENDER_STEPS.includes(step.toStatus))).toBe(true);
    expect(steps.filter((step) => step.actorProvider !== step.expected)).toEqual([]);
  });

  it("counts a provider's referrals without the caller's visibility only for the caller's own provider, batched with others", async () => {
    type Counts = { serviceProviders: { edges: Array<{ node: { id: string; incomingReferrals: { totalCount: number } } }> } };
    const LISTED = `{ serviceProviders(first: 30, filter: { county: "047" }) { edges { node { id incomingReferrals { totalCount } } } } }`;
    const countsAs = async (role: Role) => {
      const { body } = await system.request<Counts>(LISTED, {}, system.token(DEMO_CALLERS[role]));
      expect(body.errors).toBeUndefined();
      return new Map(body.data!.serviceProviders.edges.map(({ node }) => [node.id, node.incomingReferrals.totalCount]));
    };
    const own = demoProviderId(DEMO_PROVIDERS.GBVRC_NWH);
    const clinician = await countsAs(Role.GBVRC_CLINICIAN);
    const owner = await countsAs(Role.DCS_OFFICER);
    // The centre's own queue, whole; in the same batch, the other providers' referrals it is no party to stay out
    // (the owner of the cases sees them, so there are some to leave out).
    expect(clinician.get(own)).toBe(owner.get(own));
    expect(clinician.get(own)).toBeGreaterThan(0);
    const others = [...clinician.keys()].filter((id) => id !== own);
    expect(others.reduce((sum, id) => sum + (owner.get(id) ?? 0), 0)).toBeGreaterThan(0);
    expect(others.map((id) => [id, clinician.get(id)])).toEqual(others.map((id) => [id, 0]));
  });

  it('the NGO caseworker sees the status of the cases referred to it, names only under consent', async () => {
    const cases = await incomingCases(Role.NGO_CASEWORKER, DEMO_PROVIDERS.CRADLE_LEGAL);
    expect(cases.some((c) => c.caseNumber)).toBe(true);
    // The demo data gives the NGO a live consent on some of these cases and not on others (none, expired or
    // revoked): names where one covers it, and nothing above PUBLIC where none does.
    expect(cases.some((c) => c.caseNumber && c.child?.firstName)).toBe(true);
    expect(cases.some((c) => c.caseNumber === null && (c.child === null || c.child.firstName === null))).toBe(true);
    expect(cases.every((c) => c.clinicalNotes === null)).toBe(true);
  });

  it('analysts and programme officers see suppressed statistics; the DPO sees the audit trail', async () => {
    for (const role of [Role.ANALYST, Role.PROGRAMME_OFFICER, Role.DCS_SUPERVISOR]) {
      const { body } = await system.request<{ caseStatistics: { cells: Array<{ count: number | null; suppressed: boolean }> } }>(
        `{ caseStatistics(groupBy: [COUNTY, CATEGORY]) { cells { countyCode category count suppressed } } }`,
        {},
        system.token(DEMO_CALLERS[role]),
      );
      const cells = body.data?.caseStatistics.cells ?? [];
      expect({
        role,
        cells: cells.length > 0,
        someSuppressed: cells.some((c) => c.suppressed),
        suppressedWithoutCount: cells.every((c) => !c.suppressed || c.count === null),
        publishedAtLeast5: cells.every((c) => c.suppressed || (c.count ?? 0) >= 5),
      }).toEqual({ role, cells: true, someSuppressed: true, suppressedWithoutCount: true, publishedAtLeast5: true });
    }
    // The same table as columns through the gateway: entry i of every list is cell i.
    const { body: table } = await system.request<{
      caseStatistics: {
        cells: Array<{ countyCode: string; category: string; count: number | null; suppressed: boolean }>;
        columns: {
          countyCodes: string[];
          categories: string[];
          quarters: string[] | null;
          counts: Array<number | null>;
          suppressed: boolean[];
        };
      };
    }>(
      `{ caseStatistics(groupBy: [COUNTY, CATEGORY]) { cells { countyCode category count suppressed } columns { countyCodes categories quarters counts suppressed } } }`,
      {},
      system.token(DEMO_CALLERS[Role.ANALYST]),
    );
    expect(table.errors).toBeUndefined();
    const { cells, columns } = table.data!.caseStatistics;
    expect(cells.length).toBeGreaterThan(0);
    expect(columns.quarters).toBeNull();
    expect(
      columns.counts.map((count, i) => ({
        countyCode: columns.countyCodes[i],
        category: columns.categories[i],
        count,
        suppressed: columns.suppressed[i],
      })),
    ).toEqual(cells);
    // The officer reads a demo case's child; the DPO finds that read in the case's trail.
    const caseId = DEMO_CASES()[0].id;
    const read = await system.request<{ case: { child: { firstName: string | null } } | null }>(
      `query($id: ID!) { case(id: $id) { child { firstName } } }`,
      { id: caseId },
      system.token(DEMO_CALLERS[Role.DCS_OFFICER]),
    );
    expect(read.body.data?.case?.child.firstName).toBeTruthy();
    const { body } = await system.request<{
      auditTrail: { totalCount: number; edges: Array<{ node: { action: string; fieldNames: string[] } }> };
    }>(
      `query($id: ID!) { auditTrail(recordId: $id, first: 50) { totalCount edges { node { action fieldNames } } } }`,
      { id: caseId },
      system.token(DEMO_CALLERS[Role.DATA_PROTECTION_OFFICER]),
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!.auditTrail.totalCount).toBeGreaterThan(0);
    expect(body.data!.auditTrail.edges.some(({ node }) => node.action === 'READ' && node.fieldNames.includes('firstName'))).toBe(true);
  });
});
