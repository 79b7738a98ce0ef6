import {
  boundsInOrder,
  checkStatisticsAnswerSize,
  countyCodeSchema,
  filterList,
  SUPPRESSION_THRESHOLD,
  validateInput,
  type Logger,
} from '@kinga/shared';
import { z } from 'zod';
import { ReferralStatus, ServiceType, Urgency } from '../referral/referral.enums';
import { DIMENSION_ORDER } from './referral-statistics.national-table';
import type { ReferralStatisticsSnapshots } from './referral-statistics.snapshots';
import {
  ReferralStatisticsDimension as D,
  STATISTICS_METHOD,
  type ReferralStatistics,
  type ReferralStatisticsCell,
  type ReferralStatisticsFilter,
} from './referral-statistics.type';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

const filterSchema = z
  .object({
    counties: filterList(countyCodeSchema, 47),
    services: filterList(z.nativeEnum(ServiceType)),
    urgencies: filterList(z.nativeEnum(Urgency)),
    statuses: filterList(
      z
        .nativeEnum(ReferralStatus)
        .refine(
          (status): boolean => status !== ReferralStatus.CLOSED,
          'CLOSED is counted as how the referral ended: COMPLETED or DECLINED',
        ),
    ),
    fromMonth: z.string().regex(MONTH, 'must be a month like 2026-01').nullish(),
    toMonth: z.string().regex(MONTH, 'must be a month like 2026-12').nullish(),
  })
  .superRefine(boundsInOrder('fromMonth', 'toMonth'));

const hours = (value: unknown) => (value === null || value === undefined ? null : Math.round(Number(value) * 100) / 100);

/**
 * Referral counts and timings per cell (STATISTICS_METHOD): the national table of the full grouping is computed
 * and suppressed first (or taken from the server's snapshot of it), then cut down to the cells the filter
 * selects, so what a query shows never depends on what it leaves out. Aggregates only, so anyone may ask
 * (DESIGN.md: suppressed aggregates are public).
 */
/**
 * A measure over fewer referrals, or fewer children, than the threshold is withheld even where the cell's count
 * is published: a median over one completed referral is that referral's own hours, its SLA share is 0 or 1, and
 * five referrals of one child describe that child.
 */
const measure = (value: string | number | null, over: string | number | null, children: string | number | null): number | null =>
  Math.min(Number(over ?? 0), Number(children ?? 0)) < SUPPRESSION_THRESHOLD ? null : hours(value);

export async function referralStatistics(
  snapshots: ReferralStatisticsSnapshots,
  logger: Logger,
  groupBy: readonly D[],
  filter: ReferralStatisticsFilter | null | undefined,
): Promise<ReferralStatistics> {
  const valid = validateInput(filterSchema, filter ?? {}, 'filter');
  const wanted = new Set(groupBy);
  if (valid.counties?.length) wanted.add(D.COUNTY);
  if (valid.services?.length) wanted.add(D.SERVICE);
  if (valid.urgencies?.length) wanted.add(D.URGENCY);
  if (valid.statuses?.length) wanted.add(D.STATUS);
  if (valid.fromMonth || valid.toMonth) wanted.add(D.MONTH);
  const dimensions = DIMENSION_ORDER.filter((d) => wanted.has(d));

  const { cells: table, asOf } = await snapshots.table(dimensions, logger);
  const selected = table.filter(({ key }) => {
    if (valid.counties?.length && !valid.counties.includes(key.COUNTY)) return false;
    if (valid.services?.length && !valid.services.includes(key.SERVICE as ServiceType)) return false;
    if (valid.urgencies?.length && !valid.urgencies.includes(key.URGENCY as Urgency)) return false;
    if (valid.statuses?.length && !valid.statuses.includes(key.STATUS as ReferralStatus)) return false;
    if (valid.fromMonth && key.MONTH < valid.fromMonth) return false;
    if (valid.toMonth && key.MONTH > valid.toMonth) return false;
    return true;
  });
  checkStatisticsAnswerSize(selected.length);
  const cells = selected.map(({ key, count, suppressed, row }): ReferralStatisticsCell => ({
    county: key.COUNTY ?? null,
    service: (key.SERVICE as ServiceType | undefined) ?? null,
    urgency: (key.URGENCY as Urgency | undefined) ?? null,
    status: (key.STATUS as ReferralStatus | undefined) ?? null,
    month: key.MONTH ?? null,
    suppressed,
    count: suppressed ? null : count,
    medianHoursToAcknowledge: suppressed ? null : measure(row.ack, row.ack_n, row.ack_children),
    medianHoursToAccept: suppressed ? null : measure(row.accept, row.accept_n, row.accept_children),
    medianHoursToComplete: suppressed ? null : measure(row.complete, row.complete_n, row.complete_children),
    shareCompletedWithinSla: suppressed ? null : measure(row.within_sla, row.complete_n, row.complete_children),
  }));
  return { method: STATISTICS_METHOD, groupBy: dimensions, suppressionThreshold: SUPPRESSION_THRESHOLD, cells, asOf };
}
