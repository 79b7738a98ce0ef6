import { findWhereIn, rowByIdLoader } from '@kinga/shared';
import type { DataSource } from 'typeorm';
import { AgencyEntity } from './agency.entity';

export function createAgencyLoader(dataSource: DataSource) {
  return rowByIdLoader((ids) => findWhereIn(dataSource, AgencyEntity, 'id', ids));
}
