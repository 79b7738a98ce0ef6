import { KENYAN_COUNTY_CODES, publishObservedCounts, type ObservedCounts, type ReportingPeriod } from '@kinga/shared';
import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { CaseCategory } from '../case/case.enums';

/** The categories the NPA counts as sexual exploitation of children (its section 1 definitions). */
export const SEC_CATEGORIES: readonly CaseCategory[] = [
  CaseCategory.SEXUAL_ABUSE,
  CaseCategory.DEFILEMENT,
  CaseCategory.COMMERCIAL_SEXUAL_EXPLOITATION,
  CaseCategory.ONLINE_SEXUAL_EXPLOITATION,
  CaseCategory.CHILD_TRAFFICKING,
  CaseCategory.CHILD_MARRIAGE,
  CaseCategory.EXPLOITATION_IN_TRAVEL_AND_TOURISM,
  CaseCategory.CHILD_PORNOGRAPHY,
];

/** SEC cases opened per county in a period: one grouped statement per period, whatever the indicators asked. */
export function createSecCasesByPeriodLoader(db: DataSource) {
  return new DataLoader<ReportingPeriod, ObservedCounts, string>(
    (periods) =>
      Promise.all(
        periods.map(async (period) => {
          const rows: Array<{ county: string; count: number }> = await db.query(
            `SELECT county_code AS county, count(*)::int AS count FROM cases."case"
              WHERE opened_on >= $1 AND opened_on < $2 AND categories && $3::text[] GROUP BY county_code`,
            [period.from, period.to, SEC_CATEGORIES],
          );
          return publishObservedCounts(rows, KENYAN_COUNTY_CODES);
        }),
      ),
    { cacheKeyFn: (period) => `${period.from}/${period.to}` },
  );
}
