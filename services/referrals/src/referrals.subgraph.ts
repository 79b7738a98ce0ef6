import type { SubgraphDefinition } from '@kinga/shared';
import { createReferralsLoaders, type ReferralsContext } from './referrals.context';
import { buildReferralsSchema } from './referrals.schema';
import { loadReferralsDemoData } from './demo/load-demo-data';
import { ReferralsInitial1763900000000 } from './migrations/1763900000000-referrals-initial';
import { ReferralsScaleIndexes1764000000000 } from './migrations/1764000000000-scale-indexes';
import { createGatewayClient } from './modules/referral/gateway-client';
import { ReferenceCounterEntity, ReferralEntity, ReferralEventEntity } from './modules/referral/referral.entity';
import { ServiceRecordEntity } from './modules/service-record/service-record.entity';

export const referralsSubgraph: SubgraphDefinition<ReferralsContext> = {
  name: 'referrals',
  defaultPort: 4003,
  entities: [ReferralEntity, ReferralEventEntity, ReferenceCounterEntity, ServiceRecordEntity],
  migrations: [ReferralsInitial1763900000000, ReferralsScaleIndexes1764000000000],
  buildSchema: buildReferralsSchema,
  extendContext: (base, database, config) => ({
    ...base,
    db: database.dataSource,
    gateway: createGatewayClient(config.GATEWAY_URL),
    loaders: createReferralsLoaders(database.dataSource, base),
  }),
  loadDemoData: (database, logger) => loadReferralsDemoData(database.dataSource, logger),
};
