import { KENYAN_COUNTY_CODES, publishObservedYear, reportingPeriod, type ObservedYear } from '@kinga/shared';
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

/**
 * SEC cases opened per county in each quarter of a year, published as one table (`publishObservedYear`):
 * one grouped statement per year, whatever the indicators and periods asked.
 */
export function createSecCasesByYearLoader(db: DataSource) {
  return new DataLoader<number, ObservedYear>((years) =>
    Promise.all(
      years.map(async (year) => {
        const { from, to } = reportingPeriod(year);
        const quarters: Array<{ county: string; quarter: number; count: number }> = await db.query(
          `SELECT county_code AS county, extract(quarter FROM opened_on)::int AS quarter, count(*)::int AS count FROM cases."case"
            WHERE opened_on >= $1 AND opened_on < $2 AND categories && $3::text[] GROUP BY county_code, 2`,
          [from, to, SEC_CATEGORIES],
        );
        return publishObservedYear({ quarters }, KENYAN_COUNTY_CODES);
      }),
    ),
  );
}
