import { DirectoryCreateIdempotency1765200000000 } from './migrations/1765200000000-create-idempotency';
import type { SubgraphDefinition } from '@kinga/shared';
import { createDirectoryLoaders, type DirectoryContext } from './directory.context';
import { buildDirectorySchema } from './directory.schema';
import { loadDirectoryDemoData } from './demo/load-demo-data';
import { DirectoryInitial1763800000000 } from './migrations/1763800000000-directory-initial';
import { DirectoryAppendOnly1764800000000 } from './migrations/1764800000000-append-only';
import { AgencyEntity } from './modules/agency/agency.entity';
import { CountyEntity } from './modules/county/county.entity';
import { loadCounties } from './modules/county/county.reference-data';
import { OpeningHoursEntity, ServiceProviderEntity } from './modules/service-provider/service-provider.entity';

export const directorySubgraph: SubgraphDefinition<DirectoryContext> = {
  name: 'directory',
  defaultPort: 4001,
  entities: [CountyEntity, AgencyEntity, ServiceProviderEntity, OpeningHoursEntity],
  migrations: [DirectoryInitial1763800000000, DirectoryAppendOnly1764800000000, DirectoryCreateIdempotency1765200000000],
  buildSchema: buildDirectorySchema,
  createContext: () => (base) => ({ ...base, loaders: createDirectoryLoaders(base.db) }),
  loadReferenceData: (database) => loadCounties(database.dataSource),
  loadDemoData: (database, logger) => loadDirectoryDemoData(database.dataSource, logger),
};
