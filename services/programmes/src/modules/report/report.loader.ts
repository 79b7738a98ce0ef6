import { findWhereIn } from '@kinga/shared';
import DataLoader from 'dataloader';
import { In, type DataSource } from 'typeorm';
import { ProgressReportEntity, ProgressReportEventEntity } from './report.entity';

export function createReportLoaders(db: DataSource) {
  return {
    report: new DataLoader<string, ProgressReportEntity | null>(async (ids) => {
      const rows = await findWhereIn(db, ProgressReportEntity, 'id', ids);
      const map = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => map.get(id) ?? null);
    }),
    /** Every version of a report line, oldest first. */
    reportVersionsByLineage: new DataLoader<string, ProgressReportEntity[]>(async (lineageIds) => {
      const rows = await db
        .getRepository(ProgressReportEntity)
        .find({ where: { lineageId: In([...lineageIds]) }, order: { version: 'ASC' } });
      return lineageIds.map((id) => rows.filter((row) => row.lineageId === id));
    }),
    reportEventsByLineage: new DataLoader<string, ProgressReportEventEntity[]>(async (lineageIds) => {
      const rows = await db
        .getRepository(ProgressReportEventEntity)
        .find({ where: { lineageId: In([...lineageIds]) }, order: { at: 'ASC', id: 'ASC' } });
      return lineageIds.map((id) => rows.filter((row) => row.lineageId === id));
    }),
  };
}
