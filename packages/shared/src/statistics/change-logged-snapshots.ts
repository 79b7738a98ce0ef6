import { performance } from 'node:perf_hooks';
import type { DataSource, EntityManager } from 'typeorm';
import { SnapshotCache, type Snapshot } from './snapshot-cache';

/** However quiet the log, a table is taken again after an hour. */
const SNAPSHOT_MAX_AGE_MS = 60 * 60 * 1000;
/** Twice the longest a table is kept: a change older than every table held can no longer make one out of date. */
const CHANGES_KEPT = '2 hours';

/**
 * Tables computed over all of a subgraph's records (a national statistics table, a year of an observed NPA
 * indicator), kept by each process and reused while current: a table taken in a database snapshot is current
 * while no transaction it could not see has since committed a change to what it counts. Which transactions did
 * is the subgraph's change log, `changeLog`: a table of `transaction_id xid8 PRIMARY KEY` and `recorded_at`,
 * appended to by statement triggers on the tables counted (cases: migration 1764100000000; referrals:
 * 1765900000000). Checking it is one index range scan per request instead of an aggregate over the records,
 * and every change committed before a request began is in its answer.
 */
export class ChangeLoggedSnapshots<T> {
  private readonly cache = new SnapshotCache<T>();

  /** @param changeLog the log's schema-qualified name, e.g. `cases.case_statistics_change` (code, never input). */
  constructor(private readonly changeLog: string) {}

  /** The table named `key`, as of this request or later; `compute` reads it in one REPEATABLE READ snapshot. */
  async current(db: DataSource, key: string, compute: (manager: EntityManager) => Promise<T>): Promise<T> {
    const requestStart = performance.now();
    const answersThisRequest = async (snapshot: Snapshot<T> | undefined): Promise<boolean> =>
      snapshot !== undefined &&
      Date.now() - snapshot.takenAt.getTime() < SNAPSHOT_MAX_AGE_MS &&
      (snapshot.startedAtTick >= requestStart || !(await this.changedSince(db, snapshot.version)));
    const take = () => this.take(db, compute);

    const held = this.cache.peek(key);
    if (held && (await answersThisRequest(held))) return held.value;
    // A newer table, or one being computed for another request: shared if no change has committed since its
    // database snapshot either, which is the common case when many ask at once after one change.
    const shared = await this.cache.get(key, { isCurrent: (candidate) => candidate !== held, take });
    if (await answersThisRequest(shared)) return shared.value;
    const fresh = await this.cache.get(key, {
      isCurrent: (candidate) => candidate.startedAtTick >= requestStart,
      startedNoEarlierThan: requestStart,
      take,
    });
    return fresh.value;
  }

  /** Whether a transaction the snapshot could not see has since committed a change. */
  private async changedSince(db: DataSource, snapshot: string): Promise<boolean> {
    const [{ changed }]: Array<{ changed: boolean }> = await db.query(
      `SELECT EXISTS (
         SELECT 1 FROM ${this.changeLog}
          WHERE transaction_id >= pg_snapshot_xmin($1::pg_snapshot) AND NOT pg_visible_in_snapshot(transaction_id, $1::pg_snapshot)
       ) AS changed`,
      [snapshot],
    );
    return changed;
  }

  private async take(db: DataSource, compute: (manager: EntityManager) => Promise<T>): Promise<{ value: T; version: string }> {
    await db.query(`DELETE FROM ${this.changeLog} WHERE recorded_at < now() - interval '${CHANGES_KEPT}'`);
    // One snapshot for the version and the table: the version names exactly the data the table was computed from.
    return db.transaction('REPEATABLE READ', async (manager) => {
      const [{ snapshot }]: Array<{ snapshot: string }> = await manager.query(`SELECT pg_current_snapshot()::text AS snapshot`);
      return { value: await compute(manager), version: snapshot };
    });
  }
}
