import { DEMO_CALLERS, demoAgencyId, GATEWAY_SECRET_HEADER, Role, SQL_STATEMENTS_HEADER, type CallerClaims } from '@kinga/shared';
import { TEST_SUBGRAPH_SECRET } from '@kinga/shared/testing';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { startSystem, type KingaSystem } from '../harness/start-system';

/**
 * `npm run seed:scale` at a small size, into a fresh database the whole system then serves: the synthetic data
 * must be coherent enough for every role the benchmarks use to find what they look for through the gateway.
 */
const SCRIPT = join(__dirname, '..', '..', '..', 'scripts', 'seed-scale', 'index.mjs');
const CASES = 2000;
const NCCS_AGENCY_ID = demoAgencyId('NCCS');

interface SeedRun {
  code: number;
  stdout: string;
  stderr: string;
}

function seed(databaseUrl: string, ...args: string[]): Promise<SeedRun> {
  // The embedded PostgreSQL serves one session at a time.
  const connections = process.env.DATABASE_URL ? [] : ['--connections', '1'];
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [SCRIPT, '--database-url', databaseUrl, '--quiet', ...connections, ...args],
      { timeout: 120_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('seed:scale', () => {
  let system: KingaSystem;
  let db: Client;
  let summary: { cases: number; counts: Record<string, number> };

  beforeAll(async () => {
    system = await startSystem({ demoData: true });
    const run = await seed(system.databaseUrl, '--cases', String(CASES));
    if (run.code !== 0) throw new Error(`seed:scale failed (${run.code}): ${run.stderr}`);
    summary = JSON.parse(run.stdout.trim().split('\n').pop() as string);
    db = new Client({ connectionString: system.databaseUrl });
    await db.connect();
  }, 180_000);

  afterAll(async () => {
    await db?.end();
    await system?.stop();
  });

  it('writes every table the cases and referrals schemas need, about two referrals per case', () => {
    expect(summary.counts['cases.case']).toBe(CASES);
    expect(summary.counts['cases.child']).toBe(CASES);
    expect(summary.counts['cases.consent']).toBeGreaterThanOrEqual(CASES);
    expect(summary.counts['cases.caregiver']).toBeGreaterThanOrEqual(CASES);
    expect(summary.counts['cases.case_note']).toBeGreaterThanOrEqual(CASES);
    expect(summary.counts['referrals.referral']).toBeGreaterThan(CASES * 1.8);
    expect(summary.counts['referrals.referral']).toBeLessThan(CASES * 2.2);
    expect(summary.counts['referrals.referral_event']).toBeGreaterThan(summary.counts['referrals.referral']);
    expect(summary.counts['referrals.service_record']).toBeGreaterThan(0);
    expect(summary.counts['programmes.progress_report']).toBeGreaterThan(0);
  });

  it('gives every seeded service provider its hours, so none is stored as never open', async () => {
    const { rows } = await db.query(
      `SELECT count(*)::int AS providers,
              count(*) FILTER (WHERE NOT p.open_24_hours AND NOT EXISTS (SELECT 1 FROM directory.opening_hours h WHERE h.provider_id = p.id))::int AS never_open
         FROM directory.service_provider p WHERE p.is_demo`,
    );
    expect(rows[0].providers).toBeGreaterThan(0);
    expect(rows[0].never_open).toBe(0);
  });

  it('keeps the history of every referral gapless and consistent with its status and version', async () => {
    const { rows } = await db.query(
      `SELECT count(*)::int AS bad FROM referrals.referral r
        WHERE r.created_by = 'kinga-seed-scale'
          AND (r.version <> (SELECT count(*) FROM referrals.referral_event e WHERE e.referral_id = r.id)
            OR r.status <> (SELECT e.to_status FROM referrals.referral_event e WHERE e.referral_id = r.id ORDER BY e.sequence DESC LIMIT 1))`,
    );
    expect(rows[0].bad).toBe(0);
    const { rows: orphans } = await db.query(
      `SELECT count(*)::int AS n FROM referrals.referral r WHERE NOT EXISTS (SELECT 1 FROM cases."case" c WHERE c.id = r.case_id)`,
    );
    expect(orphans[0].n).toBe(0);
  });

  it('dates every referral as the services would have: after its case and consents, changed at its last step', async () => {
    const { rows } = await db.query(
      `SELECT count(*) FILTER (WHERE r.created_at < c.created_at)::int AS before_case,
              count(*) FILTER (WHERE r.created_at < (SELECT min(k.given_at) FROM cases.consent k WHERE k.case_id = c.id))::int AS before_consent,
              count(*) FILTER (WHERE r.updated_at <> (SELECT max(e.occurred_at) FROM referrals.referral_event e WHERE e.referral_id = r.id))::int AS stale,
              -- closeCase refuses while a referral is open: a closed case's referrals are closed or cancelled.
              count(*) FILTER (WHERE c.status = 'CLOSED' AND r.status NOT IN ('CLOSED', 'CANCELLED'))::int AS open_on_closed_case,
              count(*) FILTER (WHERE c.status = 'CLOSED' AND greatest(r.closed_at, r.cancelled_at) > c.closed_on + time '16:00')::int AS ended_after_case
         FROM referrals.referral r JOIN cases."case" c ON c.id = r.case_id
        WHERE r.created_by = 'kinga-seed-scale'`,
    );
    expect(rows[0]).toEqual({ before_case: 0, before_consent: 0, stale: 0, open_on_closed_case: 0, ended_after_case: 0 });
  });

  it('dates no case change or note later than the seed, and a closed case changed no earlier than its closing', async () => {
    const { rows } = await db.query(
      `SELECT count(*) FILTER (WHERE c.updated_at > now())::int AS changed_later,
              count(*) FILTER (WHERE c.status = 'CLOSED' AND c.updated_at < c.closed_on)::int AS changed_before_closing,
              (SELECT count(*)::int FROM cases.case_note n JOIN cases."case" k ON k.id = n.case_id
                WHERE k.incident_narrative LIKE 'Synthetic%' AND n.created_at > now()) AS notes_later
         FROM cases."case" c WHERE c.incident_narrative LIKE 'Synthetic%'`,
    );
    expect(rows[0]).toEqual({ changed_later: 0, changed_before_closing: 0, notes_later: 0 });
  });

  it("has every seeded progress report in the plan's years, a number without achievement, approved by an NCCS officer other than its author", async () => {
    const { rows } = await db.query(
      `SELECT count(*)::int AS reports,
              count(*) FILTER (WHERE r.reviewed_by = r.created_by OR r.reviewed_by = r.submitted_by)::int AS self_approved,
              count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM programmes.progress_report_event e
                WHERE e.report_id = r.id AND e.action = 'APPROVED' AND e.actor = r.reviewed_by AND e.actor_agency_id = $1))::int AS not_by_nccs,
              -- What createProgressReport would refuse: a year outside the plan, an achievement on a count.
              count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM programmes.indicator i JOIN programmes.plan p ON p.id = i.plan_id
                WHERE i.id = r.indicator_id AND r.period_year BETWEEN p.start_year AND p.end_year))::int AS outside_plan,
              count(*) FILTER (WHERE r.achievement IS NOT NULL)::int AS achievement_on_count
         FROM programmes.progress_report r WHERE r.created_by = 'kinga-seed-scale'`,
      [NCCS_AGENCY_ID],
    );
    expect(rows[0].reports).toBeGreaterThan(0);
    expect(rows[0]).toMatchObject({ self_approved: 0, not_by_nccs: 0, outside_plan: 0, achievement_on_count: 0 });
  });

  it('lets the police CPU see its incoming queue with case numbers, through the gateway', async () => {
    const token = system.token(DEMO_CALLERS[Role.POLICE_CPU]);
    const response = await system.request<{
      referrals: { totalCount: number; edges: Array<{ node: { reference: string; case: { caseNumber: string | null } } }> };
    }>(
      `{ referrals(first: 100, filter: { direction: INCOMING, status: [SENT, ACKNOWLEDGED, ACCEPTED, IN_PROGRESS] }) {
          totalCount edges { node { reference urgency case { caseNumber } fromProvider { name agency { acronym } } toProvider { name } } } } }`,
      {},
      token,
    );
    const page = response.body.data?.referrals;
    expect(page?.totalCount).toBeGreaterThan(0);
    // The demo data set has referrals to this CPU whose cases give the police no consent; the seeded ones all do.
    const { rows } = await db.query(
      `SELECT reference FROM referrals.referral WHERE created_by = 'kinga-seed-scale' AND reference = ANY($1)`,
      [page?.edges.map((edge) => edge.node.reference) ?? []],
    );
    const seeded = new Set(rows.map((row) => row.reference));
    expect(seeded.size).toBeGreaterThan(0);
    const edges = page?.edges ?? [];
    edges.forEach((edge, index) => {
      if (!seeded.has(edge.node.reference)) return;
      expect(edge.node.case.caseNumber).toMatch(/^KE-047-\d{4}-\d{6}$/);
      expect(response.body.errors?.filter((error) => error.path?.[2] === index) ?? []).toEqual([]);
    });
  });

  it('finds a seeded case by number for the children officer, and not for a caller of another county', async () => {
    const { rows } = await db.query(
      `SELECT case_number FROM cases."case" WHERE county_code = '047' AND incident_narrative LIKE 'Synthetic%' ORDER BY case_number LIMIT 1`,
    );
    const query = `query ($n: String!) { caseByNumber(caseNumber: $n) { caseNumber child { firstName lastName } consents { basis } } }`;
    const officer = await system.request<{ caseByNumber: { caseNumber: string; child: { firstName: string | null } } | null }>(
      query,
      { n: rows[0].case_number },
      system.token(DEMO_CALLERS[Role.DCS_OFFICER]),
    );
    expect(officer.body.errors).toBeUndefined();
    expect(officer.body.data?.caseByNumber?.caseNumber).toBe(rows[0].case_number);
    expect(officer.body.data?.caseByNumber?.child.firstName).toEqual(expect.any(String));

    const elsewhere = await system.request<{ caseByNumber: { child: { firstName: string | null } | null } | null }>(
      query,
      { n: rows[0].case_number },
      system.token({ ...DEMO_CALLERS[Role.DCS_OFFICER], counties: ['001'] }),
    );
    // Answered as a number no case has: numbers cannot be used to count another county's cases.
    expect(elsewhere.body).toEqual({ data: { caseByNumber: null } });
  });

  it('answers the partner system about its own referrals by reference, and only those', async () => {
    const agencyId = DEMO_CALLERS[Role.PARTNER_SYSTEM].agencyId;
    const pick = async (comparison: '=' | '<>'): Promise<string | undefined> => {
      const { rows } = await db.query(
        `SELECT reference FROM referrals.referral WHERE created_by = 'kinga-seed-scale' AND to_agency_id ${comparison} $1::uuid
          ORDER BY reference LIMIT 1`,
        [agencyId],
      );
      return rows[0]?.reference;
    };
    const own = await pick('=');
    const other = await pick('<>');
    // Without a seeded referral to Childline the allowed side would query an undefined reference and prove nothing.
    expect(own).toEqual(expect.any(String));
    expect(other).toEqual(expect.any(String));
    const query = `query ($r: String!) { referralByReference(reference: $r) { reference status } }`;
    const token = system.token(DEMO_CALLERS[Role.PARTNER_SYSTEM]);
    const allowed = await system.request<{ referralByReference: { reference: string } | null }>(query, { r: own }, token);
    expect(allowed.body.errors).toBeUndefined();
    expect(allowed.body.data?.referralByReference?.reference).toBe(own);
    const denied = await system.request<{ referralByReference: { reference: string } | null }>(query, { r: other }, token);
    // Another agency's reference is answered as one that no referral has.
    expect(denied.body).toEqual({ data: { referralByReference: null } });
  });

  it('refuses to seed the same database twice unless asked to append, and numbers appended cases after the first ones', async () => {
    const again = await seed(system.databaseUrl, '--cases', '100');
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('--append');

    const appended = await seed(system.databaseUrl, '--cases', '94', '--append');
    expect(appended.code).toBe(0);
    expect(appended.stderr).toContain('Done in');
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM cases."case" WHERE incident_narrative LIKE 'Synthetic%'`);
    expect(rows[0].n).toBe(CASES + 94);
  });

  it('counts the seeded cases in the statistics an analyst sees', async () => {
    const response = await system.request<{ caseStatistics: { cells: Array<{ countyCode: string; count: number | null }> } }>(
      `{ caseStatistics(groupBy: [COUNTY]) { cells { countyCode count suppressed } } }`,
      {},
      system.token(DEMO_CALLERS[Role.ANALYST]),
    );
    expect(response.body.errors).toBeUndefined();
    const cells = response.body.data?.caseStatistics.cells ?? [];
    expect(cells).toHaveLength(47);
    expect(cells.reduce((sum, cell) => sum + (cell.count ?? 0), 0)).toBeGreaterThanOrEqual(CASES);
  });
  it('keeps the statistics summary equal to counting the cases, through writes that move cases between cells', async () => {
    const seeded = (offset: number, limit: number) =>
      `SELECT id FROM cases."case" WHERE incident_narrative LIKE 'Synthetic%' ORDER BY id LIMIT ${limit} OFFSET ${offset}`;
    await db.query(`UPDATE cases.child SET sex = CASE sex WHEN 'FEMALE' THEN 'MALE' ELSE 'FEMALE' END
      WHERE id IN (SELECT child_id FROM cases."case" WHERE id IN (${seeded(0, 40)}))`);
    await db.query(`UPDATE cases.child SET date_of_birth = date_of_birth - 1500
      WHERE date_of_birth IS NOT NULL AND id IN (SELECT child_id FROM cases."case" WHERE id IN (${seeded(40, 40)}))`);
    await db.query(`UPDATE cases."case" SET categories = ARRAY['NEGLECT', 'CHILD_LABOUR', 'NEGLECT'], opened_on = opened_on - 100, county_code = '001'
      WHERE id IN (${seeded(80, 40)})`);
    await db.query(`DELETE FROM cases."case" WHERE id IN (${seeded(120, 5)})`);

    const quarter = `to_char(c.opened_on, 'YYYY') || '-Q' || to_char(c.opened_on, 'Q')`;
    const age = `CASE WHEN ch.date_of_birth IS NOT NULL THEN date_part('year', age(c.opened_on, ch.date_of_birth))
      ELSE ch.estimated_age_years + date_part('year', age(c.opened_on, ch.age_estimated_on)) END`;
    const band = `CASE WHEN (${age}) <= 4 THEN 'AGE_0_4' WHEN (${age}) <= 9 THEN 'AGE_5_9' WHEN (${age}) <= 14 THEN 'AGE_10_14' ELSE 'AGE_15_17' END`;
    const counted = `SELECT '*' AS category, c.county_code, ${quarter} AS quarter, ch.sex, ${band} AS age_band, count(*)::int AS n
        FROM cases."case" c JOIN cases.child ch ON ch.id = c.child_id GROUP BY 1, 2, 3, 4, 5
      UNION ALL
      SELECT category, c.county_code, ${quarter}, ch.sex, ${band}, count(DISTINCT c.id)::int
        FROM cases."case" c JOIN cases.child ch ON ch.id = c.child_id CROSS JOIN LATERAL unnest(c.categories) AS category GROUP BY 1, 2, 3, 4, 5`;
    const summary = `SELECT category, county_code, quarter, sex, age_band, n FROM cases.case_statistics_cell WHERE n > 0`;
    const { rows } = await db.query(
      `(${summary} EXCEPT SELECT * FROM (${counted}) AS a) UNION ALL (SELECT * FROM (${counted}) AS b EXCEPT ${summary})`,
    );
    expect(rows).toEqual([]);
  });

  it("keeps the case lists' count summary equal to counting the cases, after the seed and through those writes", async () => {
    await db.query(
      `UPDATE cases."case" SET status = 'IN_CARE' WHERE id IN (SELECT id FROM cases."case" WHERE status = 'OPEN' ORDER BY id LIMIT 30)`,
    );
    const summary = `SELECT owner_agency_id, county_code, status, n FROM cases.case_list_count WHERE n <> 0`;
    const counted = `SELECT owner_agency_id, county_code, status, count(*)::int AS n FROM cases."case" GROUP BY 1, 2, 3`;
    const { rows } = await db.query(`(${summary} EXCEPT ${counted}) UNION ALL (${counted} EXCEPT ${summary})`);
    expect(rows).toEqual([]);
    const { rows: cells } = await db.query(`SELECT count(*)::int AS n FROM cases.case_list_count WHERE n > 0`);
    expect(cells[0].n).toBeGreaterThan(10);
  });
  it('sends the same number of SQL statements for a page of 5 as for a page of 50 (x-kinga-sql-statements)', async () => {
    const statements = async (subgraph: 'cases' | 'referrals', caller: CallerClaims, query: string) => {
      const response = await fetch(system.subgraphs[subgraph]?.url as string, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${system.token(caller)}`,
          [GATEWAY_SECRET_HEADER]: TEST_SUBGRAPH_SECRET,
        },
        body: JSON.stringify({ query }),
      });
      const body = (await response.json()) as { errors?: unknown[] };
      expect(body.errors).toBeUndefined();
      return Number(response.headers.get(SQL_STATEMENTS_HEADER));
    };
    // The benchmarks' B2 and B3, as the owning subgraph answers them (bench/operations.mjs).
    const queue = (
      first: number,
    ) => `{ referrals(first: ${first}, filter: { direction: INCOMING, status: [SENT, ACKNOWLEDGED, ACCEPTED, IN_PROGRESS] }) {
      totalCount edges { node { reference urgency status history { sequence toStatus } case { id } fromProvider { id } toProvider { id } } } } }`;
    const cases = (first: number) => `{ cases(first: ${first}, filter: { county: "047", status: [OPEN, IN_CARE, CLOSED, REINTEGRATED] }) {
      totalCount edges { node { caseNumber child { firstName lastName caregivers { name } } consents { basis tiers } } } } }`;
    const police = DEMO_CALLERS[Role.POLICE_CPU];
    const officer = DEMO_CALLERS[Role.DCS_OFFICER];
    const small = [await statements('referrals', police, queue(5)), await statements('cases', officer, cases(5))];
    const large = [await statements('referrals', police, queue(50)), await statements('cases', officer, cases(50))];
    expect(small.every((n) => n > 0)).toBe(true);
    expect(large).toEqual(small);
  });
});
