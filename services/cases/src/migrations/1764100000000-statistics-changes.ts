import { changeLogMigration, type ChangeLogDefinition } from '@kinga/shared';

/**
 * Which transactions changed the case statistics summary, so a cases process can keep the national table it
 * computed and know exactly when it is out of date: a table taken in a database snapshot is current while
 * no transaction it could not see has since committed a change. A single version counter would say the same,
 * but every case opened would then queue behind the last one's commit on one row; here each writing
 * transaction appends its own id (no two writers touch the same row) and the check is an index range scan
 * over the changes since the table was taken. (The same objects as when it was first written out here: the
 * statements now come from `changeLogUp`, shared with the referrals subgraph's log.)
 */
const LOG: ChangeLogDefinition = {
  schema: 'cases',
  log: 'case_statistics_change',
  watched: 'case_statistics_cell',
  events: 'INSERT OR UPDATE OR DELETE OR TRUNCATE',
};

export const CasesStatisticsChanges1764100000000 = changeLogMigration('CasesStatisticsChanges1764100000000', LOG);
