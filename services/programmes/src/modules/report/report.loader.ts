import { findWhereIn, rowByIdLoader, groupedLoader } from '@kinga/shared';
import type { DataSource } from 'typeorm';
import { ProgressReportEntity, ProgressReportEventEntity } from './report.entity';

export function createReportLoaders(db: DataSource) {
  return {
    report: rowByIdLoader((ids) => findWhereIn(db, ProgressReportEntity, 'id', ids)),
    /** Every version of a report line, oldest first. */
    reportVersionsByLineage: groupedLoader(
      (lineageIds) => findWhereIn(db, ProgressReportEntity, 'lineageId', lineageIds, [['version', 'ASC']]),
      (row) => row.lineageId,
    ),
    reportEventsByLineage: groupedLoader(
      (lineageIds) =>
        findWhereIn(db, ProgressReportEventEntity, 'lineageId', lineageIds, [
          ['at', 'ASC'],
          ['seq', 'ASC'],
        ]),
      (row) => row.lineageId,
    ),
  };
}
