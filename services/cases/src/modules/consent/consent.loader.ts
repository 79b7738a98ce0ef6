import { findWhereIn } from '@kinga/shared';
import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { ConsentEntity } from './consent.entity';

/** Every consent of each case, oldest first: the rules need them all (revoked and expired ones decide nothing). */
export function createConsentsByCaseLoader(db: DataSource) {
  return new DataLoader<string, ConsentEntity[]>(async (caseIds) => {
    const rows = await findWhereIn(db, ConsentEntity, 'caseId', caseIds, [
      ['givenAt', 'ASC'],
      ['id', 'ASC'],
    ]);
    const byCase = new Map<string, ConsentEntity[]>();
    for (const row of rows) byCase.set(row.caseId, [...(byCase.get(row.caseId) ?? []), row]);
    return caseIds.map((id) => byCase.get(id) ?? []);
  });
}
