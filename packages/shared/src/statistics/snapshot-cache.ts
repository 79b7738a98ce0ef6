/** A table computed from the whole database, shared by every request for as long as it is current. */
export interface Snapshot<T> {
  value: T;
  /** What the table was computed from (e.g. a summary's version counter); compared by `isCurrent`. */
  version: string;
  /** When the computation started: the table shows the database as of then. */
  takenAt: Date;
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
}

/**
 * National statistics tables cost seconds to aggregate and change far more slowly than they are read:
 * each key (a grouping) keeps its last snapshot, and at most one computation per key runs at a time,
 * whichever number of requests ask for it meanwhile. A failed computation is not remembered.
 */
export class SnapshotCache<T> {
  private readonly snapshots = new Map<string, Snapshot<T>>();
  private readonly taking = new Map<string, Promise<Snapshot<T>>>();

  /** The snapshot held for `key`, current or not (a caller may need to ask the database before `get`). */
  peek(key: string): Snapshot<T> | undefined {
    return this.snapshots.get(key);
  }

  async get(key: string, request: SnapshotRequest<T>): Promise<Snapshot<T>> {
    const snapshot = this.snapshots.get(key);
    if (snapshot && request.isCurrent(snapshot)) return snapshot;
    const next = this.take(key, request);
    if (snapshot && request.serveStale?.(snapshot)) {
      // The refresh's failure reaches the next caller that has to wait for it, not this one.
      next.catch(() => undefined);
      return snapshot;
    }
    return next;
  }

  private take(key: string, request: SnapshotRequest<T>): Promise<Snapshot<T>> {
    let pending = this.taking.get(key);
    if (!pending) {
      // The database's snapshot is taken when the statement starts: that is the moment the table shows.
      const takenAt = new Date();
      pending = request
        .take()
        .then(({ value, version }) => {
          const snapshot = { value, version, takenAt };
          this.snapshots.set(key, snapshot);
          return snapshot;
        })
        .finally(() => this.taking.delete(key));
      this.taking.set(key, pending);
    }
    return pending;
  }
}
