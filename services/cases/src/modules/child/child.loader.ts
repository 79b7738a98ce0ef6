import { findWhereIn, rowByIdLoader, groupedLoader } from '@kinga/shared';
import type { DataSource } from 'typeorm';
import { CaregiverEntity, ChildEntity } from './child.entity';

export function createChildLoader(db: DataSource) {
  return rowByIdLoader((ids) => findWhereIn(db, ChildEntity, 'id', ids));
}

/**
 * Every caregiver each child has had, current ones first (in the officer's order), then those an update
 * replaced, latest first: one statement serves both `caregivers` and `formerCaregivers`.
 */
export function createCaregiversLoader(db: DataSource) {
  return groupedLoader(
    (childIds) =>
      findWhereIn(db, CaregiverEntity, 'childId', childIds, [
        ['removedAt', 'DESC'],
        ['position', 'ASC'],
      ]),
    (row) => row.childId,
  );
}
