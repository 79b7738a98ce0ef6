import { ChangeLoggedSnapshots, KENYAN_COUNTY_CODES, publishObservedYear, reportingPeriod, type ObservedYear } from '@kinga/shared';
import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { CaseCategory } from '../case/case.enums';
import { CASE_STATISTICS_CHANGES } from '../statistics/statistics.service';

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

/** The published years of SEC cases one server has computed: made once per server (casesSubgraph.createContext). */
export function createSecCasesYears(): ChangeLoggedSnapshots<ObservedYear> {
  // A case's county, opening date and categories are what the statistics summary is kept by: a change to any
  // of them changes the summary, and the summary's change log tells.
  return new ChangeLoggedSnapshots(CASE_STATISTICS_CHANGES);
}

/**
 * SEC cases opened per county in each quarter of a year, published as one table (`publishObservedYear`):
 * one grouped statement per year, whatever the indicators and periods asked, and across requests only when
 * a case's county, opening date or categories have changed since (the figure is public: anyone may ask).
 */
export function createSecCasesByYearLoader(db: DataSource, years: ChangeLoggedSnapshots<ObservedYear>) {
  return new DataLoader<number, ObservedYear>((keys) =>
    Promise.all(
      keys.map((year) =>
        years.current(db, String(year), async (manager) => {
          const { from, to } = reportingPeriod(year);
          const quarters: Array<{ county: string; quarter: number; count: number }> = await manager.query(
            `SELECT county_code AS county, extract(quarter FROM opened_on)::int AS quarter, count(*)::int AS count FROM cases."case"
              WHERE opened_on >= $1 AND opened_on < $2 AND categories && $3::text[] GROUP BY county_code, 2`,
            [from, to, SEC_CATEGORIES],
          );
          return publishObservedYear({ quarters }, KENYAN_COUNTY_CODES);
        }),
      ),
    ),
  );
}
