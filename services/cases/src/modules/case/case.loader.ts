import { findWhereIn } from '@kinga/shared';
import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { CaseEntity } from './case.entity';

export function createCaseLoader(db: DataSource) {
  return new DataLoader<string, CaseEntity | null>(async (ids) => {
    const rows = await findWhereIn(db, CaseEntity, 'id', ids);
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}
