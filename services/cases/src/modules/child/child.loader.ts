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

/** The current caregivers of each child: those an update replaced are kept, but are not the child's caregivers. */
export function createCaregiversLoader(db: DataSource) {
  return groupedLoader(
    async (childIds) =>
      (await findWhereIn(db, CaregiverEntity, 'childId', childIds, [['position', 'ASC']])).filter((row) => row.removedAt === null),
    (row) => row.childId,
  );
}
