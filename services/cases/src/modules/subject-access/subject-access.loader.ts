import { findWhere, findWhereIn, rowByIdLoader, SqlConditions, SubjectAccessStatus } from '@kinga/shared';
import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { SubjectAccessRequestEntity } from './subject-access.entity';

/** Whether each case has an OPEN subject access request: one statement for every case of a fetch. */
export function createOpenSubjectAccessLoader(db: DataSource) {
  return new DataLoader<string, boolean>(async (caseIds) => {
    const conditions = new SqlConditions();
    conditions
      .where(`case_id = ANY(${conditions.param([...caseIds])}::uuid[])`)
      .where(`status = ${conditions.param(SubjectAccessStatus.OPEN)}`);
    // A partial unique index keeps one OPEN request per case, so there are at most as many rows as cases.
    const open = await findWhere(db, SubjectAccessRequestEntity, conditions, [], caseIds.length);
    const withOpenRequest = new Set(open.map((row) => row.caseId));
    return caseIds.map((id) => withOpenRequest.has(id));
  });
}

/** Requests by id: every request of an `_entities` call in one statement. */
export function createSubjectAccessRequestLoader(db: DataSource) {
  return rowByIdLoader((ids) => findWhereIn(db, SubjectAccessRequestEntity, 'id', ids));
}
