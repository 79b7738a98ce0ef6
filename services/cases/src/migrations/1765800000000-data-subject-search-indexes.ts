import { concurrentIndexMigration, type IndexDefinition } from '@kinga/shared';

/**
 * A data protection officer's search for every case of one child (`dataSubjectCases`) matches a birth certificate
 * number and names without regard to case: without these it read every child of the country.
 */
const INDEXES: readonly IndexDefinition[] = [
  ['child_birth_certificate_idx', 'cases.child ((upper(birth_certificate_number))) WHERE birth_certificate_number IS NOT NULL'],
  ['child_names_idx', 'cases.child ((lower(last_name)), (lower(first_name)))'],
];

/** Built CONCURRENTLY, outside a transaction (createIndexConcurrently); `down` too, so drop them by hand to revert. */
export const CasesDataSubjectSearchIndexes1765800000000 = concurrentIndexMigration(
  'CasesDataSubjectSearchIndexes1765800000000',
  'cases',
  INDEXES,
);
