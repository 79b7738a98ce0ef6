import { concurrentIndexMigration, type IndexDefinition } from '@kinga/shared';

const INDEXES: readonly IndexDefinition[] = [
  // Covering county and categories too: a year's count of cases by category (Indicator.observedCaseCount, public)
  // is read from the index alone.
  ['case_opened_idx', 'cases."case" (opened_on DESC, id DESC) INCLUDE (county_code, categories)'],
  ['case_owner_opened_idx', 'cases."case" (owner_agency_id, opened_on DESC, id DESC)'],
  ['case_status_opened_idx', 'cases."case" (status, opened_on DESC, id DESC)'],
  ['case_owner_status_opened_idx', 'cases."case" (owner_agency_id, status, opened_on DESC, id DESC)'],
];

/** A prefix of `case_status_opened_idx`. */
const RETIRED: readonly IndexDefinition[] = [['case_status_idx', 'cases."case" (status)']];

/**
 * A national caller's case list (`counties: []`: a DCS supervisor or officer at headquarters) names no county, and
 * every list index began with the county: PostgreSQL sorted the agency's or the country's cases for each page.
 * Measured with EXPLAIN ANALYZE at 300,000 cases, warm: a page of every case 163 ms before, 0.3 ms after; of an
 * agency's 151 -> 0.4 ms; an agency's OPEN and IN_CARE cases (one branch per status) 160 -> 1.1 ms; every
 * county's 118 -> 0.5 ms. `Indicator.observedCaseCount`'s count of a year's SEC cases by county and quarter, read
 * from the first index alone: 150 ms (a bitmap scan of the table) -> 43 ms. `case_status_idx (status)` is a
 * prefix of the third and goes. Built CONCURRENTLY, outside a transaction (createIndexConcurrently), so cases are
 * opened meanwhile; `down` too, so `migration:revert` cannot run it: drop the indexes by hand.
 */
export const CasesNationalListIndexes1765600000000 = concurrentIndexMigration(
  'CasesNationalListIndexes1765600000000',
  'cases',
  INDEXES,
  RETIRED,
);
