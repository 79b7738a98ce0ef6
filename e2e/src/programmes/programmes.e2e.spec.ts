import { DEMO_CALLERS, DEMO_PROVIDERS, demoAgencyId, demoProviderId, Role } from '@kinga/shared';
import { deactivatedAgency } from '../harness/directory-fixtures';
import { countSqlStatements, startSystem, type KingaSystem } from '../harness/start-system';

const MATRIX = `
  {
    focusAreas {
      name
      objectives {
        title
        indicativeBudgetKes
        leadAgencies {
          name
        }
        indicators {
          name
        }
      }
    }
  }
`;

interface Matrix {
  focusAreas: Array<{
    name: string;
    objectives: Array<{
      title: string | null;
      indicativeBudgetKes: number;
      leadAgencies: Array<{ name: string }>;
      indicators: Array<{ name: string }>;
    }>;
  }>;
}

const REPORT_FIELDS = `id version status actualValue spendKes reviewComment agency { name } county { name } period { year quarter }`;
const CREATE = `mutation($input: CreateProgressReportInput!) { createProgressReport(input: $input) { report { ${REPORT_FIELDS} } } }`;
const UPDATE = `mutation($input: UpdateProgressReportInput!) { updateProgressReport(input: $input) { report { ${REPORT_FIELDS} } } }`;
const SUBMIT = `mutation($id: ID!) { submitProgressReport(input: { id: $id }) { report { ${REPORT_FIELDS} } } }`;
// A review names the report's updatedAt as the reviewer read it (asRead).
const RETURN = `mutation($id: ID!, $at: DateTimeISO!, $comment: String!) { returnProgressReport(input: { id: $id, expectedUpdatedAt: $at, comment: $comment }) { report { ${REPORT_FIELDS} } } }`;
const APPROVE = `mutation($id: ID!, $at: DateTimeISO!) { approveProgressReport(input: { id: $id, expectedUpdatedAt: $at }) { report { ${REPORT_FIELDS} } } }`;
const APPROVE_WITH_COMMENT = `mutation($id: ID!, $at: DateTimeISO!, $comment: String) { approveProgressReport(input: { id: $id, expectedUpdatedAt: $at, comment: $comment }) { report { ${REPORT_FIELDS} } } }`;
const REVISE = `mutation($id: ID!) { reviseProgressReport(input: { id: $id }) { report { ${REPORT_FIELDS} } } }`;
const VARIANCE = `query($ids: [ID!], $counties: [String!], $period: ProgrammePeriodInput!) {
  variance(indicatorIds: $ids, countyCodes: $counties, period: $period) {
    countyCode target actual absoluteVariance relativeVariance status reportCount indicator { name }
  }
}`;

interface Report {
  id: string;
  version: number;
  status: string;
  actualValue: number | null;
  reviewComment: string | null;
  agency: { name: string };
}
interface Variance {
  countyCode: string | null;
  target: number | null;
  actual: number | null;
  absoluteVariance: number | null;
  relativeVariance: number | null;
  status: string;
  reportCount: number;
  indicator: { name: string };
}

describe('programmes through the gateway', () => {
  let system: KingaSystem;
  let nccs: string;
  let nccsReviewer: string;
  let dcs: string;
  let nps: string;
  let referredCases: string;

  /** A review's variables with the report's updatedAt as an NCCS officer reads it now. */
  const asRead = async <V extends { id: string }>(variables: V): Promise<V & { at: string }> => {
    const { progressReport } = await system
      .client(nccs)
      .request<{ progressReport: { updatedAt: string } }>(`query($id: ID!) { progressReport(id: $id) { updatedAt } }`, {
        id: variables.id,
      });
    return { ...variables, at: progressReport.updatedAt };
  };

  /** A line DCS reports and NCCS approves: its id. */
  const approvedLine = async (input: Record<string, unknown>): Promise<string> => {
    const { createProgressReport } = await system.client(dcs).request<{ createProgressReport: { report: Report } }>(CREATE, { input });
    const { id } = createProgressReport.report;
    expect((await system.request(SUBMIT, { id }, dcs)).body.errors).toBeUndefined();
    expect((await system.request(APPROVE, await asRead({ id }), nccs)).body.errors).toBeUndefined();
    return id;
  };

  /** Every indicator of the plan, with its name and unit. */
  const planIndicators = async () =>
    (
      await system.client().request<{
        programmePlan: { focusAreas: Array<{ objectives: Array<{ indicators: Array<{ id: string; name: string; unit: string }> }> }> };
      }>(`{ programmePlan { focusAreas { objectives { indicators { id name unit } } } } }`)
    ).programmePlan.focusAreas.flatMap((a) => a.objectives.flatMap((o) => o.indicators));

  beforeAll(async () => {
    system = await startSystem({ subgraphs: ['directory', 'programmes'], demoData: true });
    nccs = system.token({ sub: 'nccs-me-1', name: 'NCCS M&E', role: Role.PROGRAMME_OFFICER, agencyId: demoAgencyId('NCCS'), counties: [] });
    nccsReviewer = nccs;
    dcs = system.token({
      sub: 'dcs-po-1',
      name: 'DCS programme officer',
      role: Role.PROGRAMME_OFFICER,
      agencyId: demoAgencyId('DCS'),
      counties: [],
    });
    nps = system.token({
      sub: 'nps-po-1',
      name: 'NPS programme officer',
      role: Role.PROGRAMME_OFFICER,
      agencyId: demoAgencyId('NPS'),
      counties: [],
    });
    const objective = await system
      .client()
      .request<{ focusAreas: Array<{ objectives: Array<{ code: string; indicators: Array<{ id: string; name: string }> }> }> }>(
        `{ focusAreas { objectives { code indicators { id name } } } }`,
      );
    referredCases = objective.focusAreas
      .flatMap((f) => f.objectives)
      .flatMap((o) => o.indicators)
      .find((i) => i.name === 'No. of referred cases')!.id;
  });
  afterAll(() => system?.stop());

  it('answers the whole matrix anonymously, lead agencies resolved by the directory', async () => {
    const matrix = await system.client().request<Matrix>(MATRIX);
    const objectives = matrix.focusAreas.flatMap((f) => f.objectives);
    expect(matrix.focusAreas.map((f) => f.name)).toEqual([
      'Identification',
      'Prevention',
      'Protection',
      'Rescue, Rehabilitation and Reintegration',
      'Child Participation',
      'Coordination, Monitoring and Evaluation',
    ]);
    expect(objectives).toHaveLength(32);
    expect(objectives.flatMap((o) => o.indicators)).toHaveLength(95);
    expect(objectives.reduce((total, o) => total + o.indicativeBudgetKes, 0)).toBe(5_160_500_000);
    expect(objectives.filter((o) => o.title === null)).toHaveLength(2);
    for (const o of objectives) expect(o.leadAgencies.map((a) => a.name)).toContain("National Council for Children's Services");
    expect(objectives.flatMap((o) => o.leadAgencies.map((a) => a.name))).toContain('National Police Service');
  });

  it('names the plan the matrix belongs to, its years and its focus areas, to anyone', async () => {
    const { programmePlans } = await system
      .client()
      .request<{ programmePlans: Array<{ startYear: number; endYear: number; focusAreas: Array<{ name: string }>; agencies: unknown[] }> }>(
        `{ programmePlans { startYear endYear focusAreas { name } agencies { acronym name } } }`,
      );
    expect(programmePlans).toHaveLength(1);
    expect(programmePlans[0]).toMatchObject({ startYear: 2018, endYear: 2022 });
    expect(programmePlans[0].focusAreas.map((f) => f.name)).toContain('Rescue, Rehabilitation and Reintegration');
    expect(programmePlans[0].focusAreas).toHaveLength(6);
    expect(programmePlans[0].agencies.length).toBeGreaterThan(0);
  });

  it('takes a report from draft through return and correction to approval, and variance follows', async () => {
    const period = { year: 2020, quarter: 2 };
    await system
      .client(nccs)
      .request(`mutation($input: SetProgrammeTargetInput!) { setProgrammeTarget(input: $input) { target { id } } }`, {
        input: { indicatorId: referredCases, countyCode: '044', period, targetValue: 100, baseline: 60 },
      });
    const before = await system
      .client(nccs)
      .request<{ variance: Variance[] }>(VARIANCE, { ids: [referredCases], counties: ['044'], period });
    expect(before.variance[0]).toMatchObject({ target: 100, actual: null, status: 'NO_DATA' });

    const created = await system.client(dcs).request<{ createProgressReport: { report: Report } }>(CREATE, {
      input: { indicatorId: referredCases, countyCode: '044', period, actualValue: 50, spendKes: 1_200_000, narrative: 'Migori Q2' },
    });
    const id = created.createProgressReport.report.id;
    expect(created.createProgressReport.report).toMatchObject({
      status: 'DRAFT',
      version: 1,
      agency: { name: "Department of Children's Services" },
    });

    // A draft is not public, and another agency can neither see it nor touch it.
    const anonymous = await system.request<{ progressReport: Report | null }>(`query($id: ID!) { progressReport(id: $id) { id status } }`, {
      id,
    });
    expect(anonymous.body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const otherAgency = await system.request(`query($id: ID!) { progressReport(id: $id) { id actualValue } }`, { id }, nps);
    expect(otherAgency.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    // Refused, and not recorded as having read the figure it was refused (a line about children harmed).
    const figuresOnly = await system.request<{ progressReport: { actualValue: number | null } | null }>(
      `query($id: ID!) { progressReport(id: $id) { actualValue narrative } }`,
      { id },
      nps,
    );
    expect(figuresOnly.body.data?.progressReport).toEqual({ actualValue: null, narrative: null });
    const readsByOther: Array<{ n: number }> = await system.subgraphs.programmes!.database.dataSource.query(
      `SELECT count(*)::int AS n FROM programmes.audit_event WHERE action = 'READ' AND actor = 'nps-po-1' AND $1 = ANY (record_ids)`,
      [id],
    );
    expect(readsByOther[0].n).toBe(0);
    const otherList = await system.request<{ progressReports: { totalCount: number } }>(
      `{ progressReports(filter: { countyCode: "044" }) { totalCount } }`,
      {},
      nps,
    );
    expect(otherList.body.data?.progressReports.totalCount).toBe(0);
    const otherUpdate = await system.request(UPDATE, { input: { id, actualValue: 1 } }, nps);
    expect(otherUpdate.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const otherSubmit = await system.request(SUBMIT, { id }, nps);
    expect(otherSubmit.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const agencyCannotApprove = await system.request(APPROVE, await asRead({ id }), dcs);
    expect(agencyCannotApprove.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const nccsSees = await system
      .client(nccs)
      .request<{ progressReport: Report }>(`query($id: ID!) { progressReport(id: $id) { id status } }`, { id });
    expect(nccsSees.progressReport.status).toBe('DRAFT');

    const submitted = await system.client(dcs).request<{ submitProgressReport: { report: Report } }>(SUBMIT, { id });
    expect(submitted.submitProgressReport.report.status).toBe('SUBMITTED');
    const lockedWhileSubmitted = await system.request(UPDATE, { input: { id, actualValue: 60 } }, dcs);
    expect(lockedWhileSubmitted.body.errors?.[0].extensions?.code).toBe('CONFLICT');

    // A second reviewer opens the submitted report (actual 50) while the first returns it.
    const secondReviewersCopy = await asRead({ id });
    const returned = await system
      .client(nccsReviewer)
      .request<{ returnProgressReport: { report: Report } }>(RETURN, await asRead({ id, comment: 'Migori register shows 95 referrals' }));
    expect(returned.returnProgressReport.report).toMatchObject({ status: 'RETURNED', reviewComment: 'Migori register shows 95 referrals' });

    await system.client(dcs).request(UPDATE, { input: { id, actualValue: 95 } });
    await system.client(dcs).request(SUBMIT, { id });
    // Corrected to 95 and submitted again: approving from the copy that read 50 is refused, nothing approved.
    const fromStaleCopy = await system.request(APPROVE, secondReviewersCopy, nccsReviewer);
    expect(fromStaleCopy.body.errors?.[0].extensions?.code).toBe('CONFLICT');
    const stillNoData = await system
      .client(nccs)
      .request<{ variance: Variance[] }>(VARIANCE, { ids: [referredCases], counties: ['044'], period });
    expect(stillNoData.variance[0].status).toBe('NO_DATA');

    const approved = await system
      .client(nccsReviewer)
      .request<{ approveProgressReport: { report: Report } }>(
        APPROVE_WITH_COMMENT,
        await asRead({ id, comment: 'Confirmed: 95 children referred' }),
      );
    expect(approved.approveProgressReport.report).toMatchObject({ status: 'APPROVED', actualValue: 95 });

    const after = await system
      .client(nccs)
      .request<{ variance: Variance[] }>(VARIANCE, { ids: [referredCases], counties: ['044'], period });
    expect(after.variance[0]).toMatchObject({
      countyCode: '044',
      target: 100,
      actual: 95,
      absoluteVariance: -5,
      relativeVariance: -0.05,
      status: 'ON_TRACK',
      reportCount: 1,
      indicator: { name: 'No. of referred cases' },
    });
    const publicNow = await system
      .client()
      .request<{ progressReport: Report & { history: { totalCount: number; edges: Array<{ node: { action: string } }> } } }>(
        `query($id: ID!) { progressReport(id: $id) { id status history { totalCount edges { node { action } } } } }`,
        { id },
      );
    // The working steps are the agency's and NCCS's: not in the list, nor in its count.
    expect(publicNow.progressReport.history.totalCount).toBe(1);
    expect(publicNow.progressReport.history.edges.map((e) => e.node.action)).toEqual(['APPROVED']);
    // The approval's comment quotes the figure, so it follows the figure's rule: not for the public or an analyst.
    const analyst = system.token({ sub: 'analyst-1', name: 'Analyst', role: Role.ANALYST, agencyId: demoAgencyId('NCCS') });
    for (const token of [undefined, analyst]) {
      const { body } = await system.request<{
        progressReport: { history: { edges: Array<{ node: { action: string; comment: string | null } }> } };
      }>(`query($id: ID!) { progressReport(id: $id) { history { edges { node { action comment } } } } }`, { id }, token);
      expect(body.data?.progressReport.history.edges).toEqual([{ node: { action: 'APPROVED', comment: null } }]);
      expect(body.errors?.map((e) => [e.path?.join('.'), e.extensions?.code])).toEqual([
        ['progressReport.history.edges.0.node.comment', 'FORBIDDEN'],
      ]);
      expect(JSON.stringify(body)).not.toContain('95 children');
    }
    const fullHistory = await system.client(dcs).request<{
      progressReport: {
        history: {
          totalCount: number;
          edges: Array<{ node: { action: string; comment: string | null; actorAgency: { name: string } | null } }>;
        };
      };
    }>(`query($id: ID!) { progressReport(id: $id) { history { totalCount edges { node { action comment actorAgency { name } } } } } }`, { id });
    const fullSteps = fullHistory.progressReport.history.edges.map((e) => e.node);
    expect(fullHistory.progressReport.history.totalCount).toBe(6);
    expect(fullSteps.map((e) => e.action)).toEqual(['CREATED', 'SUBMITTED', 'RETURNED', 'UPDATED', 'SUBMITTED', 'APPROVED']);
    expect(fullSteps.find((e) => e.action === 'RETURNED')).toMatchObject({
      comment: 'Migori register shows 95 referrals',
      actorAgency: { name: "National Council for Children's Services" },
    });
    expect(fullSteps.find((e) => e.action === 'APPROVED')?.comment).toBe('Confirmed: 95 children referred');

    // An approved report is never changed: a correction is a new version, counted once approved.
    const changeApproved = await system.request(UPDATE, { input: { id, actualValue: 10 } }, dcs);
    expect(changeApproved.body.errors?.[0].extensions?.code).toBe('CONFLICT');
    const revision = await system.client(dcs).request<{ reviseProgressReport: { report: Report } }>(REVISE, { id });
    const v2 = revision.reviseProgressReport.report;
    expect(v2).toMatchObject({ version: 2, status: 'DRAFT', actualValue: 95 });
    // Each step sent again by its author after the answer was lost is answered with what it did, not refused.
    const reviseAgain = await system.client(dcs).request<{ reviseProgressReport: { report: Report } }>(REVISE, { id });
    expect(reviseAgain.reviseProgressReport.report).toMatchObject({ id: v2.id, version: 2, status: 'DRAFT' });
    await system.client(dcs).request(UPDATE, { input: { id: v2.id, actualValue: 40 } });
    await system.client(dcs).request(SUBMIT, { id: v2.id });
    const submitAgain = await system.client(dcs).request<{ submitProgressReport: { report: Report } }>(SUBMIT, { id: v2.id });
    expect(submitAgain.submitProgressReport.report).toMatchObject({ id: v2.id, status: 'SUBMITTED' });
    const whileRevising = await system
      .client(nccs)
      .request<{ variance: Variance[] }>(VARIANCE, { ids: [referredCases], counties: ['044'], period });
    expect(whileRevising.variance[0]).toMatchObject({ actual: 95, status: 'ON_TRACK' });
    const approval = await asRead({ id: v2.id });
    await system.client(nccsReviewer).request(APPROVE, approval);
    const approvedAgain = await system.request<{ approveProgressReport: { report: Report } }>(APPROVE, approval, nccsReviewer);
    expect(approvedAgain.body.errors).toBeUndefined();
    expect(approvedAgain.body.data?.approveProgressReport.report).toMatchObject({ id: v2.id, status: 'APPROVED' });
    // Another reviewer's approval of it is still refused: it was not theirs.
    const otherReviewer = system.token({
      sub: 'nccs-me-2',
      name: 'NCCS M&E 2',
      role: Role.PROGRAMME_OFFICER,
      agencyId: demoAgencyId('NCCS'),
      counties: [],
    });
    const byAnother = await system.request(APPROVE, approval, otherReviewer);
    expect(byAnother.body.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', status: 'APPROVED' });
    const revised = await system
      .client(nccs)
      .request<{ variance: Variance[] }>(VARIANCE, { ids: [referredCases], counties: ['044'], period });
    expect(revised.variance[0]).toMatchObject({ actual: 40, status: 'OFF_TRACK', reportCount: 1 });
    const versions = await system
      .client(nccs)
      .request<{ progressReport: { versions: Array<{ version: number; status: string; actualValue: number }> } }>(
        `query($id: ID!) { progressReport(id: $id) { versions { version status actualValue } } }`,
        { id: v2.id },
      );
    expect(versions.progressReport.versions).toEqual([
      { version: 1, status: 'APPROVED', actualValue: 95 },
      { version: 2, status: 'APPROVED', actualValue: 40 },
    ]);
    // A line keeps at most MAX_VERSIONS_OF_A_REPORT_LINE versions (`versions` is a plain list): as if v2 were the
    // 20th, a 21st is refused. Approved rows are final to the services, so the test renumbers it past its trigger.
    const renumber = async (version: number) => {
      const runner = system.subgraphs.programmes!.database.dataSource.createQueryRunner();
      await runner.startTransaction();
      await runner.query(`SET LOCAL session_replication_role = replica`);
      await runner.query(`UPDATE programmes.progress_report SET version = $2 WHERE id = $1`, [v2.id, version]);
      await runner.commitTransaction();
      await runner.release();
    };
    await renumber(20);
    try {
      const tooMany = await system.request(REVISE, { id: v2.id }, dcs);
      expect(tooMany.body.errors?.[0]).toMatchObject({
        message: 'This report line already has 20 versions, the most one line keeps; its approved version 20 stands',
        // As every CONFLICT on a report: the copy it is now.
        extensions: { code: 'CONFLICT', status: 'APPROVED', currentUpdatedAt: expect.any(String) },
      });
    } finally {
      await renumber(2);
    }

    // The data protection officer reads the line's trail through the gateway, every version of it; no one else.
    const TRAIL = `query($id: ID!) { programmeAuditTrail(recordId: $id, first: 100) { totalCount edges { node { action actor fieldNames } } } }`;
    type Trail = {
      programmeAuditTrail: { totalCount: number; edges: Array<{ node: { action: string; actor: string; fieldNames: string[] } }> };
    };
    const dpo = system.token(DEMO_CALLERS[Role.DATA_PROTECTION_OFFICER]);
    const trail = await system.request<Trail>(TRAIL, { id }, dpo);
    expect(trail.body.errors).toBeUndefined();
    const steps = trail.body.data!.programmeAuditTrail.edges.map((e) => e.node);
    // NCCS returned version 1, then approved it and version 2.
    expect(steps.filter((s) => s.action === 'WRITE' && s.actor === 'nccs-me-1')).toHaveLength(3);
    expect(steps.filter((s) => s.action === 'WRITE' && s.actor === 'dcs-po-1').length).toBeGreaterThanOrEqual(6);
    expect(steps.some((s) => s.action === 'DENY' && s.actor === 'nps-po-1')).toBe(true);
    for (const token of [nccs, dcs, system.token(DEMO_CALLERS[Role.DCS_SUPERVISOR])]) {
      const refused = await system.request<Trail>(TRAIL, { id }, token);
      expect(refused.body.data?.programmeAuditTrail ?? null).toBeNull();
      expect(refused.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    expect((await system.request<Trail>(TRAIL, { id })).body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');

    // Every write and every refusal is in the audit trail.
    const audit: Array<{ actor: string; action: string; field_names: string[] }> =
      await system.subgraphs.programmes!.database.dataSource.query(
        `SELECT actor, action, field_names FROM programmes.audit_event WHERE $1 = ANY (record_ids) ORDER BY id`,
        [id],
      );
    expect(audit.filter((row) => row.action === 'WRITE' && row.actor === 'dcs-po-1').length).toBeGreaterThanOrEqual(4);
    expect(audit.filter((row) => row.action === 'WRITE' && row.actor === 'nccs-me-1')).toHaveLength(2);
    expect(audit.filter((row) => row.action === 'DENY' && row.actor === 'nps-po-1').flatMap((row) => row.field_names)).toEqual(
      expect.arrayContaining(['actualValue', 'updateProgressReport', 'submitProgressReport']),
    );
  });

  // The tests below write in 2022: the national sums are checked on 2021, where a county with reports but
  // no yearly target would be left out of the national figure, by design.
  it("keeps a target's baseline when it is set again without one, and clears it only when told to", async () => {
    const SET = `mutation($input: SetProgrammeTargetInput!) { setProgrammeTarget(input: $input) { target { baseline targetValue } } }`;
    const input = { indicatorId: referredCases, countyCode: '021', period: { year: 2022, quarter: 1 } };
    const set = async (change: Record<string, unknown>) =>
      (
        await system.client(nccs).request<{ setProgrammeTarget: { target: { baseline: number | null; targetValue: number } } }>(SET, {
          input: { ...input, ...change },
        })
      ).setProgrammeTarget.target;
    expect(await set({ targetValue: 100, baseline: 60 })).toEqual({ baseline: 60, targetValue: 100 });
    expect(await set({ targetValue: 120 })).toEqual({ baseline: 60, targetValue: 120 });
    expect(await set({ targetValue: 120, baseline: null })).toEqual({ baseline: null, targetValue: 120 });
  });

  it("names the return's comment in the audit row of an approval that clears it", async () => {
    const input = { indicatorId: referredCases, countyCode: '021', period: { year: 2022, quarter: 3 }, actualValue: 7 };
    const created = await system.client(dcs).request<{ createProgressReport: { report: Report } }>(CREATE, { input });
    const id = created.createProgressReport.report.id;
    await system.client(dcs).request(SUBMIT, { id });
    await system.client(nccs).request(RETURN, await asRead({ id, comment: 'Check the Muranga register' }));
    await system.client(dcs).request(UPDATE, { input: { id, actualValue: 8 } });
    await system.client(dcs).request(SUBMIT, { id });
    const approved = await system.client(nccs).request<{ approveProgressReport: { report: Report } }>(APPROVE, await asRead({ id }));
    expect(approved.approveProgressReport.report).toMatchObject({ status: 'APPROVED', reviewComment: null });
    const [approval]: Array<{ field_names: string[] }> = await system.subgraphs.programmes!.database.dataSource.query(
      `SELECT field_names FROM programmes.audit_event WHERE $1 = ANY (record_ids) AND action = 'WRITE' AND actor = 'nccs-me-1' ORDER BY id DESC LIMIT 1`,
      [id],
    );
    expect([...approval.field_names].sort()).toEqual(['reviewComment', 'status']);
  });

  it('refuses figures no report could hold, naming the field, so that approved figures always add up to a number', async () => {
    const input = { indicatorId: referredCases, countyCode: '021', period: { year: 2022, quarter: 2 } };
    const tooMany = await system.request(CREATE, { input: { ...input, actualValue: 1e308 } }, dcs);
    expect(tooMany.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.actualValue' });
    const tooMuch = await system.request(CREATE, { input: { ...input, actualValue: 10, spendKes: 9007199254740991 } }, dcs);
    expect(tooMuch.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.spendKes' });
    const target = await system.request(
      `mutation($input: SetProgrammeTargetInput!) { setProgrammeTarget(input: $input) { target { id } } }`,
      { input: { ...input, targetValue: 1e12 } },
      nccs,
    );
    expect(target.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.targetValue' });
    const fits = await system.request(CREATE, { input: { ...input, actualValue: 10, spendKes: 5_000_000 } }, dcs);
    expect(fits.body.errors).toBeUndefined();
  });

  it('reads an indicator worded as a decrease the other way: cases brought below the target are on track', async () => {
    const framework = await system
      .client()
      .request<{ focusAreas: Array<{ objectives: Array<{ indicators: Array<{ id: string; name: string; direction: string }> }> }> }>(
        `{ focusAreas { objectives { indicators { id name direction } } } }`,
      );
    const indicator = framework.focusAreas
      .flatMap((f) => f.objectives)
      .flatMap((o) => o.indicators)
      .find((i) => i.name === 'Decreased number of SEC cases during emergencies')!;
    expect(indicator.direction).toBe('DECREASE');
    const period = { year: 2021, quarter: 3 };
    const target = await system.request(
      `mutation($input: SetProgrammeTargetInput!) { setProgrammeTarget(input: $input) { target { id } } }`,
      { input: { indicatorId: indicator.id, countyCode: '022', period, targetValue: 20 } },
      nccs,
    );
    expect(target.body.errors).toBeUndefined();
    await approvedLine({ indicatorId: indicator.id, countyCode: '022', period, actualValue: 12 });
    const { body } = await system.request<{ variance: Variance[] }>(VARIANCE, { ids: [indicator.id], counties: ['022'], period }, nccs);
    expect(body.errors).toBeUndefined();
    expect(body.data!.variance).toEqual([
      expect.objectContaining({ countyCode: '022', target: 20, actual: 12, absoluteVariance: -8, status: 'ON_TRACK' }),
    ]);
  });

  it('does not let an agency review its own submission or a reviewer approve what they submitted', async () => {
    const period = { year: 2020, quarter: 3 };
    const mine = await system.client(nccs).request<{ createProgressReport: { report: Report } }>(CREATE, {
      input: { indicatorId: referredCases, countyCode: '044', period, actualValue: 10 },
    });
    // Approving one's own draft, before it is submitted, is refused as a self-approval too, not answered with
    // the draft's status, and is on the report's trail.
    const draftApproval = await system.request(APPROVE, await asRead({ id: mine.createProgressReport.report.id }), nccs);
    expect(draftApproval.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const denials = await system.subgraphs.programmes!.database.dataSource.query(
      `SELECT count(*)::int AS n FROM programmes.audit_event WHERE action = 'DENY' AND $1 = ANY(record_ids) AND 'approveProgressReport' = ANY(field_names)`,
      [mine.createProgressReport.report.id],
    );
    expect(denials).toEqual([{ n: 1 }]);
    await system.client(nccs).request(SUBMIT, { id: mine.createProgressReport.report.id });
    const selfApproval = await system.request(APPROVE, await asRead({ id: mine.createProgressReport.report.id }), nccs);
    expect(selfApproval.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const colleague = system.token({
      sub: 'nccs-me-2',
      name: 'NCCS M&E 2',
      role: Role.PROGRAMME_OFFICER,
      agencyId: demoAgencyId('NCCS'),
      counties: [],
    });
    const approved = await system.request(APPROVE, await asRead({ id: mine.createProgressReport.report.id }), colleague);
    expect(approved.body.errors).toBeUndefined();
  });

  it('does not let an officer approve figures they entered or edited, even when a colleague submitted them', async () => {
    const period = { year: 2020, quarter: 4 };
    const colleague = system.token({
      sub: 'nccs-me-3',
      name: 'NCCS M&E 3',
      role: Role.PROGRAMME_OFFICER,
      agencyId: demoAgencyId('NCCS'),
      counties: [],
    });
    const third = system.token({
      sub: 'nccs-me-4',
      name: 'NCCS M&E 4',
      role: Role.PROGRAMME_OFFICER,
      agencyId: demoAgencyId('NCCS'),
      counties: [],
    });
    // Entered by one officer, submitted by a colleague: the one who typed the figures may not approve them.
    const entered = await system.client(nccs).request<{ createProgressReport: { report: Report } }>(CREATE, {
      input: { indicatorId: referredCases, countyCode: '041', period, actualValue: 10 },
    });
    const id = entered.createProgressReport.report.id;
    await system.client(colleague).request(SUBMIT, { id });
    const byAuthor = await system.request(APPROVE, await asRead({ id }), nccs);
    expect(byAuthor.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    // Returned by a third officer and edited by them: now they may not approve it either.
    await system.client(third).request(RETURN, await asRead({ id, comment: 'Check the Siaya register' }));
    await system.client(third).request(UPDATE, { input: { id, actualValue: 12 } });
    await system.client(colleague).request(SUBMIT, { id });
    const byEditor = await system.request(APPROVE, await asRead({ id }), third);
    expect(byEditor.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const stillSubmitted = await system
      .client(nccs)
      .request<{ progressReport: Report }>(`query($id: ID!) { progressReport(id: $id) { id status } }`, {
        id,
      });
    expect(stillSubmitted.progressReport.status).toBe('SUBMITTED');
    // Someone who neither entered, edited nor submitted it may.
    const reviewer = system.token({
      sub: 'nccs-me-5',
      name: 'NCCS M&E 5',
      role: Role.PROGRAMME_OFFICER,
      agencyId: demoAgencyId('NCCS'),
      counties: [],
    });
    const approved = await system.request<{ approveProgressReport: { report: Report } }>(APPROVE, await asRead({ id }), reviewer);
    expect(approved.body.errors).toBeUndefined();
    expect(approved.body.data?.approveProgressReport.report).toMatchObject({ status: 'APPROVED', actualValue: 12 });
  });

  it("keeps an officer whose token names counties to those counties' reports", async () => {
    const period = { year: 2020, quarter: 4 };
    const nairobiOnly = system.token({
      sub: 'dcs-po-nairobi',
      name: 'DCS programme officer, Nairobi',
      role: Role.PROGRAMME_OFFICER,
      agencyId: demoAgencyId('DCS'),
      counties: ['047'],
    });
    const elsewhere = await system.request(
      CREATE,
      { input: { indicatorId: referredCases, countyCode: '039', period, actualValue: 3 } },
      nairobiOnly,
    );
    expect(elsewhere.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(elsewhere.body.errors?.[0].message).toContain('input.countyCode');
    const own = await system.request<{ createProgressReport: { report: Report } }>(
      CREATE,
      { input: { indicatorId: referredCases, countyCode: '047', period: { year: 2020, quarter: 1 }, actualValue: 3 } },
      nairobiOnly,
    );
    expect(own.body.errors).toBeUndefined();
    // A national colleague's draft for Bungoma: the Nairobi officer may neither change nor submit it.
    const national = await system.client(dcs).request<{ createProgressReport: { report: Report } }>(CREATE, {
      input: { indicatorId: referredCases, countyCode: '039', period, actualValue: 4 },
    });
    const id = national.createProgressReport.report.id;
    expect((await system.request(UPDATE, { input: { id, actualValue: 40 } }, nairobiOnly)).body.errors?.[0].extensions?.code).toBe(
      'FORBIDDEN',
    );
    expect((await system.request(SUBMIT, { id }, nairobiOnly)).body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const unchanged = await system
      .client(dcs)
      .request<{ progressReport: Report }>(`query($id: ID!) { progressReport(id: $id) { id status actualValue } }`, {
        id,
      });
    expect(unchanged.progressReport).toMatchObject({ status: 'DRAFT', actualValue: 4 });

    // An NCCS officer for Nairobi reviews and sets targets for Nairobi only.
    const nccsNairobi = system.token({
      sub: 'nccs-nairobi',
      name: 'NCCS M&E, Nairobi',
      role: Role.PROGRAMME_OFFICER,
      agencyId: demoAgencyId('NCCS'),
      counties: ['047'],
    });
    await system.client(dcs).request(SUBMIT, { id });
    const review = await system.request(APPROVE, await asRead({ id }), nccsNairobi);
    expect(review.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    // From a stale copy too: told it may not, not what the report now holds.
    const staleOutsider = await system.request(
      `mutation($id: ID!, $at: DateTimeISO!) { approveProgressReport(input: { id: $id, expectedUpdatedAt: $at }) { report { status } } }`,
      { id, at: '2020-01-01T00:00:00.000Z' },
      nccsNairobi,
    );
    expect(staleOutsider.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const TARGET = `mutation($input: SetProgrammeTargetInput!) { setProgrammeTarget(input: $input) { target { id } } }`;
    const target = (countyCode: string | null) => ({
      input: { indicatorId: referredCases, countyCode, period: { year: 2022 }, targetValue: 10 },
    });
    expect((await system.request(TARGET, target('039'), nccsNairobi)).body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await system.request(TARGET, target(null), nccsNairobi)).body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await system.request(TARGET, target('047'), nccsNairobi)).body.errors).toBeUndefined();
    // Nor does it move a lead-agency name: the links are national.
    const link = await system.request(
      `mutation { linkProgrammeAgency(input: { npaName: "NCCS", agencyId: "${demoAgencyId('NCCS')}" }) { link { npaName } } }`,
      {},
      nccsNairobi,
    );
    expect(link.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    // The national reviewer may.
    expect((await system.request(APPROVE, await asRead({ id }), nccsReviewer)).body.errors).toBeUndefined();
  });

  it('stops counting a spend that an approved correction cleared', async () => {
    const period = { year: 2020, quarter: 4 };
    const objective = await system
      .client()
      .request<{ focusAreas: Array<{ objectives: Array<{ id: string; indicators: Array<{ id: string }> }> }> }>(
        `{ focusAreas { objectives { id indicators { id } } } }`,
      );
    const objectiveId = objective.focusAreas.flatMap((f) => f.objectives).find((o) => o.indicators.some((i) => i.id === referredCases))!.id;
    const SPEND = `query($id: ID!) { programmeObjective(id: $id) { variance(countyCode: "040", period: { year: 2020, quarter: 4 }) { reportedSpendKes } } }`;
    const spend = async () =>
      (await system.client().request<{ programmeObjective: { variance: { reportedSpendKes: number } } }>(SPEND, { id: objectiveId }))
        .programmeObjective.variance.reportedSpendKes;
    const before = await spend();
    const approver = system.token({
      sub: 'nccs-me-6',
      name: 'NCCS M&E 6',
      role: Role.PROGRAMME_OFFICER,
      agencyId: demoAgencyId('NCCS'),
      counties: [],
    });
    const created = await system.client(dcs).request<{ createProgressReport: { report: Report } }>(CREATE, {
      input: { indicatorId: referredCases, countyCode: '040', period, actualValue: 7, spendKes: 1_000_000 },
    });
    const first = created.createProgressReport.report.id;
    await system.client(dcs).request(SUBMIT, { id: first });
    await system.client(approver).request(APPROVE, await asRead({ id: first }));
    expect(await spend()).toBe(before + 1_000_000);
    // The spend belonged to another line: the agency corrects it away, and NCCS approves the correction.
    const revised = await system.client(dcs).request<{ reviseProgressReport: { report: Report } }>(REVISE, { id: first });
    const second = revised.reviseProgressReport.report.id;
    await system.client(dcs).request(UPDATE, { input: { id: second, spendKes: null } });
    await system.client(dcs).request(SUBMIT, { id: second });
    await system.client(approver).request(APPROVE, await asRead({ id: second }));
    expect(await spend()).toBe(before);
    // Both versions stay public and APPROVED; the list says which one counts, and can leave out the other.
    const LINE = `query($indicatorId: ID!, $superseded: Boolean) {
      progressReports(filter: { indicatorId: $indicatorId, countyCode: "040", year: 2020, quarter: 4, statuses: [APPROVED], superseded: $superseded }) {
        edges { node { id superseded } }
      }
    }`;
    type Line = { progressReports: { edges: Array<{ node: { id: string; superseded: boolean } }> } };
    const all = await system.client().request<Line>(LINE, { indicatorId: referredCases });
    expect(all.progressReports.edges.map((e) => e.node)).toEqual(
      expect.arrayContaining([
        { id: first, superseded: true },
        { id: second, superseded: false },
      ]),
    );
    const counting = await system.client().request<Line>(LINE, { indicatorId: referredCases, superseded: false });
    expect(counting.progressReports.edges.map((e) => e.node.id)).toContain(second);
    expect(counting.progressReports.edges.map((e) => e.node.id)).not.toContain(first);
    const replaced = await system.client().request<Line>(LINE, { indicatorId: referredCases, superseded: true });
    expect(replaced.progressReports.edges.map((e) => e.node.id)).toEqual([first]);
  });

  it('contributes indicatorProgress to County and objectivesLed and progressReports to Agency', async () => {
    const result = await system.client().request<{
      county: { name: string; indicatorProgress: Variance[] };
      agency: {
        name: string;
        objectivesLed: Array<{ code: string }>;
        progressReports: { totalCount: number; edges: Array<{ node: { status: string } }> };
      };
    }>(
      `query($dcs: ID!) {
        county(code: "047") { name indicatorProgress(period: { year: 2021 }) { countyCode target actual status indicator { name } } }
        agency(id: $dcs) { name objectivesLed { code } progressReports(first: 100) { totalCount edges { node { status } } } }
      }`,
      { dcs: demoAgencyId('DCS') },
    );
    expect(result.county.name).toBe('Nairobi');
    expect(result.county.indicatorProgress).toHaveLength(95);
    const statuses = new Set(result.county.indicatorProgress.map((v) => v.status));
    expect(statuses.has('ON_TRACK')).toBe(true);
    expect(statuses.has('NO_DATA')).toBe(true);
    expect(result.agency.objectivesLed).toHaveLength(20);
    // Anonymous callers see the agency's approved reports only.
    expect(result.agency.progressReports.totalCount).toBeGreaterThan(0);
    for (const edge of result.agency.progressReports.edges) expect(edge.node.status).toBe('APPROVED');
  });

  it('shows the demo counties on track, off track and missing', async () => {
    const result = await system.client(nccs).request<{ variance: Variance[] }>(VARIANCE, {
      ids: [referredCases],
      counties: ['047', '003', '007', '032'],
      period: { year: 2021 },
    });
    const byCounty = Object.fromEntries(result.variance.map((v) => [v.countyCode, v.status]));
    expect(byCounty).toEqual({ '047': 'ON_TRACK', '003': 'OFF_TRACK', '007': 'NO_DATA', '032': 'ON_TRACK' });
  });

  it('computes variance for 95 indicators x 47 counties in as many SQL statements as for 1 x 1', async () => {
    let all: Variance[] = [];
    // The whole matrix, two values a row: 8,930 values, within what one answer may hold (10,000).
    const MATRIX = `query($ids: [ID!], $counties: [String!], $period: ProgrammePeriodInput!) {
      variance(indicatorIds: $ids, countyCodes: $counties, period: $period) { countyCode status }
    }`;
    const large = await countSqlStatements(system, async () => {
      all = (await system.client().request<{ variance: Variance[] }>(MATRIX, { period: { year: 2021 } })).variance;
    });
    expect(all).toHaveLength(95 * 47);
    const small = await countSqlStatements(system, () =>
      system.client().request(MATRIX, { ids: [referredCases], counties: ['047'], period: { year: 2021 } }),
    );
    expect(large.programmes).toBe(small.programmes);
    expect(large.programmes).toBeLessThanOrEqual(6);
  });

  it('lists progress reports of 10 or 30 agencies in the same number of SQL statements', async () => {
    const query = `query($first: Int) { agencies(first: $first) { edges { node { name progressReports(first: 3) { totalCount edges { node { status } } } } } } }`;
    const small = await countSqlStatements(system, () => system.client(nccs).request(query, { first: 10 }));
    const large = await countSqlStatements(system, () => system.client(nccs).request(query, { first: 30 }));
    expect(large.programmes).toBe(small.programmes);
    expect(large.programmes).toBeLessThanOrEqual(3);
    const result = await system
      .client(nccs)
      .request<{ agency: { progressReports: { totalCount: number; edges: unknown[] } } }>(
        `query($id: ID!) { agency(id: $id) { progressReports(first: 3) { totalCount edges { node { status } } } } }`,
        { id: demoAgencyId('DCS') },
      );
    expect(result.agency.progressReports.edges).toHaveLength(3);
    expect(result.agency.progressReports.totalCount).toBeGreaterThan(100);
    // A filter naming another agency selects nothing of this one's, as a filter does.
    const elsewhere = await system
      .client(nccs)
      .request<{ agency: { progressReports: { totalCount: number; edges: unknown[] } } }>(
        `query($id: ID!, $other: ID!) { agency(id: $id) { progressReports(first: 3, filter: { agencyId: $other }) { totalCount edges { node { status } } } } }`,
        { id: demoAgencyId('DCS'), other: demoAgencyId('NPS') },
      );
    expect(elsewhere.agency.progressReports).toEqual({ totalCount: 0, edges: [] });
  });

  it('answers the whole matrix in a fixed number of SQL statements', async () => {
    const cost = await countSqlStatements(system, () => system.client().request(MATRIX));
    expect(cost.programmes).toBeLessThanOrEqual(6);
  });

  it('rolls variance up per objective and focus area, with budget against reported spend, in fixed SQL', async () => {
    const query = `{
      focusAreas {
        code
        variance(period: { year: 2021 }, countyCode: "047") {
          statusCounts { onTrack atRisk offTrack noData suppressed }
          indicativeBudgetKes reportedSpendKes cumulativeSpendKes
          objectives {
            objective { code indicators { id } }
            indicativeBudgetKes reportedSpendKes cumulativeSpendKes budgetUsedPercent
            statusCounts { onTrack atRisk offTrack noData suppressed }
            indicators { status }
          }
        }
      }
    }`;
    interface Rollup {
      focusAreas: Array<{
        code: string;
        variance: {
          statusCounts: Record<string, number>;
          indicativeBudgetKes: number | null;
          reportedSpendKes: number;
          cumulativeSpendKes: number;
          objectives: Array<{
            objective: { code: string; indicators: Array<{ id: string }> };
            indicativeBudgetKes: number;
            reportedSpendKes: number;
            cumulativeSpendKes: number;
            budgetUsedPercent: number | null;
            statusCounts: Record<string, number>;
            indicators: Array<{ status: string }>;
          }>;
        };
      }>;
    }
    let result: Rollup | undefined;
    const cost = await countSqlStatements(system, async () => {
      result = await system.client().request<Rollup>(query);
    });
    // Plan, focus areas, their plan, objectives, indicators, spend, three for variance, objectives again: one
    // statement each, however many focus areas, objectives and indicators there are.
    expect(cost.programmes).toBeLessThanOrEqual(10);
    const areas = result!.focusAreas;
    const counts = areas.map((a) => a.variance.statusCounts);
    expect(counts.reduce((total, c) => total + c.onTrack + c.atRisk + c.offTrack + c.noData + c.suppressed, 0)).toBe(95);
    expect(areas.reduce((total, a) => total + (a.variance.indicativeBudgetKes ?? 0), 0)).toBe(5_160_500_000);
    // Identification's rows were lost from the source: its budget is unknown, not KES 0.
    expect(areas.map((a) => a.variance.indicativeBudgetKes === null)).toEqual([true, false, false, false, false, false]);

    // Spend of PREV-1 in Nairobi, 2021, against the approved reports as the public list gives them.
    const prev1 = areas.flatMap((a) => a.variance.objectives).find((o) => o.objective.code === 'PREV-1')!;
    const reports = await system
      .client()
      .request<{ progressReports: { edges: Array<{ node: { spendKes: number; period: { year: number } } }> } }>(
        `query($ids: ID!) { progressReports(first: 100, filter: { indicatorId: $ids, countyCode: "047", statuses: [APPROVED], superseded: false }) { edges { node { spendKes period { year } } } } }`,
        { ids: prev1.objective.indicators[1].id },
      );
    const edges = reports.progressReports.edges;
    const spent2021 = edges.filter((e) => e.node.period.year === 2021).reduce((total, e) => total + e.node.spendKes, 0);
    const spentAll = edges.reduce((total, e) => total + e.node.spendKes, 0);
    expect(spent2021).toBeGreaterThan(0);
    expect(prev1).toMatchObject({ indicativeBudgetKes: 100_000_000, reportedSpendKes: spent2021, cumulativeSpendKes: spentAll });
    expect(prev1.budgetUsedPercent).toBeCloseTo((spentAll / 100_000_000) * 100, 2);
    // Read anonymously: the county's figure of an indicator that counts children harmed would be withheld; with
    // no approved line, there is none to withhold (which lines are approved is public).
    expect(prev1.indicators.map((i) => i.status)).toEqual(['NO_DATA', 'ON_TRACK', 'NO_DATA', 'NO_DATA']);
  });

  it('gives the national figure as the sum of the counties for counts', async () => {
    const result = await system
      .client(nccs)
      .request<{ variance: Variance[] }>(
        `query($ids: [ID!]) { variance(indicatorIds: $ids, national: true, period: { year: 2021 }) { countyCode target actual status reportCount } }`,
        { ids: [referredCases] },
      );
    const national = result.variance.find((v) => v.countyCode === null)!;
    const counties = result.variance.filter((v) => v.countyCode !== null);
    expect(counties).toHaveLength(47);
    expect(national.actual).toBe(counties.reduce((total, v) => total + (v.actual ?? 0), 0));
    expect(national.target).toBe(counties.reduce((total, v) => total + (v.target ?? 0), 0));
    expect(national.reportCount).toBe(counties.reduce((total, v) => total + v.reportCount, 0));
  });

  it('refuses an edit of a draft made from a stale copy with CONFLICT, writing nothing', async () => {
    const created = await system.client(dcs).request<{ createProgressReport: { report: Report } }>(CREATE, {
      input: { indicatorId: referredCases, countyCode: '045', period: { year: 2020, quarter: 3 }, actualValue: 10 },
    });
    const id = created.createProgressReport.report.id;
    // Two officers of the agency edit the draft from the same copy: the second is refused, nothing written.
    const READ = `query($id: ID!) { progressReport(id: $id) { updatedAt actualValue } }`;
    const copy = (await system.client(dcs).request<{ progressReport: { updatedAt: string; actualValue: number } }>(READ, { id }))
      .progressReport;
    const firstEdit = await system.request(
      UPDATE,
      { input: { id, expectedUpdatedAt: copy.updatedAt, actualValue: copy.actualValue + 1 } },
      dcs,
    );
    expect(firstEdit.body.errors).toBeUndefined();
    const staleEdit = await system.request(UPDATE, { input: { id, expectedUpdatedAt: copy.updatedAt, actualValue: 7 } }, dcs);
    const now = (await system.client(dcs).request<{ progressReport: { updatedAt: string; actualValue: number } }>(READ, { id }))
      .progressReport;
    expect(staleEdit.body.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentUpdatedAt: now.updatedAt });
    expect(now.actualValue).toBe(copy.actualValue + 1);
    const restored = await system.request(UPDATE, { input: { id, expectedUpdatedAt: now.updatedAt, actualValue: copy.actualValue } }, dcs);
    expect(restored.body.errors).toBeUndefined();
  });

  it('lets only NCCS link a lead-agency name to a directory agency', async () => {
    const mutation = `mutation($input: LinkProgrammeAgencyInput!) { linkProgrammeAgency(input: $input) { link { npaName agency { name } } } }`;
    const input = { npaName: 'National Police Service', agencyId: demoAgencyId('NPS') };
    const denied = await system.request(mutation, { input }, dcs);
    expect(denied.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const linked = await system.client(nccs).request<{ linkProgrammeAgency: { link: { agency: { name: string } } } }>(mutation, { input });
    expect(linked.linkProgrammeAgency.link.agency.name).toBe('National Police Service');
    // A name is linked as the matrix spells it: one no objective names would lead nothing, silently.
    const misspelt = await system.request(mutation, { input: { ...input, npaName: 'National Police service' } }, nccs);
    expect(misspelt.body.errors?.[0]).toMatchObject({
      message: 'input.npaName: the matrix spells it "National Police Service"',
      extensions: { code: 'BAD_USER_INPUT', field: 'input.npaName' },
    });
    const nobody = await system.request(mutation, { input: { ...input, npaName: 'NPS' } }, nccs);
    expect(nobody.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.npaName' });
    const bad = await system.request(mutation, { input: { ...input, agencyId: 'nope' } }, nccs);
    expect(bad.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.agencyId' });
    // The directory is asked: an id it does not know, a provider's id and a deactivated agency are refused, and
    // the name stays linked where it was.
    const unknown = await system.request(mutation, { input: { ...input, agencyId: '00000000-0000-4000-8000-0000000000ab' } }, nccs);
    expect(unknown.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.agencyId' });
    expect(unknown.body.errors?.[0].message).toBe('input.agencyId: no agency has this id');
    const provider = await system.request(mutation, { input: { ...input, agencyId: demoProviderId(DEMO_PROVIDERS.CPU_NAIROBI) } }, nccs);
    expect(provider.body.errors?.[0].message).toContain("input.agencyId: this is a service provider's id");
    expect(provider.body.errors?.[0].message).toContain(demoAgencyId('NPS'));
    const closed = await deactivatedAgency(system, 'Wound-up Trust');
    const deactivated = await system.request(mutation, { input: { ...input, agencyId: closed } }, nccs);
    expect(deactivated.body.errors?.[0].message).toMatch(/^input\.agencyId: this agency is deactivated/);
    const [still] = await system.subgraphs.programmes!.database.dataSource.query(
      `SELECT agency_id AS "agencyId" FROM programmes.agency_link WHERE npa_name = 'National Police Service'`,
    );
    expect(still.agencyId).toBe(demoAgencyId('NPS'));
    // Moving the name to another agency puts the change on both agencies' trails: the one that lost it too.
    const moved = await system.client(nccs).request<{ linkProgrammeAgency: { link: { agency: { name: string } } } }>(mutation, {
      input: { npaName: 'National Police Service', agencyId: demoAgencyId('DCS') },
    });
    expect(moved.linkProgrammeAgency.link.agency.name).not.toBe('National Police Service');
    const [row] = await system.subgraphs.programmes!.database.dataSource.query(
      `SELECT record_ids AS "recordIds" FROM programmes.audit_event WHERE record_type = 'ProgrammeAgencyLink' ORDER BY id DESC LIMIT 1`,
    );
    expect([...row.recordIds].sort()).toEqual([demoAgencyId('DCS'), demoAgencyId('NPS')].sort());
    // A report's history is append-only, as the audit trail is.
    await expect(system.subgraphs.programmes!.database.dataSource.query(`DELETE FROM programmes.progress_report_event`)).rejects.toThrow(
      /append-only/,
    );
    await system.client(nccs).request(mutation, { input });
  });

  it('shows what counts children harmed below the national scope to programme officers only, the rest of the plan to everyone', async () => {
    const analyst = system.token({ sub: 'analyst-1', name: 'Analyst', role: Role.ANALYST, agencyId: demoAgencyId('NCCS') });
    const LINES = `{ progressReports(first: 100, filter: { statuses: [APPROVED], year: 2021 }) {
      edges { node { id actualValue narrative reviewComment history(first: 1) { edges { node { comment } } } indicator { id aboutChildrenHarmed } } } } }`;
    interface Lines {
      progressReports: {
        edges: Array<{
          node: {
            id: string;
            actualValue: number | null;
            narrative: string | null;
            indicator: { id: string; aboutChildrenHarmed: boolean };
          };
        }>;
      };
    }
    for (const [who, token, code] of [
      ['anonymous', undefined, 'FORBIDDEN'],
      ['an analyst', analyst, 'FORBIDDEN'],
    ] as const) {
      const { body } = await system.request<Lines>(LINES, {}, token);
      if (!body.data) throw new Error(JSON.stringify(body.errors?.slice(0, 3)));
      const nodes = body.data!.progressReports.edges.map((e) => e.node);
      const aboutChildren = nodes.filter((n) => n.indicator.aboutChildrenHarmed);
      const others = nodes.filter((n) => !n.indicator.aboutChildrenHarmed);
      expect({ who, aboutChildren: aboutChildren.length > 0, others: others.length > 0 }).toEqual({
        who,
        aboutChildren: true,
        others: true,
      });
      expect({ who, values: aboutChildren.map((n) => n.actualValue) }).toEqual({ who, values: aboutChildren.map(() => null) });
      // NCCS's comment on such a line can quote the figure: refused with it.
      expect({ who, reviewComment: (body.errors ?? []).some((e) => e.path?.at(-1) === 'reviewComment') }).toEqual({
        who,
        reviewComment: true,
      });
      // The other indicators' figures are public as before: no refusal points at them.
      const refused = new Set((body.errors ?? []).map((e) => nodes[Number(e.path?.[2])]?.id));
      expect(others.some((n) => n.actualValue !== null)).toBe(true);
      for (const other of others) expect(refused.has(other.id)).toBe(false);
      expect({ who, codes: [...new Set((body.errors ?? []).map((e) => e.extensions?.code))] }).toEqual({ who, codes: [code] });
    }
    const officer = await system.request<Lines>(LINES, {}, nccs);
    expect(officer.body.errors).toBeUndefined();
    expect(officer.body.data!.progressReports.edges.some((e) => e.node.indicator.aboutChildrenHarmed && e.node.actualValue !== null)).toBe(
      true,
    );
    // The officer's reads of those lines are on each line's trail; the other lines' public figures are not.
    const lines = officer.body.data!.progressReports.edges.map((e) => e.node);
    const reads: Array<{ recordIds: string[]; fieldNames: string[] }> = await system.subgraphs.programmes!.database.dataSource.query(
      `SELECT record_ids AS "recordIds", field_names AS "fieldNames" FROM programmes.audit_event
        WHERE action = 'READ' AND actor = 'nccs-me-1' AND record_type = 'ProgressReport'`,
    );
    const readIds = new Set(reads.flatMap((row) => row.recordIds));
    for (const line of lines)
      expect({ id: line.id, read: readIds.has(line.id) }).toEqual({ id: line.id, read: line.indicator.aboutChildrenHarmed });
    expect(reads.flatMap((row) => row.fieldNames)).toEqual(expect.arrayContaining(['actualValue', 'narrative']));

    // Variance: a county's figure of referred cases is SUPPRESSED to the public; the national one (large) is not.
    const BOTH = `query($ids: [ID!]) { variance(indicatorIds: $ids, countyCodes: ["047"], national: true, period: { year: 2021 }) { countyCode actual absoluteVariance status } }`;
    const publicView = (await system.request<{ variance: Variance[] }>(BOTH, { ids: [referredCases] })).body.data!.variance;
    expect(publicView.find((v) => v.countyCode === '047')).toMatchObject({ actual: null, absoluteVariance: null, status: 'SUPPRESSED' });
    const nationally = publicView.find((v) => v.countyCode === null)!;
    expect(nationally.actual).toBeGreaterThanOrEqual(5);
    expect(nationally.status).not.toBe('SUPPRESSED');
    const officerView = (await system.request<{ variance: Variance[] }>(BOTH, { ids: [referredCases] }, nccs)).body.data!.variance;
    expect(officerView.find((v) => v.countyCode === '047')?.actual).toEqual(expect.any(Number));
    expect(officerView.find((v) => v.countyCode === null)?.actual).toBe(nationally.actual);
  });

  it('keeps a line about children harmed to NCCS and its own agency’s officers in its county, and a county’s figure to those who read its lines', async () => {
    const dcsInKwale = system.token({
      sub: 'dcs-po-kwale',
      name: 'DCS officer, Kwale',
      role: Role.PROGRAMME_OFFICER,
      agencyId: demoAgencyId('DCS'),
      counties: ['002'],
    });
    const dcsInNairobi = system.token({
      sub: 'dcs-po-nairobi-lines',
      name: 'DCS officer, Nairobi',
      role: Role.PROGRAMME_OFFICER,
      agencyId: demoAgencyId('DCS'),
      counties: ['047'],
    });
    const LINE = `query($indicatorId: ID!) { progressReports(first: 1, filter: { statuses: [APPROVED], indicatorId: $indicatorId, countyCode: "047", year: 2021 }) {
      edges { node { id actualValue narrative agency { name } } } } }`;
    const read = (token?: string) =>
      system.request<{ progressReports: { edges: Array<{ node: { id: string; actualValue: number | null; narrative: string | null } }> } }>(
        LINE,
        { indicatorId: referredCases },
        token,
      );
    // DCS's line on Nairobi's referred cases: NCCS, which reviews it, and DCS's officers national or in Nairobi read it.
    for (const [who, token] of [
      ['NCCS', nccs],
      ['DCS national', dcs],
      ['DCS in Nairobi', dcsInNairobi],
    ] as const) {
      const { body } = await read(token);
      expect({ who, errors: body.errors }).toEqual({ who, errors: undefined });
      expect({ who, value: body.data!.progressReports.edges[0].node.actualValue }).toEqual({ who, value: expect.any(Number) });
    }
    // Another agency's officer, or DCS's in another county, get the line's existence and not what it says.
    for (const [who, token] of [
      ['NPS national', nps],
      ['DCS in Kwale', dcsInKwale],
    ] as const) {
      const { body } = await read(token);
      expect({ who, node: body.data!.progressReports.edges[0].node }).toMatchObject({ who, node: { actualValue: null, narrative: null } });
      expect({ who, codes: [...new Set(body.errors?.map((e) => e.extensions?.code))] }).toEqual({ who, codes: ['FORBIDDEN'] });
    }
    // Variance: a county officer reads their own county's figure (DCS's lines alone), not another county's.
    const VARIANCE_OF = `query($ids: [ID!], $counties: [String!]) { variance(indicatorIds: $ids, countyCodes: $counties, period: { year: 2021 }) { countyCode actual status } }`;
    const ownCounty = await system.request<{ variance: Variance[] }>(
      VARIANCE_OF,
      { ids: [referredCases], counties: ['047'] },
      dcsInNairobi,
    );
    expect(ownCounty.body.data!.variance[0]).toMatchObject({ countyCode: '047', actual: expect.any(Number) });
    const otherCounty = await system.request<{ variance: Variance[] }>(
      VARIANCE_OF,
      { ids: [referredCases], counties: ['047'] },
      dcsInKwale,
    );
    expect(otherCounty.body.data!.variance[0]).toMatchObject({ countyCode: '047', actual: null, status: 'SUPPRESSED' });
  });

  it('withholds a national figure made of one county’s lines, and a year whose withheld quarter it would give away', async () => {
    const approve = (countyCode: string, quarter: number, actualValue: number) =>
      approvedLine({ indicatorId: referredCases, countyCode, period: { year: 2018, quarter }, actualValue });
    // Two counties each quarter, 7, 6, 0 and 3 children nationally; and one county alone in the first quarter.
    for (const [county, quarter, value] of [
      ['047', 1, 4],
      ['001', 1, 3],
      ['047', 2, 3],
      ['001', 2, 3],
      ['047', 3, 0],
      ['001', 3, 0],
      ['047', 4, 2],
      ['001', 4, 1],
    ] as const)
      await approve(county, quarter, value);
    const NATIONAL = `query($ids: [ID!], $period: ProgrammePeriodInput!) { variance(indicatorIds: $ids, countyCodes: ["047"], national: true, period: $period) { countyCode actual status } }`;
    const national = async (period: { year: number; quarter?: number }, token?: string) =>
      (await system.request<{ variance: Variance[] }>(NATIONAL, { ids: [referredCases], period }, token)).body.data!.variance.find(
        (v) => v.countyCode === null,
      )!;
    expect(await national({ year: 2018, quarter: 1 })).toMatchObject({ actual: 7 });
    expect(await national({ year: 2018, quarter: 2 })).toMatchObject({ actual: 6 });
    expect(await national({ year: 2018, quarter: 3 })).toMatchObject({ actual: 0 });
    expect(await national({ year: 2018, quarter: 4 })).toMatchObject({ actual: null, status: 'SUPPRESSED' });
    // 16 beside 7, 6 and 0 would say the fourth quarter was 3.
    expect(await national({ year: 2018 })).toMatchObject({ actual: null, status: 'SUPPRESSED' });
    expect(await national({ year: 2018 }, nccs)).toMatchObject({ actual: 16 });
    expect(await national({ year: 2018, quarter: 4 }, nccs)).toMatchObject({ actual: 3 });
    // Nairobi's DCS officer reads Nairobi's 4 of the first quarter: the nation's 7 would give Mombasa's 3.
    const dcsInNairobi = system.token({
      sub: 'dcs-po-nairobi-national',
      name: 'DCS officer, Nairobi',
      role: Role.PROGRAMME_OFFICER,
      agencyId: demoAgencyId('DCS'),
      counties: ['047'],
    });
    const FIRST_QUARTER = `{ variance(indicatorIds: ["${referredCases}"], countyCodes: ["047"], national: true, period: { year: 2018, quarter: 1 }) { countyCode actual status } }`;
    const nairobiView = (await system.request<{ variance: Variance[] }>(FIRST_QUARTER, {}, dcsInNairobi)).body.data!.variance;
    expect(nairobiView).toEqual([
      { countyCode: '047', actual: 4, status: expect.any(String) },
      { countyCode: null, actual: null, status: 'SUPPRESSED' },
    ]);
    // The police's national officer reads none of DCS's lines: Nairobi's figure, made of DCS's one line, would be it.
    const policeView = (await system.request<{ variance: Variance[] }>(FIRST_QUARTER, {}, nps)).body.data!.variance;
    expect(policeView).toEqual([
      { countyCode: '047', actual: null, status: 'SUPPRESSED' },
      { countyCode: null, actual: 7, status: expect.any(String) },
    ]);

    // Nairobi alone in 2019's first quarter: the nation's figure would be Nairobi's.
    await approvedLine({ indicatorId: referredCases, countyCode: '047', period: { year: 2019, quarter: 1 }, actualValue: 40 });
    expect(await national({ year: 2019, quarter: 1 })).toMatchObject({ actual: null, status: 'SUPPRESSED' });
    expect(await national({ year: 2019, quarter: 1 }, nccs)).toMatchObject({ actual: 40 });
  });

  it('keeps the words of a qualitative line about children harmed to programme officers, as a count’s figure is', async () => {
    const refuge = (await planIndicators()).find(
      (i) => i.name === 'Children facing harmful cultural practices seeking refuge in safe houses',
    )!;
    expect(refuge.unit).toBe('QUALITATIVE');
    const narrative = 'Two girls, 13 and 15, fled to the safe house (invented)';
    const id = await approvedLine({
      indicatorId: refuge.id,
      countyCode: '024',
      period: { year: 2021, quarter: 3 },
      achievement: 'IN_PROGRESS',
      narrative,
    });
    const LINE = `query($id: ID!) { progressReport(id: $id) { status achievement narrative indicator { aboutChildrenHarmed } } }`;
    type Line = {
      progressReport: { status: string; achievement: string; narrative: string | null; indicator: { aboutChildrenHarmed: boolean } };
    };
    const anonymous = await system.request<Line>(LINE, { id });
    expect(anonymous.body.data?.progressReport).toMatchObject({ status: 'APPROVED', achievement: 'IN_PROGRESS', narrative: null });
    expect(anonymous.body.data?.progressReport.indicator.aboutChildrenHarmed).toBe(true);
    expect(anonymous.body.errors?.map((e) => [e.path?.at(-1), e.extensions?.code])).toEqual([['narrative', 'FORBIDDEN']]);
    expect(JSON.stringify(anonymous.body)).not.toContain('Two girls');
    const officer = await system.request<Line>(LINE, { id }, nccs);
    expect(officer.body.data?.progressReport.narrative).toBe(narrative);
  });

  it('keeps a county officer’s drafts to their counties, and asks for what a submission or review stands on', async () => {
    const nairobiOnly = system.token({
      sub: 'dcs-po-nairobi',
      name: 'DCS officer, Nairobi',
      role: Role.PROGRAMME_OFFICER,
      agencyId: demoAgencyId('DCS'),
      counties: ['047'],
    });
    const period = { year: 2020, quarter: 2 };
    const elsewhere = await system.client(dcs).request<{ createProgressReport: { report: Report } }>(CREATE, {
      input: { indicatorId: referredCases, countyCode: '039', period, actualValue: 3 },
    });
    const draftId = elsewhere.createProgressReport.report.id;
    const READ = `query($id: ID!) { progressReport(id: $id) { id updatedAt } }`;
    const outside = await system.request(READ, { id: draftId }, nairobiOnly);
    expect(outside.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const listed = await system.request<{ progressReports: { edges: Array<{ node: { id: string } }> } }>(
      `{ progressReports(first: 100, filter: { statuses: [DRAFT] }) { edges { node { id } } } }`,
      {},
      nairobiOnly,
    );
    expect(listed.body.data!.progressReports.edges.map((e) => e.node.id)).not.toContain(draftId);
    expect((await system.request(READ, { id: draftId }, dcs)).body.errors).toBeUndefined();
    // Their own county's draft they still read and list.
    const own = await system.client(dcs).request<{ createProgressReport: { report: Report } }>(CREATE, {
      input: { indicatorId: referredCases, countyCode: '047', period, actualValue: 2 },
    });
    const ownId = own.createProgressReport.report.id;
    expect((await system.request(READ, { id: ownId }, nairobiOnly)).body.errors).toBeUndefined();
    const ownList = await system.request<{ progressReports: { edges: Array<{ node: { id: string } }> } }>(
      `{ progressReports(first: 100, filter: { statuses: [DRAFT] }) { edges { node { id } } } }`,
      {},
      nairobiOnly,
    );
    expect(ownList.body.data!.progressReports.edges.map((e) => e.node.id)).toContain(ownId);

    // Submitting or reviewing a copy that changed since it was read is CONFLICT, nothing done.
    const { progressReport: copy } = await system.client(dcs).request<{ progressReport: { updatedAt: string } }>(READ, { id: draftId });
    await system.client(dcs).request(UPDATE, { input: { id: draftId, actualValue: 4 } });
    const staleSubmit = await system.request(
      `mutation($id: ID!, $at: DateTimeISO) { submitProgressReport(input: { id: $id, expectedUpdatedAt: $at }) { report { status } } }`,
      { id: draftId, at: copy.updatedAt },
      dcs,
    );
    expect(staleSubmit.body.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentUpdatedAt: expect.any(String) });
    const { progressReport: fresh } = await system.client(dcs).request<{ progressReport: { updatedAt: string } }>(READ, { id: draftId });
    const submitted = await system.request(
      `mutation($id: ID!, $at: DateTimeISO) { submitProgressReport(input: { id: $id, expectedUpdatedAt: $at }) { report { status updatedAt } } }`,
      { id: draftId, at: fresh.updatedAt },
      dcs,
    );
    expect(submitted.body.errors).toBeUndefined();
    // A review must say which copy it read: one that names none is refused before anything is read or written.
    const unread = await system.request(
      `mutation($id: ID!) { approveProgressReport(input: { id: $id }) { report { status } } }`,
      { id: draftId },
      nccs,
    );
    expect(unread.body.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const unreadReturn = await system.request(
      `mutation($id: ID!) { returnProgressReport(input: { id: $id, comment: "Check the register" }) { report { status } } }`,
      { id: draftId },
      nccs,
    );
    expect(unreadReturn.body.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const staleApproval = await system.request(
      `mutation($id: ID!, $at: DateTimeISO!) { approveProgressReport(input: { id: $id, expectedUpdatedAt: $at }) { report { status } } }`,
      { id: draftId, at: fresh.updatedAt },
      nccs,
    );
    expect(staleApproval.body.errors?.[0].extensions?.code).toBe('CONFLICT');
    const current = (submitted.body.data as { submitProgressReport: { report: { updatedAt: string } } }).submitProgressReport.report;
    const approvedAsRead = await system.request(
      `mutation($id: ID!, $at: DateTimeISO!) { approveProgressReport(input: { id: $id, expectedUpdatedAt: $at }) { report { status } } }`,
      { id: draftId, at: current.updatedAt },
      nccs,
    );
    expect(approvedAsRead.body.errors).toBeUndefined();

    // A document reported achieved names its evidence before it goes to NCCS.
    const documentIndicator = (await planIndicators()).find((i) => i.unit === 'DOCUMENT')!;
    const doc = await system.client(dcs).request<{ createProgressReport: { report: Report } }>(CREATE, {
      input: { indicatorId: documentIndicator.id, countyCode: '047', period, achievement: 'ACHIEVED' },
    });
    const noEvidence = await system.request(SUBMIT, { id: doc.createProgressReport.report.id }, dcs);
    expect(noEvidence.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'evidence' });
    // Named, it goes; and a document still in progress has no evidence to name yet.
    await system
      .client(dcs)
      .request(UPDATE, { input: { id: doc.createProgressReport.report.id, evidence: 'Gazette notice 1234 of 2020' } });
    expect((await system.request(SUBMIT, { id: doc.createProgressReport.report.id }, dcs)).body.errors).toBeUndefined();
    const inProgress = await system.client(dcs).request<{ createProgressReport: { report: Report } }>(CREATE, {
      input: { indicatorId: documentIndicator.id, countyCode: '001', period, achievement: 'IN_PROGRESS' },
    });
    expect((await system.request(SUBMIT, { id: inProgress.createProgressReport.report.id }, dcs)).body.errors).toBeUndefined();
  });

  it('says how many counties stand where on a qualitative indicator, beside the national status one county carries', async () => {
    const indicator = (await planIndicators()).filter((i) => i.unit === 'DOCUMENT').at(-1)!;
    const period = { year: 2019, quarter: 1 };
    const reported: Array<[string, string, string | null]> = [
      ['047', 'ACHIEVED', 'Nairobi county policy, gazette notice 88 of 2019'],
      ['001', 'IN_PROGRESS', null],
      ['002', 'NOT_STARTED', null],
    ];
    for (const [countyCode, achievement, evidence] of reported)
      await approvedLine({ indicatorId: indicator.id, countyCode, period, achievement, ...(evidence ? { evidence } : {}) });
    const { body } = await system.request<{
      variance: Array<{
        countyCode: string | null;
        status: string;
        achievement: string | null;
        achievementCounts: Record<string, number> | null;
      }>;
    }>(
      `query($ids: [ID!], $period: ProgrammePeriodInput!) {
        variance(indicatorIds: $ids, countyCodes: ["001", "010"], national: true, period: $period) {
          countyCode status achievement achievementCounts { achieved inProgress notStarted notReported }
        }
      }`,
      { ids: [indicator.id], period },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!.variance).toEqual([
      {
        countyCode: '001',
        status: 'AT_RISK',
        achievement: 'IN_PROGRESS',
        achievementCounts: { achieved: 0, inProgress: 1, notStarted: 0, notReported: 0 },
      },
      {
        countyCode: '010',
        status: 'NO_DATA',
        achievement: null,
        achievementCounts: { achieved: 0, inProgress: 0, notStarted: 0, notReported: 1 },
      },
      {
        countyCode: null,
        status: 'ON_TRACK',
        achievement: 'ACHIEVED',
        achievementCounts: { achieved: 1, inProgress: 1, notStarted: 1, notReported: 44 },
      },
    ]);
    // A count has no achievements to count.
    const count = await system.request<{ variance: Array<{ achievementCounts: unknown }> }>(
      `query($ids: [ID!]) { variance(indicatorIds: $ids, countyCodes: ["047"], period: { year: 2019 }) { achievementCounts { achieved } } }`,
      { ids: [referredCases] },
    );
    expect(count.body.data!.variance).toEqual([{ achievementCounts: null }]);
  });

  it('names a filter that cannot match rather than answering it with nothing', async () => {
    for (const filter of ['{ countyCode: "47" }', '{ year: 1999 }', '{ quarter: 9 }']) {
      const { body } = await system.request(`{ progressReports(filter: ${filter}) { totalCount } }`);
      expect({ filter, code: body.errors?.[0].extensions?.code }).toEqual({ filter, code: 'BAD_USER_INPUT' });
    }
    // One alias's mistake is that alias's error; the others in the same batch are answered.
    const aliases = await system.request<{ agencies: { edges: Array<{ node: { good: { totalCount: number } | null; bad: unknown } }> } }>(
      `{ agencies(first: 2) { edges { node { good: progressReports(filter: { countyCode: "" }) { totalCount } bad: progressReports(filter: { quarter: 9 }) { totalCount } } } } }`,
    );
    expect(aliases.body.errors?.map((e) => [e.path?.at(-1), e.extensions?.code])).toEqual([
      ['bad', 'BAD_USER_INPUT'],
      ['bad', 'BAD_USER_INPUT'],
    ]);
    for (const edge of aliases.body.data!.agencies.edges) expect(edge.node.good?.totalCount).toEqual(expect.any(Number));
    // So is an id that is no id, or a cursor whose values are not a time and an id: each set of arguments is answered apart in the batch.
    const forged = Buffer.from(JSON.stringify(['yesterday', 'x'])).toString('base64url');
    // "1" parses as a JavaScript date (2001) and not as a PostgreSQL timestamp.
    const lenient = Buffer.from(JSON.stringify(['1', '00000000-0000-4000-8000-000000000001'])).toString('base64url');
    for (const bad of [`filter: { indicatorId: "x" }`, `filter: { agencyId: "x" }`, `after: "${forged}"`, `after: "${lenient}"`]) {
      const mixed = await system.request<{ agencies: { edges: Array<{ node: { good: { totalCount: number } | null } }> } }>(
        `{ agencies(first: 2) { edges { node { good: progressReports { totalCount } bad: progressReports(${bad}) { totalCount } } } } }`,
      );
      expect({ bad, errors: mixed.body.errors?.map((e) => [e.path?.at(-1), e.extensions?.code]) }).toEqual({
        bad,
        errors: [
          ['bad', 'BAD_USER_INPUT'],
          ['bad', 'BAD_USER_INPUT'],
        ],
      });
      for (const edge of mixed.body.data!.agencies.edges) expect(edge.node.good?.totalCount).toEqual(expect.any(Number));
    }
    const targets = await system.request(`{ programmeTargets(filter: { countyCode: "Nairobi" }) { totalCount } }`);
    expect(targets.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const plan = await system.request(`{ focusAreas(planCode: "NPA-TYPO") { code } }`);
    expect(plan.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'planCode' });
  });

  it('rejects bad variance arguments with BAD_USER_INPUT naming them', async () => {
    const county = await system.request(VARIANCE, { counties: ['099'], period: { year: 2021 } });
    expect(county.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'countyCode' });
    const year = await system.request(VARIANCE, { ids: [referredCases], period: { year: 2030 } });
    expect(year.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'period.year' });
    const targets = await system.request(`{ programmeTargets(filter: { indicatorId: "abc" }) { totalCount } }`, {}, nccs);
    expect(targets.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.indicatorId' });
  });
});
