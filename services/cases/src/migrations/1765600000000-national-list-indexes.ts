import { createIndexConcurrently } from '@kinga/shared';
import type { MigrationInterface, QueryRunner } from 'typeorm';

const INDEXES = [
  // Covering county and categories too: a year's count of cases by category (Indicator.observedCaseCount, public)
  // is read from the index alone.
  ['case_opened_idx', '(opened_on DESC, id DESC) INCLUDE (county_code, categories)'],
  ['case_owner_opened_idx', '(owner_agency_id, opened_on DESC, id DESC)'],
  ['case_status_opened_idx', '(status, opened_on DESC, id DESC)'],
  ['case_owner_status_opened_idx', '(owner_agency_id, status, opened_on DESC, id DESC)'],
] as const;

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
export class CasesNationalListIndexes1765600000000 implements MigrationInterface {
  name = 'CasesNationalListIndexes1765600000000';
  transaction = false;

  async up(db: QueryRunner): Promise<void> {
    for (const [index, columns] of INDEXES)
      await createIndexConcurrently(db, 'cases', index, `CREATE INDEX ${index} ON cases."case" ${columns}`);
    await db.query(`DROP INDEX CONCURRENTLY IF EXISTS cases.case_status_idx`);
  }

  async down(db: QueryRunner): Promise<void> {
    await createIndexConcurrently(db, 'cases', 'case_status_idx', `CREATE INDEX case_status_idx ON cases."case" (status)`);
    for (const [index] of INDEXES) await db.query(`DROP INDEX CONCURRENTLY IF EXISTS cases.${index}`);
  }
}
