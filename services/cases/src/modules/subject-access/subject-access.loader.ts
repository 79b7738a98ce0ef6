import { findWhereIn, SubjectAccessStatus } from '@kinga/shared';
import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { SubjectAccessRequestEntity } from './subject-access.entity';

/** Whether each case has an OPEN subject access request: one statement for every case of a fetch. */
export function createOpenSubjectAccessLoader(db: DataSource) {
  return new DataLoader<string, boolean>(async (caseIds) => {
    const rows = await findWhereIn(db, SubjectAccessRequestEntity, 'caseId', caseIds);
    const open = new Set(rows.filter((row) => row.status === SubjectAccessStatus.OPEN).map((row) => row.caseId));
    return caseIds.map((id) => open.has(id));
  });
}
