import { tooSlow } from '@kinga/shared';
import type { ReferralsContext } from '../../referrals.context';

/**
 * How far the sync point trails the service's clock. A change is stamped (`updatedAt`) with the moment its
 * request began, but others see it only once its transaction commits, after the gateway's checks and the
 * writes; a sync that read between the two, asking from a later instant, would skip the change for good. A
 * write therefore never commits later than this after its stamp (`assertCommitsWithinSyncOverlap`), and a
 * sync point is never closer to now than this: every change stamped before a sync point has committed by the
 * time the point is handed out. Stamps, deadlines and points all come from the referrals process's clock:
 * replicas of it must keep their clocks within a few seconds of each other (NTP), well inside the margin
 * between the deadline and the overlap.
 */
export const SYNC_OVERLAP_MS = 60_000;

/** The latest a write may reach its commit after its stamp: the overlap, less a margin for the commit itself. */
export const WRITE_DEADLINE_MS = SYNC_OVERLAP_MS - 10_000;

/** The instant to pass as `changedSince` in the next sync, for a sync that reads now. */
export function syncPoint(ctx: Pick<ReferralsContext, 'now'>): Date {
  return new Date(ctx.now.getTime() - SYNC_OVERLAP_MS);
}

/** Called last inside a write's transaction: past the deadline, the write is rolled back and may be sent again. */
export function assertCommitsWithinSyncOverlap(ctx: Pick<ReferralsContext, 'now'>, clock: () => number = Date.now): void {
  if (clock() - ctx.now.getTime() > WRITE_DEADLINE_MS) {
    throw tooSlow('Saving this change took too long, so nothing was saved; send the same request again');
  }
}
