import { performance } from 'node:perf_hooks';

/** A table computed from the whole database, shared by every request for as long as it is current. */
export interface Snapshot<T> {
  value: T;
  /** What the table was computed from (e.g. a database snapshot); compared by `isCurrent`. */
  version: string;
  /** When the computation started: the table shows the database as of then, or later. */
  takenAt: Date;
  /**
   * The same moment on this process's monotonic clock (`performance.now()`), for ordering against a request's
   * start: two events a millisecond apart may carry the same `Date`.
   */
  startedAtTick: number;
}

export interface SnapshotRequest<T> {
  /** Whether a snapshot may still be served. */
  isCurrent(snapshot: Snapshot<T>): boolean;
  /** Computes the table anew, with the version it was computed at (read in the same database snapshot). */
  take(): Promise<{ value: T; version: string }>;
  /**
   * Whether a snapshot that is no longer current may still be served while a new one is taken in the
   * background (the caller then states how old its answer is, e.g. by returning `takenAt`). When it may
   * not, or without this, the caller waits for the new one.
   */
  serveStale?(snapshot: Snapshot<T>): boolean;
  /**
   * A computation already under way is shared only if it started at or after this moment (`performance.now()`):
   * one that started earlier may predate a change the caller knows has committed.
   */
  startedNoEarlierThan?: number;
}

interface Computation<T> {
  startedAtTick: number;
  promise: Promise<Snapshot<T>>;
}

/**
 * National statistics tables cost seconds to aggregate and change far more slowly than they are read:
 * each key (a grouping) keeps its newest snapshot, and requests that need a new one share one computation
 * per key. A failed computation is not remembered.
 */
export class SnapshotCache<T> {
  private readonly snapshots = new Map<string, Snapshot<T>>();
  private readonly computing = new Map<string, Computation<T>>();

  /** The snapshot held for `key`, current or not (a caller may need to ask the database before `get`). */
  peek(key: string): Snapshot<T> | undefined {
    return this.snapshots.get(key);
  }

  async get(key: string, request: SnapshotRequest<T>): Promise<Snapshot<T>> {
    const snapshot = this.snapshots.get(key);
    if (snapshot && request.isCurrent(snapshot)) return snapshot;
    const next = this.compute(key, request);
    if (snapshot && request.serveStale?.(snapshot)) {
      // The refresh's failure reaches the next caller that has to wait for it, not this one.
      next.catch(() => undefined);
      return snapshot;
    }
    return next;
  }

  private compute(key: string, request: SnapshotRequest<T>): Promise<Snapshot<T>> {
    const running = this.computing.get(key);
    if (running && (request.startedNoEarlierThan === undefined || running.startedAtTick >= request.startedNoEarlierThan)) {
      return running.promise;
    }
    // The database's snapshot is taken after this moment: the table shows the database as of then, or later.
    const takenAt = new Date();
    const startedAtTick = performance.now();
    const computation: Computation<T> = {
      startedAtTick,
      promise: request
        .take()
        .then(({ value, version }) => {
          const snapshot = { value, version, takenAt, startedAtTick };
          // Two computations can overlap (see startedNoEarlierThan): the one that started last is kept.
          const held = this.snapshots.get(key);
          if (!held || held.startedAtTick <= startedAtTick) this.snapshots.set(key, snapshot);
          return snapshot;
        })
        .finally(() => {
          if (this.computing.get(key) === computation) this.computing.delete(key);
        }),
    };
    this.computing.set(key, computation);
    return computation.promise;
  }
}
