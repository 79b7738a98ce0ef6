import type { Logger } from '@kinga/shared';
import type { DataSource } from 'typeorm';
import { AgencyEntity } from '../modules/agency/agency.entity';
import { OpeningHoursEntity, ServiceProviderEntity } from '../modules/service-provider/service-provider.entity';
import { toOpeningHoursRows } from '../modules/service-provider/opening-hours';
import { DEMO_DIRECTORY_AGENCIES, DEMO_DIRECTORY_PROVIDERS } from './demo-directory';

/** Loads the demo directory into an empty schema, in one transaction; a second start finds it there. */
export async function loadDirectoryDemoData(db: DataSource, logger: Logger): Promise<void> {
  if ((await db.getRepository(AgencyEntity).count()) > 0) return;
  await db.transaction(async (manager) => {
    await manager.getRepository(AgencyEntity).insert(DEMO_DIRECTORY_AGENCIES);
    await manager
      .getRepository(ServiceProviderEntity)
      .insert(DEMO_DIRECTORY_PROVIDERS.map(({ openingHours: _hours, ...provider }) => provider));
    const hours = DEMO_DIRECTORY_PROVIDERS.flatMap((provider) => toOpeningHoursRows(provider.id, provider.openingHours));
    if (hours.length > 0) await manager.getRepository(OpeningHoursEntity).insert(hours);
  });
  logger.info({ agencies: DEMO_DIRECTORY_AGENCIES.length, providers: DEMO_DIRECTORY_PROVIDERS.length }, 'loaded the demo directory');
}
