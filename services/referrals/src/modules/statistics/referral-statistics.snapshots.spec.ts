import { startSubgraph, type StartedSubgraph } from '@kinga/shared';
import { createTestDatabase, postGraphql, testEnv, type TestDatabase } from '@kinga/shared/testing';
import { Client } from 'pg';
import { defineReferralsSubgraph } from '../../referrals.subgraph';

/**
 * Three servers on one database with the demo referrals, differing only in how long they reuse a national
 * table: 300 s (the default), 0 (computed for every request) and 1 s (to see a table go stale). A referral
 * written straight into the database shows, or does not, in each according to its own tables.
 */
const STATISTICS = `query($groupBy: [ReferralStatisticsDimension!]!, $filter: ReferralStatisticsFilter) {
  referralStatistics(groupBy: $groupBy, filter: $filter) {
    asOf groupBy
    cells { county service urgency status month suppressed count medianHoursToAcknowledge medianHoursToAccept medianHoursToComplete shareCompletedWithinSla }
  }
}`;

interface Cell {
  county: string | null;
  status: string | null;
  suppressed: boolean;
  count: number | null;
}
interface Statistics {
  asOf: string;
  groupBy: string[];
  cells: Cell[];
  /** SQL statements the server sent while answering. */
  statements: number;
}

// Every column but the ones that must be new; `next_due_at` is generated.
const COPIED_COLUMNS = `case_id, case_owner_agency_id, case_county, from_provider_id, from_agency_id, from_agency_type, to_provider_id,
  to_agency_id, to_agency_type, service_requested, urgency, status, reason, consent_reference, decline_reason, cancel_reason, version,
  created_by, created_at, acknowledged_at, accepted_at, declined_at, started_at, completed_at, closed_at, cancelled_at, acknowledge_by,
  start_by, updated_at`;

describe('referral statistics from per-server snapshots', () => {
  let database: TestDatabase;
  let writer: Client;
  let cached: StartedSubgraph;
  let live: StartedSubgraph;
  let short: StartedSubgraph;
  let written = 0;

  beforeAll(async () => {
    database = await createTestDatabase();
    const start = (statisticsMaxAgeSeconds: number) =>
      startSubgraph(defineReferralsSubgraph({ statisticsMaxAgeSeconds }), testEnv(database.url, { DEMO_DATA: 'true' }));
    // One after the other: they migrate the same database, and the first loads the demo referrals.
    cached = await start(300);
    live = await start(0);
    // Stale once past 3 s, served stale until 6 s: room for a slow machine between the two reads below.
    short = await start(3);
    writer = new Client({ connectionString: database.url });
    await writer.connect();
  });
  afterAll(async () => {
    await writer?.end();
    await Promise.all([cached?.stop(), live?.stop(), short?.stop()]);
    await database?.drop();
  });

  async function statistics(server: StartedSubgraph, groupBy: string[], filter?: Record<string, unknown>): Promise<Statistics> {
    const before = server.database.sqlCounter.total;
    const { body } = await postGraphql<{ referralStatistics: Omit<Statistics, 'statements'> }>(server.url, STATISTICS, { groupBy, filter });
    expect(body.errors).toBeUndefined();
    return { ...body.data!.referralStatistics, statements: server.database.sqlCounter.total - before };
  }
  const nationalTotal = async (server: StartedSubgraph) => {
    const answer = await statistics(server, []);
    expect(answer.cells).toHaveLength(1);
    expect(answer.cells[0].suppressed).toBe(false);
    return { ...answer, count: answer.cells[0].count as number };
  };
  /** A copy of a demo referral, as if one had just been sent. */
  async function writeReferral(): Promise<void> {
    written += 1;
    const reference = `KE-047-2099-${String(written).padStart(6, '0')}`;
    await writer.query(
      `INSERT INTO referrals.referral (reference, idempotency_key, ${COPIED_COLUMNS})
       SELECT $1, $2, ${COPIED_COLUMNS} FROM referrals.referral ORDER BY reference LIMIT 1`,
      [reference, `snapshots-spec-${written}`],
    );
  }

  it('answers a grouping again within the maximum age from the same table, without SQL, and computes it once for concurrent first requests', async () => {
    const first = await nationalTotal(cached);
    expect(first.statements).toBe(1);
    expect(Date.parse(first.asOf)).toBeLessThanOrEqual(Date.now());
    const second = await nationalTotal(cached);
    expect(second.statements).toBe(0);
    expect(second.asOf).toBe(first.asOf);
    expect(second.cells).toEqual(first.cells);

    const before = cached.database.sqlCounter.total;
    const together = await Promise.all(Array.from({ length: 5 }, () => statistics(cached, ['SERVICE', 'URGENCY'])));
    expect(cached.database.sqlCounter.total - before).toBe(1);
    for (const answer of together) expect(answer).toMatchObject({ asOf: together[0].asOf, cells: together[0].cells });
  });

  it('with a maximum age of 0, counts a referral written between two requests; a server with its own table does not yet', async () => {
    const cachedBefore = await nationalTotal(cached);
    const before = await nationalTotal(live);
    expect(before.statements).toBe(1);
    await writeReferral();
    const after = await nationalTotal(live);
    expect(after.statements).toBe(1);
    expect(after.count).toBe(before.count + 1);
    expect(Date.parse(after.asOf)).toBeGreaterThan(Date.parse(before.asOf));

    const cachedAfter = await nationalTotal(cached);
    expect(cachedAfter).toMatchObject({ statements: 0, asOf: cachedBefore.asOf, count: cachedBefore.count });
  });

  it('serves a table past its maximum age once while a new one is computed, and the new one next', async () => {
    const querySpy = jest.spyOn(short.database.dataSource, 'query');
    try {
      const first = await nationalTotal(short);
      expect(first.statements).toBe(1);
      await writeReferral();
      await new Promise((resolve) => setTimeout(resolve, 3100));

      querySpy.mockClear();
      const stale = await nationalTotal(short);
      expect(stale).toMatchObject({ asOf: first.asOf, count: first.count });
      // The refresh was started by the stale request; wait for it rather than for a guessed time.
      expect(querySpy).toHaveBeenCalledTimes(1);
      await Promise.all(querySpy.mock.results.map((result) => result.value as Promise<unknown>));
      await new Promise((resolve) => setImmediate(resolve));

      const fresh = await nationalTotal(short);
      expect(fresh.statements).toBe(0);
      expect(fresh.count).toBe(first.count + 1);
      expect(Date.parse(fresh.asOf)).toBeGreaterThan(Date.parse(stale.asOf));
    } finally {
      querySpy.mockRestore();
    }
  });

  it('hides a cell of many referrals of a few children: one child referred again and again is one child', async () => {
    // Seven referrals of one child, alone in a county no demo referral is from.
    for (let i = 0; i < 7; i += 1) {
      written += 1;
      await writer.query(
        `INSERT INTO referrals.referral (reference, idempotency_key, ${COPIED_COLUMNS})
         SELECT $1, $2, ${COPIED_COLUMNS.replace('case_county,', `'030',`)} FROM referrals.referral ORDER BY reference LIMIT 1`,
        [`KE-030-2099-${String(written).padStart(6, '0')}`, `snapshots-spec-${written}`],
      );
    }
    const byCounty = await statistics(live, ['COUNTY'], { counties: ['030'] });
    expect(byCounty.cells).toEqual([expect.objectContaining({ county: '030', suppressed: true, count: null })]);
  });

  it('counts a declined or completed referral as it ended after its sender closes it', async () => {
    const byStatus = async () => {
      const answer = await statistics(live, ['STATUS']);
      return Object.fromEntries(answer.cells.map((cell) => [cell.status, cell.count]));
    };
    /** Six new referrals brought to `status` by `stamps`, then closed by their sender: counted as they ended. */
    const endThenClose = async (status: 'DECLINED' | 'COMPLETED', stamps: string, endedAt: string) => {
      for (let i = 0; i < 6; i++) await writeReferral();
      const ids = (
        await writer.query(
          `SELECT id FROM referrals.referral WHERE idempotency_key LIKE 'snapshots-spec-%' ORDER BY reference DESC LIMIT 6`,
        )
      ).rows.map((row: { id: string }) => row.id);
      await writer.query(`UPDATE referrals.referral SET status = '${status}', ${stamps} WHERE id = ANY($1::uuid[])`, [ids]);
      const ended = await byStatus();
      expect(ended[status]).toBeGreaterThanOrEqual(6);
      await writer.query(
        `UPDATE referrals.referral SET status = 'CLOSED', closed_at = ${endedAt} + interval '1 hour' WHERE id = ANY($1::uuid[])`,
        [ids],
      );
      const closed = await byStatus();
      expect(closed[status]).toBe(ended[status]);
      expect(closed.CLOSED).toBeUndefined();
    };
    await endThenClose(
      'DECLINED',
      `declined_at = created_at + interval '1 hour', decline_reason = 'No capacity',
       acknowledged_at = NULL, accepted_at = NULL, started_at = NULL, completed_at = NULL, closed_at = NULL, cancelled_at = NULL`,
      'declined_at',
    );
    await endThenClose(
      'COMPLETED',
      `acknowledged_at = created_at + interval '1 hour', accepted_at = created_at + interval '2 hours',
       started_at = created_at + interval '3 hours', completed_at = created_at + interval '4 hours'`,
      'completed_at',
    );
  });

  it('cuts filtered queries from the cached national table of their grouping', async () => {
    const national = await statistics(cached, ['COUNTY', 'STATUS']);
    expect(national.statements).toBe(1);
    expect(national.cells.some((c) => c.county === '047' && !c.suppressed)).toBe(true);
    expect(national.cells.some((c) => c.county !== '047')).toBe(true);

    // Filtering by county adds COUNTY to the grouping, so it is the same table.
    const nairobi = await statistics(cached, ['STATUS'], { counties: ['047'] });
    expect(nairobi).toMatchObject({ statements: 0, asOf: national.asOf, groupBy: ['COUNTY', 'STATUS'] });
    expect(nairobi.cells).toEqual(national.cells.filter((c) => c.county === '047'));

    const statuses = ['SENT', 'COMPLETED'];
    const cut = await statistics(cached, ['COUNTY'], { counties: ['047', '001'], statuses });
    expect(cut).toMatchObject({ statements: 0, asOf: national.asOf, groupBy: ['COUNTY', 'STATUS'] });
    expect(cut.cells).toEqual(national.cells.filter((c) => ['047', '001'].includes(c.county!) && statuses.includes(c.status!)));
    expect(cut.cells.length).toBeGreaterThan(0);

    const before = cached.database.sqlCounter.total;
    const bad = await postGraphql(cached.url, STATISTICS, { groupBy: ['STATUS'], filter: { counties: ['999'] } });
    expect(bad.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(cached.database.sqlCounter.total - before).toBe(0);
  });
});
