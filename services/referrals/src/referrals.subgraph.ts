import type { SubgraphDefinition } from '@kinga/shared';
import { createReferralsLoaders, type ReferralsContext } from './referrals.context';
import { buildReferralsSchema } from './referrals.schema';
import { loadReferralsSettings, type ReferralsSettings } from './referrals.settings';
import { loadReferralsDemoData } from './demo/load-demo-data';
import { ReferralsInitial1763900000000 } from './migrations/1763900000000-referrals-initial';
import { ReferralsScaleIndexes1764000000000 } from './migrations/1764000000000-scale-indexes';
import { ReferralsStateConstraints1764700000000 } from './migrations/1764700000000-referral-state-constraints';
import { ReferralsAppendOnly1764800000000 } from './migrations/1764800000000-append-only';
import { ReferralsServiceRecordIdempotency1764900000000 } from './migrations/1764900000000-service-record-idempotency';
import { ReferralsSyncIndexes1764200000000 } from './migrations/1764200000000-sync-indexes';
import { ReferralsErasure1765300000000 } from './migrations/1765300000000-erasure';
import { ReferralsAgencyDueIndexes1765400000000 } from './migrations/1765400000000-agency-due-indexes';
import { ReferralsVisibilityIndexes1765600000000 } from './migrations/1765600000000-visibility-indexes';
import { ReferralsCreatedIndex1765800000000 } from './migrations/1765800000000-created-index';
import { ReferralsCountChanges1765900000000 } from './migrations/1765900000000-referral-count-changes';
import { ReferenceCounterEntity, ReferralEntity, ReferralEventEntity } from './modules/referral/referral.entity';
import { createCasesReferredYears } from './modules/indicator/indicator.loader';
import { ReferralStatisticsSnapshots } from './modules/statistics/referral-statistics.snapshots';
import { ServiceRecordEntity } from './modules/service-record/service-record.entity';

/**
 * The subgraph with its own settings: the shared configuration passed to `createContext` drops settings it
 * does not know, so they are bound here (tests bind others, e.g. a maximum statistics age of 0).
 */
export function defineReferralsSubgraph(settingsOf: ReferralsSettings | (() => ReferralsSettings)): SubgraphDefinition<ReferralsContext> {
  return {
    name: 'referrals',
    defaultPort: 4003,
    entities: [ReferralEntity, ReferralEventEntity, ReferenceCounterEntity, ServiceRecordEntity],
    migrations: [
      ReferralsInitial1763900000000,
      ReferralsScaleIndexes1764000000000,
      ReferralsSyncIndexes1764200000000,
      ReferralsStateConstraints1764700000000,
      ReferralsAppendOnly1764800000000,
      ReferralsServiceRecordIdempotency1764900000000,
      ReferralsErasure1765300000000,
      ReferralsAgencyDueIndexes1765400000000,
      ReferralsVisibilityIndexes1765600000000,
      ReferralsCreatedIndex1765800000000,
      ReferralsCountChanges1765900000000,
    ],
    buildSchema: buildReferralsSchema,
    createContext: (database) => {
      const settings = typeof settingsOf === 'function' ? settingsOf() : settingsOf;
      const statistics = new ReferralStatisticsSnapshots(database, settings.statisticsMaxAgeSeconds);
      const casesReferredYears = createCasesReferredYears();
      return (base) => ({ ...base, loaders: createReferralsLoaders(base.db, base, casesReferredYears), statistics });
    },
    loadDemoData: (database, logger) => loadReferralsDemoData(database.dataSource, logger),
  };
}

/** Its settings are read when the subgraph starts (not when this module loads), so a bad one is reported as one. */
export const referralsSubgraph = defineReferralsSubgraph(() => loadReferralsSettings());
