import { readFileSync } from 'node:fs';
import { demoAgencyId, GATEWAY_SECRET_HEADER, Role, SQL_STATEMENTS_HEADER, startSubgraph, type StartedSubgraph } from '@kinga/shared';
import { createTestDatabase, postGraphql, TEST_SUBGRAPH_SECRET, testEnv, testToken, type TestDatabase } from '@kinga/shared/testing';
import { LEVEL_INDICATORS_SQL } from './migrations/1764400000000-indicator-aggregation';
import { aggregationOf, IndicatorAggregation, type IndicatorUnit } from './modules/framework/framework.enums';
import { loadFramework, NPA_FILE } from './modules/framework/framework.reference-data';
import { programmesSubgraph } from './programmes.subgraph';

const FINGERPRINT = `
  SELECT (SELECT count(*) FROM programmes.plan)::int AS plans,
         (SELECT count(*) FROM programmes.focus_area)::int AS focus_areas,
         (SELECT count(*) FROM programmes.objective)::int AS objectives,
         (SELECT count(*) FROM programmes.activity)::int AS activities,
         (SELECT count(*) FROM programmes.indicator)::int AS indicators,
         (SELECT count(*) FROM programmes.plan_agency)::int AS agencies,
         (SELECT sum(indicative_budget_kes) FROM programmes.objective)::text AS budget,
         (SELECT md5(string_agg(o::text, '|' ORDER BY o.id)) FROM programmes.objective o) AS objectives_hash,
         (SELECT md5(string_agg(i::text, '|' ORDER BY i.id)) FROM programmes.indicator i) AS indicators_hash`;

const nccs = testToken({ sub: 'nccs-1', name: 'NCCS M&E', role: Role.PROGRAMME_OFFICER, agencyId: demoAgencyId('NCCS'), counties: [] });
const dcs = testToken({ sub: 'dcs-1', name: 'DCS officer', role: Role.PROGRAMME_OFFICER, agencyId: demoAgencyId('DCS'), counties: [] });

describe('programmes subgraph (integration, real PostgreSQL or embedded)', () => {
  let database: TestDatabase;
  let subgraph: StartedSubgraph;

  beforeAll(async () => {
    database = await createTestDatabase();
    subgraph = await startSubgraph(programmesSubgraph, testEnv(database.url));
  });

  afterAll(async () => {
    await subgraph?.stop();
    await database?.drop();
  });

  it('loads the whole matrix from the file, and reloading changes nothing', async () => {
    const db = subgraph.database.dataSource;
    const [before] = await db.query(FINGERPRINT);
    expect(before).toMatchObject({
      plans: 1,
      focus_areas: 6,
      objectives: 32,
      activities: 118,
      indicators: 95,
      agencies: 55,
      budget: '5160500000',
    });
    await loadFramework(db);
    // A forced reload (as after a corrected file) upserts every row: still nothing changes.
    await db.query(`UPDATE programmes.plan SET source_sha256 = NULL`);
    await loadFramework(db);
    const [after] = await db.query(FINGERPRINT);
    expect(after).toEqual(before);
  });

  it("refuses a corrected file that would give an indicator's targets to another, and drops rows a file no longer has", async () => {
    const db = subgraph.database.dataSource;
    const shipped = readFileSync(NPA_FILE, 'utf8');
    type Objective = { code: string; activities: string[]; indicators: Array<{ name: string }>; indicativeBudgetKes: number | null };
    type File = { focusAreas: Array<{ objectives: Objective[] }> };
    const edited = (change: (file: File) => void) => {
      const file = JSON.parse(shipped) as File;
      change(file);
      return JSON.stringify(file);
    };
    const objective = (file: File, code: string) => file.focusAreas.flatMap((area) => area.objectives).find((o) => o.code === code)!;
    const [before] = await db.query(FINGERPRINT);

    // PROT-6/1 has a target; a file without it would give its place, and the target, to "No. of child protection strengthened".
    const [{ id }] = await db.query(
      `SELECT i.id FROM programmes.indicator i JOIN programmes.objective o ON o.id = i.objective_id WHERE o.code = 'PROT-6' AND i.position = 1`,
    );
    await db.query(`INSERT INTO programmes.target (indicator_id, period_year, target_value, set_by) VALUES ($1, 2020, 5, 'spec')`, [id]);
    try {
      const withoutIt = edited((file) => objective(file, 'PROT-6').indicators.shift());
      await expect(loadFramework(db, undefined, withoutIt)).rejects.toThrow(
        /not loaded.*PROT-6\/1 "No\. of child-friendly legal instruments developed and disseminated" \(COUNT\) would become "No\. of child protection strengthened" \(COUNT\)\. Move/,
      );
      expect((await db.query(FINGERPRINT))[0]).toEqual(before);
    } finally {
      await db.query(`DELETE FROM programmes.target WHERE set_by = 'spec'`);
    }

    // An objective merged into another (PREV-7, nothing entered against it) goes with its activities, indicators
    // and budget; the file as shipped brings them back under the same ids.
    const prev7 = objective(JSON.parse(shipped) as File, 'PREV-7');
    await loadFramework(
      db,
      undefined,
      edited((file) => file.focusAreas.forEach((area) => (area.objectives = area.objectives.filter((o) => o.code !== 'PREV-7')))),
    );
    const [merged] = await db.query(FINGERPRINT);
    expect(merged).toMatchObject({
      objectives: before.objectives - 1,
      activities: before.activities - prev7.activities.length,
      indicators: before.indicators - prev7.indicators.length,
      budget: String(Number(before.budget) - (prev7.indicativeBudgetKes ?? 0)),
    });
    await loadFramework(db, undefined, shipped);
    expect((await db.query(FINGERPRINT))[0]).toEqual(before);

    // A focus area renamed in the file takes its objectives with it; the old one is not left empty beside it.
    type Area = { code: string; name: string };
    const renamed = edited((file) => {
      const area = (file.focusAreas as unknown as Area[]).find((a) => a.code === 'PREVENTION')!;
      area.code = 'PREVENTION-RENAMED';
    });
    await loadFramework(db, undefined, renamed);
    const areas: Array<{ code: string; objectives: number }> = await db.query(
      `SELECT f.code, (SELECT count(*)::int FROM programmes.objective o WHERE o.focus_area_id = f.id) AS objectives FROM programmes.focus_area f ORDER BY f.position`,
    );
    expect(areas.map((a) => a.code)).toContain('PREVENTION-RENAMED');
    expect(areas.map((a) => a.code)).not.toContain('PREVENTION');
    expect(areas.filter((a) => a.code === 'PREVENTION-RENAMED')[0].objectives).toBeGreaterThan(0);
    await loadFramework(db, undefined, shipped);
    expect((await db.query(FINGERPRINT))[0]).toEqual(before);
  });

  it("marks as LEVEL the counts of things that stand, and the migration's SQL picks the same ones as the load", async () => {
    const rows: Array<{ name: string; unit: IndicatorUnit; aggregation: IndicatorAggregation; level: boolean }> =
      await subgraph.database.dataSource.query(
        `SELECT name, unit, aggregation, (${LEVEL_INDICATORS_SQL}) AS level FROM programmes.indicator ORDER BY objective_id, position`,
      );
    const levels = rows.filter((r) => r.aggregation === IndicatorAggregation.LEVEL).map((r) => r.name);
    expect(levels.sort()).toEqual(
      [
        'Forty seven (47) functional child protection centres',
        'No. of active child rights clubs per county',
        'No. of child protection workers using the manuals per county',
        'No. of counties having at least one adequate and operational safe house',
        'No. of counties with budgets on socio-economic support to vulnerable households',
        'No. of county governments implementing the NPA against SEC',
        'No. of functional child friendly units established',
        'No. of functional child protection structures',
        'No. of functional child rights clubs',
        'No. of schools with a counselling psychologist',
      ].sort(),
    );
    for (const row of rows) {
      expect({ name: row.name, sql: row.level, code: row.aggregation }).toEqual({
        name: row.name,
        sql: aggregationOf(row.name, row.unit) === IndicatorAggregation.LEVEL,
        code: aggregationOf(row.name, row.unit),
      });
    }
  });

  it('names the field of invalid report input', async () => {
    const { body: framework } = await postGraphql<{
      focusAreas: Array<{ objectives: Array<{ code: string; indicators: Array<{ id: string; unit: string }> }> }>;
    }>(subgraph.url, `{ focusAreas { objectives { code indicators { id unit } } } }`);
    const indicators = framework.data!.focusAreas.flatMap((f) => f.objectives.flatMap((o) => o.indicators));
    const count = indicators.find((i) => i.unit === 'COUNT')!.id;
    const percent = indicators.find((i) => i.unit === 'PERCENT')!.id;
    const mutation = `mutation($input: CreateProgressReportInput!) { createProgressReport(input: $input) { report { id } } }`;
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ indicatorId: count, countyCode: '047', period: { year: 2021, quarter: 1 }, actualValue: -1 }, 'input.actualValue'],
      [{ indicatorId: count, countyCode: '047', period: { year: 2021, quarter: 1 }, actualValue: 2.5 }, 'input.actualValue'],
      [{ indicatorId: percent, countyCode: '047', period: { year: 2021, quarter: 1 }, actualValue: 101 }, 'input.actualValue'],
      [{ indicatorId: count, countyCode: '048', period: { year: 2021, quarter: 1 }, actualValue: 1 }, 'input.countyCode'],
      [{ indicatorId: count, countyCode: '047', period: { year: 2017, quarter: 4 }, actualValue: 1 }, 'input.period.year'],
      [{ indicatorId: count, countyCode: '047', period: { year: 2023, quarter: 1 }, actualValue: 1 }, 'input.period.year'],
      [{ indicatorId: count, countyCode: '047', period: { year: 2021, quarter: 5 }, actualValue: 1 }, 'input.period.quarter'],
      [{ indicatorId: count, countyCode: '047', period: { year: 2021 }, actualValue: 1 }, 'input.period.quarter'],
      [{ indicatorId: count, countyCode: '047', period: { year: 2021, quarter: 1 }, spendKes: -5 }, 'input.spendKes'],
      [{ indicatorId: '00000000-0000-4000-8000-000000000000', countyCode: '047', period: { year: 2021, quarter: 1 } }, 'input.indicatorId'],
    ];
    for (const [input, field] of cases) {
      const { body } = await postGraphql(subgraph.url, mutation, { input }, { token: dcs });
      expect({ field, error: body.errors?.[0].extensions }).toEqual({
        field,
        error: expect.objectContaining({ code: 'BAD_USER_INPUT', field }),
      });
    }
    // A percentage goes to NCCS with the number it is of, or the national figure could not weigh it.
    const draft = await postGraphql<{ createProgressReport: { report: { id: string } } }>(
      subgraph.url,
      mutation,
      { input: { indicatorId: percent, countyCode: '047', period: { year: 2021, quarter: 2 }, actualValue: 40 } },
      { token: dcs },
    );
    const id = draft.body.data!.createProgressReport.report.id;
    const submit = `mutation($id: ID!) { submitProgressReport(input: { id: $id }) { report { status } } }`;
    const without = await postGraphql(subgraph.url, submit, { id }, { token: dcs });
    expect(without.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'denominator' });
    const { body: read } = await postGraphql<{ progressReport: { updatedAt: string } }>(
      subgraph.url,
      `query($id: ID!) { progressReport(id: $id) { updatedAt } }`,
      { id },
      { token: dcs },
    );
    const given = await postGraphql(
      subgraph.url,
      `mutation($input: UpdateProgressReportInput!) { updateProgressReport(input: $input) { report { id } } }`,
      { input: { id, expectedUpdatedAt: read.data!.progressReport.updatedAt, denominator: 250 } },
      { token: dcs },
    );
    expect(given.body.errors).toBeUndefined();
    const withIt = await postGraphql<{ submitProgressReport: { report: { status: string } } }>(
      subgraph.url,
      submit,
      { id },
      { token: dcs },
    );
    expect(withIt.body.data?.submitProgressReport.report.status).toBe('SUBMITTED');
  });

  it('lets only NCCS programme officers set targets, with checked values', async () => {
    const { body: framework } = await postGraphql<{
      focusAreas: Array<{ objectives: Array<{ indicators: Array<{ id: string; unit: string }> }> }>;
    }>(subgraph.url, `{ focusAreas { objectives { indicators { id unit } } } }`);
    const indicators = framework.data!.focusAreas.flatMap((f) => f.objectives.flatMap((o) => o.indicators));
    const count = indicators.find((i) => i.unit === 'COUNT')!.id;
    const document = indicators.find((i) => i.unit === 'DOCUMENT')!.id;
    const mutation = `mutation($input: SetProgrammeTargetInput!) { setProgrammeTarget(input: $input) { target { id targetValue countyCode period { year quarter } } } }`;
    const input = { indicatorId: count, countyCode: '047', period: { year: 2021 }, targetValue: 100, baseline: 40 };
    const denied = await postGraphql(subgraph.url, mutation, { input }, { token: dcs });
    expect(denied.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const anonymous = await postGraphql(subgraph.url, mutation, { input });
    expect(anonymous.body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const first = await postGraphql<{ setProgrammeTarget: { target: { id: string; targetValue: number } } }>(
      subgraph.url,
      mutation,
      { input },
      { token: nccs },
    );
    expect(first.body.errors).toBeUndefined();
    const again = await postGraphql<{ setProgrammeTarget: { target: { id: string; targetValue: number } } }>(
      subgraph.url,
      mutation,
      { input: { ...input, targetValue: 120 } },
      { token: nccs },
    );
    expect(again.body.data?.setProgrammeTarget.target).toEqual({ ...first.body.data?.setProgrammeTarget.target, targetValue: 120 });
    // Set from a copy read before another officer's change: refused, and the target stays as they left it.
    const READ = `query { programmeTargets(filter: { countyCode: "047", year: 2021 }) { edges { node { targetValue setAt } } } }`;
    const read = async () =>
      (
        await postGraphql<{ programmeTargets: { edges: Array<{ node: { targetValue: number; setAt: string } }> } }>(
          subgraph.url,
          READ,
          {},
          { token: nccs },
        )
      ).body.data!.programmeTargets.edges.map((e) => e.node);
    const [asRead] = await read();
    const setAs = (token: string, changes: Record<string, unknown>) =>
      postGraphql(subgraph.url, mutation, { input: { ...input, ...changes } }, { token });
    const otherOfficer = testToken({
      sub: 'nccs-2',
      name: 'NCCS M&E 2',
      role: Role.PROGRAMME_OFFICER,
      agencyId: demoAgencyId('NCCS'),
      counties: [],
    });
    expect((await setAs(nccs, { targetValue: 130, expectedSetAt: asRead.setAt })).body.errors).toBeUndefined();
    const stale = await setAs(nccs, { targetValue: 90, expectedSetAt: asRead.setAt });
    expect(stale.body.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentUpdatedAt: expect.any(String) });
    expect((await read()).map((t) => t.targetValue)).toEqual([130]);
    // The officer's own setting sent again (its answer lost) is answered with it; the same figure sent by another
    // officer from the same stale copy is not theirs, and is refused.
    expect((await setAs(nccs, { targetValue: 130, expectedSetAt: asRead.setAt })).body.errors).toBeUndefined();
    const notTheirs = await setAs(otherOfficer, { targetValue: 130, expectedSetAt: asRead.setAt });
    expect(notTheirs.body.errors?.[0].extensions?.code).toBe('CONFLICT');
    // Read as absent (null): set where none was, refused where one has been set since.
    const none = { period: { year: 2022 }, expectedSetAt: null };
    expect((await setAs(nccs, none)).body.errors).toBeUndefined();
    expect((await setAs(nccs, { ...none, targetValue: 1 })).body.errors?.[0].extensions?.code).toBe('CONFLICT');
    const bad = await postGraphql(subgraph.url, mutation, { input: { ...input, indicatorId: document } }, { token: nccs });
    expect(bad.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.indicatorId' });
    const negative = await postGraphql(subgraph.url, mutation, { input: { ...input, targetValue: -1 } }, { token: nccs });
    expect(negative.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.targetValue' });
    const county = await postGraphql(subgraph.url, mutation, { input: { ...input, countyCode: '048' } }, { token: nccs });
    expect(county.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.countyCode' });
  });

  /** A count of things, not of counties (which takes 0 or 1 from a county). */
  const countIndicatorId = async () => {
    const { body } = await postGraphql<{
      focusAreas: Array<{ objectives: Array<{ indicators: Array<{ id: string; unit: string; name: string }> }> }>;
    }>(subgraph.url, `{ focusAreas { objectives { indicators { id unit name } } } }`);
    return body
      .data!.focusAreas.flatMap((f) => f.objectives.flatMap((o) => o.indicators))
      .find((i) => i.unit === 'COUNT' && !/ of (counties|county governments) /i.test(i.name))!.id;
  };

  it('refuses a statuses filter that names nothing, which would read as every status', async () => {
    const empty = await postGraphql(subgraph.url, `{ progressReports(filter: { statuses: [] }) { totalCount } }`, {}, { token: dcs });
    expect(empty.body.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'filter.statuses' });
    const named = await postGraphql(subgraph.url, `{ progressReports(filter: { statuses: [DRAFT] }) { totalCount } }`, {}, { token: dcs });
    expect(named.body.errors).toBeUndefined();
  });

  it('keeps one report line per agency, indicator, county and quarter, even when two requests race', async () => {
    const indicatorId = await countIndicatorId();
    const mutation = `mutation($input: CreateProgressReportInput!) { createProgressReport(input: $input) { report { id } } }`;
    const input = { indicatorId, countyCode: '030', period: { year: 2019, quarter: 3 }, actualValue: 4 };
    const results = await Promise.all([1, 2].map(() => postGraphql(subgraph.url, mutation, { input }, { token: dcs })));
    const codes = results.map((r) => r.body.errors?.[0].extensions?.code ?? 'OK').sort();
    expect(codes).toEqual(['CONFLICT', 'OK']);
    // Sent again, it names the line to update instead, which passes the error masking.
    const created = results.find((r) => !r.body.errors) as { body: { data?: { createProgressReport: { report: { id: string } } } } };
    const again = await postGraphql(subgraph.url, mutation, { input }, { token: dcs });
    expect(again.body.errors?.[0].extensions).toEqual({ code: 'CONFLICT', lineageId: created.body.data!.createProgressReport.report.id });
  });

  it('lets one of two officers acting on the same copy of a report change it, and dates changes in the order they were made', async () => {
    const indicatorId = await countIndicatorId();
    /** A new draft line of this indicator, as its creator read it. */
    const draft = async (countyCode: string, quarter: number, actualValue: number) =>
      (
        await postGraphql<{ createProgressReport: { report: { id: string; updatedAt: string } } }>(
          subgraph.url,
          `mutation($input: CreateProgressReportInput!) { createProgressReport(input: $input) { report { id updatedAt } } }`,
          { input: { indicatorId, countyCode, period: { year: 2020, quarter }, actualValue } },
          { token: dcs },
        )
      ).body.data!.createProgressReport.report;
    const { id, updatedAt } = await draft('031', 2, 10);
    const colleague = testToken({
      sub: 'dcs-2',
      name: 'Another DCS officer',
      role: Role.PROGRAMME_OFFICER,
      agencyId: demoAgencyId('DCS'),
      counties: [],
    });
    const UPDATE = `mutation($input: UpdateProgressReportInput!) { updateProgressReport(input: $input) { report { actualValue } } }`;
    const SUBMIT = `mutation($input: ProgressReportIdInput!) { submitProgressReport(input: $input) { report { status actualValue } } }`;
    // Both read the report at `updatedAt`: one corrects the figure while the other submits the copy they read.
    const [corrected, submitted] = await Promise.all([
      postGraphql<{ updateProgressReport: { report: { actualValue: number } } }>(
        subgraph.url,
        UPDATE,
        { input: { id, expectedUpdatedAt: updatedAt, actualValue: 12 } },
        { token: colleague },
      ),
      postGraphql<{ submitProgressReport: { report: { status: string; actualValue: number } } }>(
        subgraph.url,
        SUBMIT,
        { input: { id, expectedUpdatedAt: updatedAt } },
        { token: dcs },
      ),
    ]);
    const outcomes = [corrected, submitted].map((r) => r.body.errors?.[0].extensions?.code ?? 'OK');
    expect(outcomes.sort()).toEqual(['CONFLICT', 'OK']);
    const loser = [corrected, submitted].find((r) => r.body.errors)!;
    expect(loser.body.errors?.[0].extensions?.currentUpdatedAt).toEqual(expect.any(String));
    const [stored] = await subgraph.database.dataSource.query(
      `SELECT status, actual_value::float AS "actualValue" FROM programmes.progress_report WHERE id = $1`,
      [id],
    );
    // Whichever won, the report holds what its winner saw: submitted at 10, or a draft at 12.
    expect([
      { status: 'SUBMITTED', actualValue: 10 },
      { status: 'DRAFT', actualValue: 12 },
    ]).toContainEqual(stored);
    // The race has two orders; each is also driven on its own. The submit first: the correction of the copy read
    // before is refused because the report is no longer a draft, and is told the copy it is now.
    const copy = await draft('033', 1, 10);
    expect(
      (await postGraphql(subgraph.url, SUBMIT, { input: { id: copy.id, expectedUpdatedAt: copy.updatedAt } }, { token: dcs })).body.errors,
    ).toBeUndefined();
    const late = await postGraphql(
      subgraph.url,
      UPDATE,
      { input: { id: copy.id, expectedUpdatedAt: copy.updatedAt, actualValue: 12 } },
      { token: colleague },
    );
    expect(late.body.errors?.[0].extensions).toEqual({ code: 'CONFLICT', status: 'SUBMITTED', currentUpdatedAt: expect.any(String) });
    // The correction first: the submit of the copy read before is refused as stale.
    const read = await draft('034', 1, 10);
    expect(
      (
        await postGraphql(
          subgraph.url,
          UPDATE,
          { input: { id: read.id, expectedUpdatedAt: read.updatedAt, actualValue: 12 } },
          { token: colleague },
        )
      ).body.errors,
    ).toBeUndefined();
    const stale = await postGraphql(subgraph.url, SUBMIT, { input: { id: read.id, expectedUpdatedAt: read.updatedAt } }, { token: dcs });
    expect(stale.body.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentUpdatedAt: expect.any(String) });
    // Five officers changing one draft at once, each without a copy to name: every change lands, one after
    // another, and the history reads in the order they were made: its last change is the one the report holds.
    const { id: draftId } = await draft('032', 2, 20);
    const officers = [21, 22, 23, 24, 25].map((actualValue) => ({
      actualValue,
      sub: `dcs-officer-${actualValue}`,
    }));
    const changes = await Promise.all(
      officers.map(({ actualValue, sub }) =>
        postGraphql(
          subgraph.url,
          UPDATE,
          { input: { id: draftId, actualValue } },
          { token: testToken({ sub, name: sub, role: Role.PROGRAMME_OFFICER, agencyId: demoAgencyId('DCS'), counties: [] }) },
        ),
      ),
    );
    expect(changes.map((r) => r.body.errors)).toEqual([undefined, undefined, undefined, undefined, undefined]);
    const [held] = await subgraph.database.dataSource.query(
      `SELECT actual_value::float AS "actualValue", updated_at AS "updatedAt" FROM programmes.progress_report WHERE id = $1`,
      [draftId],
    );
    const history: Array<{ actor: string; at: Date }> = await subgraph.database.dataSource.query(
      `SELECT actor, at FROM programmes.progress_report_event WHERE report_id = $1 AND action = 'UPDATED' ORDER BY at, seq`,
      [draftId],
    );
    expect(history).toHaveLength(5);
    expect(history.at(-1)!.actor).toBe(officers.find((o) => o.actualValue === held.actualValue)!.sub);
    expect(history.at(-1)!.at.getTime()).toBe(held.updatedAt.getTime());
  });

  it('resolves County.indicatorProgress for many counties in as many SQL statements as for one', async () => {
    const statements = async (codes: string[], planCode: string | null) => {
      const response = await fetch(subgraph.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [GATEWAY_SECRET_HEADER]: TEST_SUBGRAPH_SECRET },
        body: JSON.stringify({
          query: `query($representations: [_Any!]!, $planCode: String) { _entities(representations: $representations) {
            ... on County { code indicatorProgress(period: { year: 2021 }, planCode: $planCode) { countyCode status } } } }`,
          variables: { representations: codes.map((code) => ({ __typename: 'County', code })), planCode },
        }),
      });
      const body = (await response.json()) as {
        data?: { _entities: Array<{ code: string; indicatorProgress: Array<{ countyCode: string }> }> };
        errors?: unknown[];
      };
      expect(body.errors).toBeUndefined();
      expect(body.data?._entities.map((county) => county.indicatorProgress.length)).toEqual(codes.map(() => 95));
      expect(body.data?._entities.map((county) => county.indicatorProgress[0].countyCode)).toEqual(codes);
      return Number(response.headers.get(SQL_STATEMENTS_HEADER));
    };
    const several = ['001', '030', '047', '012', '022'];
    // The current plan (no planCode) and a named one go through the plan loader alike.
    for (const planCode of [null, 'NPA-SEC-2018-2022']) {
      const one = await statements(['047'], planCode);
      expect(one).toBeGreaterThan(0);
      expect(await statements(several, planCode)).toBe(one);
    }
  });

  it('reads a less-is-better indicator the other way: cases brought below the target are on track', async () => {
    type Framework = { focusAreas: Array<{ objectives: Array<{ indicators: Array<{ id: string; name: string; direction: string }> }> }> };
    const { body } = await postGraphql<Framework>(subgraph.url, `{ focusAreas { objectives { indicators { id name direction } } } }`);
    const indicators = body.data!.focusAreas.flatMap((f) => f.objectives.flatMap((o) => o.indicators));
    const emergencies = indicators.find((i) => i.name === 'Decreased number of SEC cases during emergencies')!;
    expect(emergencies.direction).toBe('DECREASE');
    expect(indicators.find((i) => i.name.startsWith('No. of males engaged in reducing'))!.direction).toBe('INCREASE');
    expect(indicators.filter((i) => i.direction === 'DECREASE')).toHaveLength(4);

    const setTarget = `mutation($input: SetProgrammeTargetInput!) { setProgrammeTarget(input: $input) { target { id } } }`;
    const db = subgraph.database.dataSource;
    for (const [countyCode, actual] of [
      ['030', 40],
      ['029', 90],
    ] as const) {
      const target = await postGraphql(
        subgraph.url,
        setTarget,
        { input: { indicatorId: emergencies.id, countyCode, period: { year: 2021, quarter: 1 }, targetValue: 50 } },
        { token: nccs },
      );
      expect(target.body.errors).toBeUndefined();
      await db.query(
        `INSERT INTO programmes.progress_report (lineage_id, version, indicator_id, agency_id, county_code, period_year, period_quarter, actual_value, status, created_by)
         VALUES (gen_random_uuid(), 1, $1, $2, $3, 2021, 1, $4, 'APPROVED', 'test')`,
        [emergencies.id, demoAgencyId('DCS'), countyCode, actual],
      );
    }
    const { body: variance } = await postGraphql<{
      variance: Array<{ countyCode: string; actual: number; absoluteVariance: number; status: string }>;
    }>(
      subgraph.url,
      `query($ids: [ID!]) { variance(period: { year: 2021, quarter: 1 }, indicatorIds: $ids, countyCodes: ["029", "030"]) { countyCode actual absoluteVariance status } }`,
      { ids: [emergencies.id] },
      { token: nccs },
    );
    expect(variance.errors).toBeUndefined();
    expect(variance.data!.variance).toEqual([
      { countyCode: '029', actual: 90, absoluteVariance: 40, status: 'OFF_TRACK' },
      { countyCode: '030', actual: 40, absoluteVariance: -10, status: 'ON_TRACK' },
    ]);
  });

  it('refuses, in the database itself, to change an approved report', async () => {
    const db = subgraph.database.dataSource;
    const [indicator] = await db.query(`SELECT id FROM programmes.indicator WHERE unit = 'COUNT' LIMIT 1`);
    const [row] = await db.query(
      `INSERT INTO programmes.progress_report (lineage_id, version, indicator_id, agency_id, county_code, period_year, period_quarter, actual_value, status, created_by)
       VALUES (gen_random_uuid(), 1, $1, $2, '031', 2019, 1, 3, 'APPROVED', 'test') RETURNING id`,
      [indicator.id, demoAgencyId('DCS')],
    );
    await expect(db.query(`UPDATE programmes.progress_report SET actual_value = 4 WHERE id = $1`, [row.id])).rejects.toThrow(
      /never changed/,
    );
    await expect(db.query(`DELETE FROM programmes.progress_report WHERE id = $1`, [row.id])).rejects.toThrow(/never changed/);
  });
});
