import type { SubgraphContext } from '@kinga/shared';
import type { DataSource } from 'typeorm';
import { createAgencyLoader } from './modules/agency/agency.loader';
import { createCountyLoader } from './modules/county/county.loader';
import { createOpeningHoursLoader, createServiceProviderLoader } from './modules/service-provider/service-provider.loader';

export interface DirectoryContext extends SubgraphContext {
  loaders: ReturnType<typeof createDirectoryLoaders>;
}

/** New loaders per request: batching within it, no cache across callers. */
export function createDirectoryLoaders(db: DataSource) {
  return {
    county: createCountyLoader(db),
    agency: createAgencyLoader(db),
    serviceProvider: createServiceProviderLoader(db),
    openingHours: createOpeningHoursLoader(db),
  };
}
