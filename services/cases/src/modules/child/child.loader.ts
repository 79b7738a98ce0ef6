import { findWhereIn, groupedLoader } from '@kinga/shared';
import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { CaregiverEntity, ChildEntity } from './child.entity';

export function createChildLoader(db: DataSource) {
  return new DataLoader<string, ChildEntity | null>(async (ids) => {
    const rows = await findWhereIn(db, ChildEntity, 'id', ids);
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  });
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
