import { loaderPerShape, type CursorValue, type SubgraphContext } from '@kinga/shared';
import type { DataSource } from 'typeorm';
import {
  createNestedReferralConnectionLoader,
  createReferralHistoryLoader,
  createReferralLoader,
  createReferralPartiesLoader,
  createServiceRecordPageLoader,
  type NestedConnectionArgs,
  type ReferralParentColumn,
} from './modules/referral/referral.loader';
import { createCasesReferredByYearLoader, type createCasesReferredYears } from './modules/indicator/indicator.loader';
import type { ReferralStatisticsSnapshots } from './modules/statistics/referral-statistics.snapshots';

export interface ReferralsContext extends SubgraphContext {
  loaders: ReturnType<typeof createReferralsLoaders>;
  /** The national statistics tables: unlike the loaders, shared by every request to this server. */
  statistics: ReferralStatisticsSnapshots;
}

/** New loaders per request: batching within it, no cache across callers (but the server's years of referred cases). */
export function createReferralsLoaders(
  db: DataSource,
  base: SubgraphContext,
  casesReferredYears: ReturnType<typeof createCasesReferredYears>,
) {
  return {
    referral: createReferralLoader(db),
    history: createReferralHistoryLoader(db),
    serviceRecordPage: loaderPerShape((limit: number, after: CursorValue[] | null) => createServiceRecordPageLoader(db, limit, after)),
    referralParties: createReferralPartiesLoader(db),
    casesReferredByYear: createCasesReferredByYearLoader(db, casesReferredYears),
    /** One loader per parent kind and arguments, so every case (or provider) of a page shares one statement. */
    nestedReferrals: loaderPerShape(
      (parent: ReferralParentColumn, args: NestedConnectionArgs) => createNestedReferralConnectionLoader(db, base.caller, parent, args),
      (parent, args) => JSON.stringify([parent, args.limit, args.after ?? null, args.statuses ?? null, args.everyReferral === true]),
    ),
  };
}
