import { appendOnlyMigration } from '@kinga/shared';

/** Its audit trail and progress_report_event stay append-only whatever a session sets (packages/shared audit-store.ts). */
export const ProgrammesAppendOnly1764800000000 = appendOnlyMigration('ProgrammesAppendOnly1764800000000', 'programmes', [
  'progress_report_event',
]);
