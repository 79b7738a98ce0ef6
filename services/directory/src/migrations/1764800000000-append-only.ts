import { appendOnlyMigration } from '@kinga/shared';

/** Its audit trail stay append-only whatever a session sets (packages/shared audit-store.ts). */
export const DirectoryAppendOnly1764800000000 = appendOnlyMigration('DirectoryAppendOnly1764800000000', 'directory');
