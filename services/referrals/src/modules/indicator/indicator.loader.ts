import { ChangeLoggedSnapshots, KENYAN_COUNTY_CODES, publishObservedYear, reportingPeriod, type ObservedYear } from '@kinga/shared';
import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';

/** Cases referred per county and quarter, and per county, between two Kenyan dates ($1 included, $2 not). */
export const CASES_REFERRED_IN_PERIOD = `
  SELECT case_county AS county, extract(quarter FROM created_at AT TIME ZONE 'Africa/Nairobi')::int AS quarter,
         count(DISTINCT case_id)::int AS count
    FROM referrals.referral
   WHERE created_at >= ($1::date::timestamp AT TIME ZONE 'Africa/Nairobi') AND created_at < ($2::date::timestamp AT TIME ZONE 'Africa/Nairobi')
   GROUP BY GROUPING SETS ((case_county, 2), (case_county))`;

/** The published years of referred cases one server has computed: made once per server (referralsSubgraph.createContext). */
export function createCasesReferredYears(): ChangeLoggedSnapshots<ObservedYear> {
  return new ChangeLoggedSnapshots(REFERRAL_COUNT_CHANGES);
}

/** The change log of what these counts count (migration 1765900000000). */
const REFERRAL_COUNT_CHANGES = 'referrals.referral_count_change';

/**
 * Cases referred at least once, per county, in each quarter of a year and in the whole year (a case referred
 * in two quarters counts once in the year), published as one table (`publishObservedYear`): one grouped
 * statement per year, and across requests only when a referral has been sent (or changed case, county or
 * time) since: the figure is public, and anyone may ask for it as often as they like.
 */
export function createCasesReferredByYearLoader(db: DataSource, years: ChangeLoggedSnapshots<ObservedYear>) {
  return new DataLoader<number, ObservedYear>((keys) =>
    Promise.all(
      keys.map((year) =>
        years.current(db, String(year), async (manager) => {
          const { from, to } = reportingPeriod(year);
          const rows: Array<{ county: string; quarter: number | null; count: number }> = await manager.query(CASES_REFERRED_IN_PERIOD, [
            from,
            to,
          ]);
          return publishObservedYear(
            {
              quarters: rows.filter((row): row is typeof row & { quarter: number } => row.quarter !== null),
              years: rows.filter((row) => row.quarter === null),
            },
            KENYAN_COUNTY_CODES,
          );
        }),
      ),
    ),
  );
}
