import {
  createPagePerParentLoader,
  findWhereIn,
  loaderPerShape,
  rowByIdLoader,
  groupedLoader,
  type CursorValue,
  type PagePerParent,
} from '@kinga/shared';
import type { DataSource } from 'typeorm';
import { ProgressReportEntity, type ProgressReportEventEntity } from './report.entity';
import { ProgressReportAction } from './report.enums';

const REPORT_STEPS: PagePerParent = {
  table: 'programmes.progress_report_event',
  parentColumn: 'lineage_id',
  select: `t.id, t.report_id AS "reportId", t.lineage_id AS "lineageId", t.version, t.action, t.actor,
    t.actor_agency_id AS "actorAgencyId", t.at, t.comment`,
  // `seq`, the order changes were written in under the report's lock, breaks a tie of `at` to the millisecond.
  keys: [
    { column: 't.at', type: 'timestamptz' },
    { column: 't.seq', type: 'int8' },
  ],
  direction: 'ASC',
};

/** The steps of a report line, oldest first: every one, or (for a caller outside the line's agency) its approvals. */
export const REPORT_LINE_STEPS: Readonly<Record<'all' | 'approvals', PagePerParent>> = {
  all: REPORT_STEPS,
  approvals: { ...REPORT_STEPS, where: `t.action = '${ProgressReportAction.APPROVED}'` },
};

export function createReportLoaders(db: DataSource) {
  return {
    report: rowByIdLoader((ids) => findWhereIn(db, ProgressReportEntity, 'id', ids)),
    /** Every version of a report line, oldest first. */
    reportVersionsByLineage: groupedLoader(
      (lineageIds) => findWhereIn(db, ProgressReportEntity, 'lineageId', lineageIds, [['version', 'ASC']]),
      (row) => row.lineageId,
    ),
    /** One loader per page shape, so every report line asked with the same arguments shares one statement. */
    reportStepPage: loaderPerShape((steps: keyof typeof REPORT_LINE_STEPS, limit: number, after: CursorValue[] | null) =>
      createPagePerParentLoader<ProgressReportEventEntity>(db, REPORT_LINE_STEPS[steps], limit, after),
    ),
  };
}
