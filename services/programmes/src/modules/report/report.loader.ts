import { findWhereIn } from '@kinga/shared';
import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { ProgressReportEntity, ProgressReportEventEntity } from './report.entity';

/** Rows by lineage, in the order they came. */
function byLineage<T extends { lineageId: string }>(lineageIds: readonly string[], rows: T[]): T[][] {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(row.lineageId);
    if (group) group.push(row);
    else groups.set(row.lineageId, [row]);
  }
  return lineageIds.map((id) => groups.get(id) ?? []);
}

export function createReportLoaders(db: DataSource) {
  return {
    report: new DataLoader<string, ProgressReportEntity | null>(async (ids) => {
      const rows = await findWhereIn(db, ProgressReportEntity, 'id', ids);
      const map = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => map.get(id) ?? null);
    }),
    /** Every version of a report line, oldest first. */
    reportVersionsByLineage: new DataLoader<string, ProgressReportEntity[]>(async (lineageIds) => {
      const rows = await findWhereIn(db, ProgressReportEntity, 'lineageId', lineageIds, [['version', 'ASC']]);
      return byLineage(lineageIds, rows);
    }),
    reportEventsByLineage: new DataLoader<string, ProgressReportEventEntity[]>(async (lineageIds) => {
      const rows = await findWhereIn(db, ProgressReportEventEntity, 'lineageId', lineageIds, [
        ['at', 'ASC'],
        ['id', 'ASC'],
      ]);
      return byLineage(lineageIds, rows);
    }),
  };
}
