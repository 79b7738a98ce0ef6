import { LiveMetric } from '@kinga/shared';

/**
 * Indicators whose figure Kinga's own records can produce, by their exact name in the matrix. Only these:
 * the cases subgraph counts sexual-exploitation cases opened, the referrals subgraph counts cases referred.
 * Court outcomes, trainings and forums are not in Kinga's data, so no other indicator is linked.
 */
export const LIVE_METRIC_BY_INDICATOR_NAME: Readonly<Record<string, LiveMetric>> = {
  'No. of reported cases of SEC': LiveMetric.SEC_CASES_REPORTED,
  'Number of cases of SEC reported': LiveMetric.SEC_CASES_REPORTED,
  'No. of referred cases': LiveMetric.CASES_REFERRED,
};

export function liveMetricFor(indicatorName: string): LiveMetric | null {
  return LIVE_METRIC_BY_INDICATOR_NAME[indicatorName] ?? null;
}
