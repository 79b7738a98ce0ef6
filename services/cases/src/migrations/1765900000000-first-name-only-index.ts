import { concurrentIndexMigration, type IndexDefinition } from '@kinga/shared';

/**
 * `dataSubjectCases` also finds a child recorded with a first name only (no last name): matched on the first name
 * among those children alone, so the search still reads the children it names, not every child of the country.
 */
const INDEXES: readonly IndexDefinition[] = [['child_first_name_only_idx', 'cases.child ((lower(first_name))) WHERE last_name IS NULL']];

/** Built CONCURRENTLY, outside a transaction (createIndexConcurrently); `down` too, so drop it by hand to revert. */
export const CasesFirstNameOnlyIndex1765900000000 = concurrentIndexMigration('CasesFirstNameOnlyIndex1765900000000', 'cases', INDEXES);
