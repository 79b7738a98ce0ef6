import { LiveMetric, observedCountsOf, observedIndicator } from '@kinga/shared';
import type { ReferralsContext } from '../../referrals.context';

/** What this subgraph's records observe for the NPA indicators linked to CASES_REFERRED. */
export const indicatorObservation = observedIndicator<ReferralsContext>({
  metric: LiveMetric.CASES_REFERRED,
  field: 'observedReferralCount',
  counts: 'cases referred to a service provider at least once',
  load: async (ctx, period) => observedCountsOf(await ctx.loaders.casesReferredByYear.load(period.year), period),
});
