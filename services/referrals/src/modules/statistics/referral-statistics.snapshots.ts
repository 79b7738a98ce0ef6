import { performance } from 'node:perf_hooks';
import { SnapshotCache, type Logger, type SubgraphDataSource } from '@kinga/shared';
import { computeNationalTable, type NationalTableCell } from './referral-statistics.national-table';
import type { ReferralStatisticsDimension as D } from './referral-statistics.type';

export interface NationalTableSnapshot {
  cells: readonly NationalTableCell[];
  /** The moment the table shows: when its statement started. */
  asOf: Date;
}

/**
 * The national tables of one server. Aggregating every referral takes seconds at national scale and
 * medians cannot be kept up to date incrementally, so each grouping's table is reused for `maxAgeSeconds`;
 * for as long again the old one is still served, with its age, while one new computation runs, so under
 * steady traffic no request but the first of a grouping waits for the aggregate.
 */
export class ReferralStatisticsSnapshots {
  private readonly cache = new SnapshotCache<readonly NationalTableCell[]>();

  constructor(
    private readonly database: SubgraphDataSource,
    private readonly maxAgeSeconds: number,
  ) {}

  async table(dimensions: readonly D[], logger: Logger): Promise<NationalTableSnapshot> {
    // The server's own data source, not the request's: the table is shared by every caller.
    const compute = async () => {
      try {
        return await computeNationalTable(this.database.dataSource, dimensions);
      } catch (error) {
        // A refresh behind a stale answer fails unseen by that caller; the operator should still hear of it.
        logger.warn({ grouping: dimensions.join(','), error: (error as Error).message }, 'referral statistics table not computed');
        throw error;
      }
    };
    const maxAgeMs = this.maxAgeSeconds * 1000;
    const snapshot = await this.cache.get(dimensions.join(','), {
      isCurrent: ({ takenAt }) => Date.now() - takenAt.getTime() < maxAgeMs,
      take: async () => {
        const startedAt = new Date().toISOString();
        return { value: await compute(), version: startedAt };
      },
      // Under steady traffic no answer is older than twice the maximum age; after a quiet spell longer than
      // that the first request waits for a new table rather than being handed one from hours ago.
      serveStale: ({ takenAt }) => Date.now() - takenAt.getTime() < 2 * maxAgeMs,
      // Nor is a computation under way shared if it began longer ago than the maximum age (with 0: before this
      // request, so possibly before its own writes).
      startedNoEarlierThan: performance.now() - maxAgeMs,
    });
    return { cells: snapshot.value, asOf: snapshot.takenAt };
  }
}
