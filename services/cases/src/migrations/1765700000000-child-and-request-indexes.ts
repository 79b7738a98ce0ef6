import { concurrentIndexMigration, type IndexDefinition } from '@kinga/shared';

const INDEXES: readonly IndexDefinition[] = [
  // createCase opens a child with each case, and erasing a case erases its child: a child shared by two cases
  // would lose the other case's names and caregivers with it. The database now holds the code to that.
  ['case_child_uq', 'cases."case" (child_id)', 'unique'],
  // Erasure rewrites every request of the case (their outcome notes), closed ones too; the partial unique
  // indexes cover only the open ones.
  ['subject_access_request_case_idx', 'cases.subject_access_request (case_id)'],
  ['erasure_request_case_idx', 'cases.erasure_request (case_id)'],
];

/** The same column as `case_child_uq`, not unique. */
const RETIRED: readonly IndexDefinition[] = [['case_child_idx', 'cases."case" (child_id)']];

/** Built CONCURRENTLY, outside a transaction (createIndexConcurrently); `down` too, so drop them by hand to revert. */
export const CasesChildAndRequestIndexes1765700000000 = concurrentIndexMigration(
  'CasesChildAndRequestIndexes1765700000000',
  'cases',
  INDEXES,
  RETIRED,
);
