import { findWhereIn } from '@kinga/shared';
import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { CountyEntity } from './county.entity';

export function createCountyLoader(dataSource: DataSource) {
  return new DataLoader<string, CountyEntity | null>(async (codes) => {
    const rows = await findWhereIn(dataSource, CountyEntity, 'code', codes);
    const byCode = new Map(rows.map((row) => [row.code, row]));
    return codes.map((code) => byCode.get(code) ?? null);
  });
}
