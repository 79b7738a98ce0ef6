import { assertCommitsWithinSyncOverlap, SYNC_OVERLAP_MS, syncPoint, WRITE_DEADLINE_MS } from './referral.sync';

describe('the sync point and the write deadline', () => {
  const now = new Date('2026-11-22T09:00:00.000Z');

  it('names a sync point a whole overlap before the request began', () => {
    expect(syncPoint({ now })).toEqual(new Date('2026-11-22T08:59:00.000Z'));
  });

  it('lets a write commit until its deadline, and refuses it, retryable, after', () => {
    expect(WRITE_DEADLINE_MS).toBeLessThan(SYNC_OVERLAP_MS);
    expect(() => assertCommitsWithinSyncOverlap({ now }, () => now.getTime() + WRITE_DEADLINE_MS)).not.toThrow();
    let refusal: unknown;
    try {
      assertCommitsWithinSyncOverlap({ now }, () => now.getTime() + WRITE_DEADLINE_MS + 1);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toMatchObject({ extensions: { code: 'TOO_SLOW', retryable: true } });
  });
});
