import { kenyanDate } from '@kinga/shared';
import { CHILD_INPUT, must, OFFICER } from '../cases/fixtures';
import { startSystem, type KingaSystem } from '../harness/start-system';

interface IndicatorRow {
  id: string;
  name: string;
  liveMetric: string | null;
  cases2025Nairobi: number | null;
  casesNational2025: number | null;
  referredThisYear: number | null;
}

const LIVE_INDICATORS = `query Live($year: Int!) {
  focusAreas { objectives { indicators {
    id name liveMetric
    cases2025Nairobi: observedCaseCount(year: 2025, countyCode: "047")
    casesNational2025: observedCaseCount(year: 2025)
    referredThisYear: observedReferralCount(year: $year)
  } } }
}`;

describe('live NPA indicators: reported and observed side by side', () => {
  let system: KingaSystem;
  let indicators: IndicatorRow[];
  // The year in Kenya, which the system counts by (a UTC year is a day behind for three hours a year).
  const thisYear = Number(kenyanDate().slice(0, 4));

  beforeAll(async () => {
    system = await startSystem({ demoData: true });
    const result = await system
      .client()
      .request<{ focusAreas: Array<{ objectives: Array<{ indicators: IndicatorRow[] }> }> }>(LIVE_INDICATORS, { year: thisYear });
    indicators = result.focusAreas.flatMap((area) => area.objectives.flatMap((objective) => objective.indicators));
  });
  afterAll(() => system?.stop());

  it('gives SEC case counts from the cases records to the indicators linked to them, anonymously', async () => {
    const sec = indicators.filter((i) => i.liveMetric === 'SEC_CASES_REPORTED');
    expect(sec.length).toBeGreaterThan(0);
    const [{ count }] = await system.subgraphs.cases!.database.dataSource.query(
      `SELECT count(*)::int AS count FROM cases."case" WHERE county_code = '047' AND opened_on >= '2025-01-01' AND opened_on < '2026-01-01'
         AND categories && ARRAY['SEXUAL_ABUSE','DEFILEMENT','COMMERCIAL_SEXUAL_EXPLOITATION','ONLINE_SEXUAL_EXPLOITATION','CHILD_TRAFFICKING','CHILD_MARRIAGE','EXPLOITATION_IN_TRAVEL_AND_TOURISM','CHILD_PORNOGRAPHY']`,
    );
    expect(count).toBeGreaterThanOrEqual(5);
    for (const indicator of sec) {
      expect(indicator.cases2025Nairobi).toBe(count);
      expect(indicator.casesNational2025).toBeGreaterThanOrEqual(count);
      expect(indicator.referredThisYear).toBeNull(); // another metric's indicator
    }
  });

  it('gives counts of referred cases from the referrals records, suppressed below 5', async () => {
    const referred = indicators.filter((i) => i.liveMetric === 'CASES_REFERRED');
    expect(referred.length).toBeGreaterThan(0);
    for (const indicator of referred) expect(indicator.cases2025Nairobi).toBeNull();
    const referrals = system.subgraphs.referrals!.database.dataSource;
    const casesReferredIn = async (year: number): Promise<number> => {
      const [{ count }] = await referrals.query(
        `SELECT count(DISTINCT case_id)::int AS count FROM referrals.referral
          WHERE created_at >= make_timestamptz($1, 1, 1, 0, 0, 0, 'Africa/Nairobi') AND created_at < make_timestamptz($1 + 1, 1, 1, 0, 0, 0, 'Africa/Nairobi')`,
        [year],
      );
      return count as number;
    };
    const observedIn = async (year: number) => {
      const answer = await system
        .client()
        .request<{ focusAreas: Array<{ objectives: Array<{ indicators: Array<{ id: string; referred: number | null }> }> }> }>(
          `query($y: Int!) { focusAreas { objectives { indicators { id referred: observedReferralCount(year: $y) } } } }`,
          { y: year },
        );
      const byId = new Map(answer.focusAreas.flatMap((a) => a.objectives.flatMap((o) => o.indicators)).map((i) => [i.id, i.referred]));
      return referred.map((indicator) => byId.get(indicator.id));
    };

    // Published: the demo year with the most referred cases (this one, or last year early in January).
    const demoYear = (await casesReferredIn(thisYear)) >= 5 ? thisYear : thisYear - 1;
    const published = await casesReferredIn(demoYear);
    expect(published).toBeGreaterThanOrEqual(5);
    expect(await observedIn(demoYear)).toEqual(referred.map(() => published));

    // Hidden: three referred cases in a year the demo data leaves empty (copies of a demo referral, each for a
    // case of its own, as if sent in March 2021).
    const EMPTY_YEAR = 2021;
    expect(await casesReferredIn(EMPTY_YEAR)).toBe(0);
    // Copied as just sent: a status copied without its stamps is a row the database refuses.
    const copied = `case_owner_agency_id, case_county, from_provider_id, from_agency_id, from_agency_type, to_provider_id, to_agency_id,
      to_agency_type, service_requested, urgency, reason, consent_reference, created_by, acknowledge_by, start_by`;
    for (const day of [1, 2, 3]) {
      await referrals.query(
        `INSERT INTO referrals.referral (reference, idempotency_key, case_id, created_at, updated_at, status, version, ${copied})
         SELECT $1, $1, gen_random_uuid(), $2::timestamptz, $2::timestamptz, 'SENT', 1, ${copied} FROM referrals.referral ORDER BY reference LIMIT 1`,
        [`KE-047-${EMPTY_YEAR}-90000${day}`, `${EMPTY_YEAR}-03-0${day}T09:00:00+03:00`],
      );
    }
    expect(await casesReferredIn(EMPTY_YEAR)).toBe(3);
    expect(await observedIn(EMPTY_YEAR)).toEqual(referred.map(() => null));
  });

  it('counts a referral sent in the first hours of 1 January, Nairobi time, in its own year', async () => {
    const referrals = system.subgraphs.referrals!.database.dataSource;
    const referredIn = async (year: number) => {
      const answer = await system.client().request<{
        focusAreas: Array<{ objectives: Array<{ indicators: Array<{ liveMetric: string | null; referred: number | null }> }> }>;
      }>(`query($y: Int!) { focusAreas { objectives { indicators { liveMetric referred: observedReferralCount(year: $y) } } } }`, {
        y: year,
      });
      const indicator = answer.focusAreas
        .flatMap((a) => a.objectives.flatMap((o) => o.indicators))
        .find((i) => i.liveMetric === 'CASES_REFERRED');
      return indicator?.referred;
    };
    // No referral in either year: nothing to hide, so zero is published.
    expect(await referredIn(2019)).toBe(0);
    expect(await referredIn(2020)).toBe(0);
    // Five cases referred at 01:00 on 1 January 2020 in Nairobi: 22:00 UTC on the last day of 2019.
    // Copied as just sent: a status copied without its stamps is a row the database refuses.
    const copied = `case_owner_agency_id, case_county, from_provider_id, from_agency_id, from_agency_type, to_provider_id, to_agency_id,
      to_agency_type, service_requested, urgency, reason, consent_reference, created_by, acknowledge_by, start_by`;
    for (const n of [1, 2, 3, 4, 5]) {
      await referrals.query(
        `INSERT INTO referrals.referral (reference, idempotency_key, case_id, created_at, updated_at, status, version, ${copied})
         SELECT $1, $1, gen_random_uuid(), $2::timestamptz, $2::timestamptz, 'SENT', 1, ${copied} FROM referrals.referral ORDER BY reference LIMIT 1`,
        [`KE-047-2020-80000${n}`, '2020-01-01T01:00:00+03:00'],
      );
    }
    expect(await referredIn(2020)).toBe(5);
    expect(await referredIn(2019)).toBe(0);
  });

  it("gives a county's quarters as one table with its year: each true where published, and never one hidden quarter alone", async () => {
    // A year the demo data leaves empty, given three cases in its first quarter and six in its second through
    // the gateway: the first is below the threshold, so the hidden side is always checked.
    const YEAR = 2022;
    const open = (openedOn: string) =>
      must(system, OFFICER, `mutation Open($input: OpenCaseInput!) { openCase(input: $input) { case { id } } }`, {
        // Born well before these 2022 cases, whatever year the tests run.
        input: {
          countyCode: '047',
          categories: ['DEFILEMENT'],
          riskLevel: 'HIGH',
          child: { ...CHILD_INPUT, dateOfBirth: '2014-03-09' },
          openedOn,
        },
      });
    for (const day of ['02-01', '02-02', '02-03']) await open(`${YEAR}-${day}`);
    for (const day of ['05-01', '05-02', '05-03', '05-04', '05-05', '05-06']) await open(`${YEAR}-${day}`);

    const secIndicator = indicators.find((i) => i.liveMetric === 'SEC_CASES_REPORTED')!;
    type Row = { id: string; year: number | null; q1: number | null; q2: number | null; q3: number | null; q4: number | null };
    const answer = await system.client().request<{ focusAreas: Array<{ objectives: Array<{ indicators: Row[] }> }> }>(
      `query($y: Int!) { focusAreas { objectives { indicators { id year: observedCaseCount(year: $y, countyCode: "047")
        q1: observedCaseCount(year: $y, quarter: 1, countyCode: "047") q2: observedCaseCount(year: $y, quarter: 2, countyCode: "047")
        q3: observedCaseCount(year: $y, quarter: 3, countyCode: "047") q4: observedCaseCount(year: $y, quarter: 4, countyCode: "047") } } } }`,
      { y: YEAR },
    );
    const row = answer.focusAreas.flatMap((a) => a.objectives.flatMap((o) => o.indicators)).find((r) => r.id === secIndicator.id)!;
    const truth: Array<{ quarter: number; count: number }> = await system.subgraphs.cases!.database.dataSource.query(
      `SELECT q AS quarter, (SELECT count(*)::int FROM cases."case" WHERE county_code = '047' AND opened_on >= make_date($1, 1, 1)
          AND opened_on < make_date($1 + 1, 1, 1) AND extract(quarter FROM opened_on) = q
          AND categories && ARRAY['SEXUAL_ABUSE','DEFILEMENT','COMMERCIAL_SEXUAL_EXPLOITATION','ONLINE_SEXUAL_EXPLOITATION','CHILD_TRAFFICKING','CHILD_MARRIAGE','EXPLOITATION_IN_TRAVEL_AND_TOURISM','CHILD_PORNOGRAPHY']) AS count
         FROM generate_series(1, 4) AS q ORDER BY q`,
      [YEAR],
    );
    expect(truth.some(({ count }) => count > 0 && count < 5)).toBe(true);
    const yearCount = truth.reduce((sum, { count }) => sum + count, 0);
    expect(row.year).toBe(yearCount);
    const published = [row.q1, row.q2, row.q3, row.q4];
    published.forEach((value, index) => {
      const count = truth[index].count;
      if (value !== null) expect(value).toBe(count);
      if (count > 0 && count < 5) expect(value).toBeNull();
    });
    // Never one hidden quarter alone, and what the published year leaves to the hidden ones is never below 5.
    expect(published.filter((value) => value === null).length).toBeGreaterThanOrEqual(2);
    expect(yearCount - published.reduce((sum: number, v) => sum + (v ?? 0), 0)).toBeGreaterThanOrEqual(5);
  });

  it('leaves indicators without a live metric without observed values', () => {
    const plain = indicators.filter((i) => i.liveMetric === null);
    expect(plain.length).toBeGreaterThan(80);
    for (const indicator of plain) expect([indicator.cases2025Nairobi, indicator.referredThisYear]).toEqual([null, null]);
  });

  it('refuses an unknown county with BAD_USER_INPUT', async () => {
    const { body } = await system.request(
      `{ focusAreas { objectives { indicators { observedCaseCount(year: 2025, countyCode: "099") } } } }`,
    );
    expect(body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'countyCode' });
  });
});
