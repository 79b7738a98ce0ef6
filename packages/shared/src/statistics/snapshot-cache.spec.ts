import { performance } from 'node:perf_hooks';
import { SnapshotCache } from './snapshot-cache';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** A request whose computation waits for `pending`, counting how often it is started. */
function pendingRequest(extra: { startedNoEarlierThan?: number } = {}) {
  const pending = deferred<{ value: string; version: string }>();
  const counter = { takes: 0 };
  const request = {
    isCurrent: () => false,
    take: () => {
      counter.takes += 1;
      return pending.promise;
    },
    ...extra,
  };
  return { pending, counter, request };
}

describe('SnapshotCache', () => {
  it('serves the snapshot while it is current and takes a new one when it is not', async () => {
    const cache = new SnapshotCache<number>();
    let version = '1';
    let takes = 0;
    const request = {
      isCurrent: (s: { version: string }) => s.version === version,
      take: async () => ({ value: (takes += 1), version }),
    };
    expect((await cache.get('k', request)).value).toBe(1);
    expect((await cache.get('k', request)).value).toBe(1);
    version = '2';
    const next = await cache.get('k', request);
    expect(next).toMatchObject({ value: 2, version: '2' });
    expect(takes).toBe(2);
  });

  it('runs one computation per key however many callers wait for it', async () => {
    const cache = new SnapshotCache<string>();
    const { pending, counter, request } = pendingRequest();
    const callers = [cache.get('k', request), cache.get('k', request), cache.get('k', request)];
    pending.resolve({ value: 'table', version: 'v' });
    expect((await Promise.all(callers)).map((s) => s.value)).toEqual(['table', 'table', 'table']);
    expect(counter.takes).toBe(1);
  });

  it('keeps keys apart', async () => {
    const cache = new SnapshotCache<string>();
    const request = (value: string) => ({ isCurrent: () => true, take: async () => ({ value, version: 'v' }) });
    await cache.get('a', request('A'));
    expect((await cache.get('b', request('B'))).value).toBe('B');
    expect((await cache.get('a', request('ignored'))).value).toBe('A');
  });

  it('serves a stale snapshot while refreshing when asked to, and the fresh one afterwards', async () => {
    const cache = new SnapshotCache<string>();
    await cache.get('k', { isCurrent: () => true, take: async () => ({ value: 'old', version: '1' }) });
    const refresh = deferred<{ value: string; version: string }>();
    const stale = await cache.get('k', { isCurrent: () => false, take: () => refresh.promise, serveStale: () => true });
    expect(stale.value).toBe('old');
    refresh.resolve({ value: 'new', version: '2' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(
      (await cache.get('k', { isCurrent: (s) => s.version === '2', take: async () => ({ value: 'never', version: '3' }) })).value,
    ).toBe('new');
  });

  it('waits for the new snapshot when this stale one may not be served', async () => {
    const cache = new SnapshotCache<string>();
    await cache.get('k', { isCurrent: () => true, take: async () => ({ value: 'old', version: '1' }) });
    const fresh = await cache.get('k', {
      isCurrent: () => false,
      take: async () => ({ value: 'new', version: '2' }),
      serveStale: (snapshot) => snapshot.version !== '1',
    });
    expect(fresh.value).toBe('new');
  });

  it('waits for the new snapshot when stale answers are not allowed, and forgets failures', async () => {
    const cache = new SnapshotCache<string>();
    await expect(cache.get('k', { isCurrent: () => false, take: async () => Promise.reject(new Error('database down')) })).rejects.toThrow(
      'database down',
    );
    expect((await cache.get('k', { isCurrent: () => false, take: async () => ({ value: 'recovered', version: '1' }) })).value).toBe(
      'recovered',
    );
  });

  it('dates a snapshot from when its computation started', async () => {
    const cache = new SnapshotCache<string>();
    const before = Date.now();
    const snapshot = await cache.get('k', {
      isCurrent: () => false,
      take: async () => {
        await new Promise((resolve) => setTimeout(resolve, 300));
        return { value: 'v', version: '1' };
      },
    });
    // Well before the computation ended, with room for a busy machine's pauses between the two lines.
    expect(snapshot.takenAt.getTime()).toBeLessThan(before + 200);
  });
});

describe('SnapshotCache and changes the caller has seen', () => {
  it('does not share a computation that started before the moment the caller names, and keeps the newest table', async () => {
    const cache = new SnapshotCache<string>();
    const early = deferred<{ value: string; version: string }>();
    const earlyCaller = cache.get('k', { isCurrent: () => false, take: () => early.promise });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const sawChangeAt = performance.now();
    let takes = 0;
    const late = await cache.get('k', {
      isCurrent: () => false,
      take: async () => {
        takes += 1;
        return { value: 'after the change', version: '2' };
      },
      startedNoEarlierThan: sawChangeAt,
    });
    expect(takes).toBe(1);
    expect(late.value).toBe('after the change');
    early.resolve({ value: 'before the change', version: '1' });
    expect((await earlyCaller).value).toBe('before the change');
    // The older computation finished last but does not replace the newer table.
    expect(cache.peek('k')?.value).toBe('after the change');
  });

  it('shares a computation that started after that moment', async () => {
    const cache = new SnapshotCache<string>();
    const { pending, counter, request } = pendingRequest({ startedNoEarlierThan: performance.now() - 1000 });
    const both = [cache.get('k', request), cache.get('k', request)];
    pending.resolve({ value: 'v', version: '1' });
    await Promise.all(both);
    expect(counter.takes).toBe(1);
  });
});
