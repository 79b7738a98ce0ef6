import { findWhereIn, rowByIdLoader } from '@kinga/shared';
import type { DataSource } from 'typeorm';
import { CaseEntity } from './case.entity';

export function createCaseLoader(db: DataSource) {
  return rowByIdLoader((ids) => findWhereIn(db, CaseEntity, 'id', ids));
}
