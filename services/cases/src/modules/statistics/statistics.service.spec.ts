import type { DataSource } from 'typeorm';
import { createCaseStatisticsSnapshots, createCaseStatisticsTables } from './statistics.service';
import { StatisticsDimension } from './statistics.type';

/**
 * A stand-in database: the summary holds `cases` cases in county 047; a transaction's snapshot is named by the
 * number of changes committed when it began, and a snapshot is out of date once a later change has committed.
 */
function fakeDatabase() {
  const state = { cases: 10, changes: 0, gate: null as Promise<void> | null };
  const db = {
    async query(sql: string, parameters: unknown[] = []) {
      if (sql.includes('EXISTS')) return [{ changed: Number(parameters[0]) < state.changes }];
      return [];
    },
    async transaction(_isolation: string, run: (manager: { query(sql: string): Promise<unknown[]> }) => Promise<unknown>) {
      const snapshot = { changes: state.changes, cases: state.cases };
      if (state.gate) await state.gate;
      return run({
        async query(sql: string) {
          if (sql.includes('pg_current_snapshot')) return [{ snapshot: String(snapshot.changes) }];
          return [{ d0: '047', n: snapshot.cases }];
        },
      });
    },
  };
  return { db: db as unknown as DataSource, state };
}

describe('case statistics tables across requests', () => {
  const COUNTY = [StatisticsDimension.COUNTY];
  const nairobi = async (table: Promise<Array<{ cell: { count: number | null } }>>) => (await table)[0].cell.count;

  it('never answers a request with a table computed before a change that committed before the request began', async () => {
    const { db, state } = fakeDatabase();
    const snapshots = createCaseStatisticsSnapshots();
    const request = () => createCaseStatisticsTables(db, snapshots)(COUNTY);
    expect(await nairobi(request())).toBe(10);

    // A change commits; request A starts a new table, but its transaction is slow to begin reading.
    state.cases = 11;
    state.changes = 1;
    let open!: () => void;
    state.gate = new Promise((resolve) => (open = resolve));
    const a = request();
    await new Promise((resolve) => setTimeout(resolve, 5));
    // Its snapshot predates the next change, which commits before request B begins.
    state.cases = 12;
    state.changes = 2;
    state.gate = null;
    const b = request();
    open();
    expect(await nairobi(a)).toBeGreaterThanOrEqual(11);
    expect(await nairobi(b)).toBe(12);
  });

  it('shares one computation among requests that arrive together after a change', async () => {
    const { db, state } = fakeDatabase();
    const snapshots = createCaseStatisticsSnapshots();
    const request = () => createCaseStatisticsTables(db, snapshots)(COUNTY);
    await request();
    state.cases = 11;
    state.changes = 1;
    const transaction = jest.spyOn(db, 'transaction');
    const answers = await Promise.all([request(), request(), request(), request()].map(nairobi));
    expect(answers).toEqual([11, 11, 11, 11]);
    expect(transaction).toHaveBeenCalledTimes(1);
  });
});
