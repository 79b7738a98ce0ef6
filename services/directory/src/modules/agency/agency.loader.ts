import { findWhereIn } from '@kinga/shared';
import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { AgencyEntity } from './agency.entity';

export function createAgencyLoader(dataSource: DataSource) {
  return new DataLoader<string, AgencyEntity | null>(async (ids) => {
    const rows = await findWhereIn(dataSource, AgencyEntity, 'id', ids);
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}
