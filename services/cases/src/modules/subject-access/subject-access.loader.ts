import { findWhereIn, groupedLoader } from '@kinga/shared';
import type { DataSource } from 'typeorm';
import { CaseEntity } from '../case/case.entity';

/** Every case of each child, oldest first: what a subject access request covers, one statement per batch. */
export function createCasesByChildLoader(db: DataSource) {
  return groupedLoader(
    (childIds) =>
      findWhereIn(db, CaseEntity, 'childId', childIds, [
        ['openedOn', 'ASC'],
        ['id', 'ASC'],
      ]),
    (row) => row.childId,
  );
}
