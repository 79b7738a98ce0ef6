import { LiveMetric, observedCountsOf, observedIndicator } from '@kinga/shared';
import type { CasesContext } from '../../cases.context';

/** What this subgraph's records observe for the NPA indicators linked to SEC_CASES_REPORTED. */
export const indicatorObservation = observedIndicator<CasesContext>({
  metric: LiveMetric.SEC_CASES_REPORTED,
  field: 'observedCaseCount',
  counts: 'cases of sexual exploitation of children opened in Kinga',
  load: async (ctx, period) => observedCountsOf(await ctx.loaders.secCasesByYear.load(period.year), period),
});
