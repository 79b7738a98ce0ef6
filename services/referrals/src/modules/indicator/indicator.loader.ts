import { KENYAN_COUNTY_CODES, publishObservedYear, reportingPeriod, type ObservedYear } from '@kinga/shared';
import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';

/** Cases referred per county and quarter, and per county, between two Kenyan dates ($1 included, $2 not). */
export const CASES_REFERRED_IN_PERIOD = `
  SELECT case_county AS county, extract(quarter FROM created_at AT TIME ZONE 'Africa/Nairobi')::int AS quarter,
         count(DISTINCT case_id)::int AS count
    FROM referrals.referral
   WHERE created_at >= ($1::date::timestamp AT TIME ZONE 'Africa/Nairobi') AND created_at < ($2::date::timestamp AT TIME ZONE 'Africa/Nairobi')
   GROUP BY GROUPING SETS ((case_county, 2), (case_county))`;

/**
 * Cases referred at least once, per county, in each quarter of a year and in the whole year (a case referred
 * in two quarters counts once in the year), published as one table (`publishObservedYear`): one grouped
 * statement per year.
 */
export function createCasesReferredByYearLoader(db: DataSource) {
  return new DataLoader<number, ObservedYear>((years) =>
    Promise.all(
      years.map(async (year) => {
        const { from, to } = reportingPeriod(year);
        const rows: Array<{ county: string; quarter: number | null; count: number }> = await db.query(CASES_REFERRED_IN_PERIOD, [from, to]);
        return publishObservedYear(
          {
            quarters: rows.filter((row): row is typeof row & { quarter: number } => row.quarter !== null),
            years: rows.filter((row) => row.quarter === null),
          },
          KENYAN_COUNTY_CODES,
        );
      }),
    ),
  );
}
