import { createPagePerParentLoader, findWhereIn, groupedLoader, rowByIdLoader, type CursorValue, type PagePerParent } from '@kinga/shared';
import type { DataSource } from 'typeorm';
import { ChildEntity, type CaregiverEntity } from './child.entity';

const CAREGIVER_FIELDS = 't.id, t.child_id AS "childId", t.position, t.name, t.relationship, t.phone, t.removed_at AS "removedAt"';

export function createChildLoader(db: DataSource) {
  return rowByIdLoader((ids) => findWhereIn(db, ChildEntity, 'id', ids));
}

/** Each child's current caregivers, in the officer's order (the first is the main contact), in one statement. */
export function createCaregiversLoader(db: DataSource) {
  return groupedLoader<CaregiverEntity>(
    (childIds) =>
      db.query(
        `SELECT ${CAREGIVER_FIELDS} FROM cases.caregiver t WHERE t.child_id = ANY($1::uuid[]) AND t.removed_at IS NULL ORDER BY t.child_id, t.position`,
        [childIds],
      ),
    (row) => row.childId,
  );
}

/** The caregivers an update replaced, latest first, and those replaced together in the order they were listed. */
export const FORMER_CAREGIVERS: PagePerParent = {
  table: 'cases.caregiver',
  parentColumn: 'child_id',
  select: CAREGIVER_FIELDS,
  where: 't.removed_at IS NOT NULL',
  keys: [
    { column: 't.removed_at', type: 'timestamptz' },
    // Descending like the rest, so the first listed (the lowest position) comes first.
    { column: '-t.position', type: 'int8' },
    { column: 't.id', type: 'uuid' },
  ],
  direction: 'DESC',
};

export function createFormerCaregiversPageLoader(db: DataSource, limit: number, after: CursorValue[] | null) {
  return createPagePerParentLoader<CaregiverEntity>(db, FORMER_CAREGIVERS, limit, after);
}
