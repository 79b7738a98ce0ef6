import { findWhereIn, groupedLoader } from '@kinga/shared';
import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { ProgressReportEntity, ProgressReportEventEntity } from './report.entity';

export function createReportLoaders(db: DataSource) {
  return {
    report: new DataLoader<string, ProgressReportEntity | null>(async (ids) => {
      const rows = await findWhereIn(db, ProgressReportEntity, 'id', ids);
      const map = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => map.get(id) ?? null);
    }),
    /** Every version of a report line, oldest first. */
    reportVersionsByLineage: groupedLoader(
      (lineageIds) => findWhereIn(db, ProgressReportEntity, 'lineageId', lineageIds, [['version', 'ASC']]),
      (row) => row.lineageId,
    ),
    reportEventsByLineage: groupedLoader(
      (lineageIds) =>
        findWhereIn(db, ProgressReportEventEntity, 'lineageId', lineageIds, [
          ['at', 'ASC'],
          ['id', 'ASC'],
        ]),
      (row) => row.lineageId,
    ),
  };
}
