import { findWhereIn, rowByIdLoader } from '@kinga/shared';
import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { OpeningHoursEntity, ServiceProviderEntity } from './service-provider.entity';

export function createServiceProviderLoader(dataSource: DataSource) {
  return rowByIdLoader((ids) => findWhereIn(dataSource, ServiceProviderEntity, 'id', ids));
}

export function createOpeningHoursLoader(dataSource: DataSource) {
  return new DataLoader<string, OpeningHoursEntity[]>(async (providerIds) => {
    const rows = await findWhereIn(dataSource, OpeningHoursEntity, 'providerId', providerIds);
    const byProvider = new Map<string, OpeningHoursEntity[]>();
    for (const row of rows) byProvider.set(row.providerId, [...(byProvider.get(row.providerId) ?? []), row]);
    return providerIds.map((id) => byProvider.get(id) ?? []);
  });
}
