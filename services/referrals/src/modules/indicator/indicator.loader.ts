import { KENYAN_COUNTY_CODES, publishObservedCounts, type ObservedCounts, type ReportingPeriod } from '@kinga/shared';
import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';

/** Cases referred at least once in a period, per county: one grouped statement per period. */
export function createCasesReferredByPeriodLoader(db: DataSource) {
  return new DataLoader<ReportingPeriod, ObservedCounts, string>(
    (periods) =>
      Promise.all(
        periods.map(async (period) => {
          const rows: Array<{ county: string; count: number }> = await db.query(
            `SELECT case_county AS county, count(DISTINCT case_id)::int AS count FROM referrals.referral
              WHERE created_at >= ($1::date AT TIME ZONE 'Africa/Nairobi') AND created_at < ($2::date AT TIME ZONE 'Africa/Nairobi')
              GROUP BY case_county`,
            [period.from, period.to],
          );
          return publishObservedCounts(rows, KENYAN_COUNTY_CODES);
        }),
      ),
    { cacheKeyFn: (period) => `${period.from}/${period.to}` },
  );
}
