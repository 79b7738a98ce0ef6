import { COUNTY_CODE, forbidden, Role, validateInput, type Caller } from '@kinga/shared';
import { z } from 'zod';
import type { CasesContext } from '../../cases.context';
import { AgeBand, CaseCategory, Sex } from '../case/case.enums';
import { StatisticsDimension, type CaseStatistics, type CaseStatisticsCell, type CaseStatisticsFilter } from './statistics.type';
import { suppress, SUPPRESSION_THRESHOLD } from '@kinga/shared';

const D = StatisticsDimension;
const DIMENSION_ORDER = [D.COUNTY, D.CATEGORY, D.QUARTER, D.SEX, D.AGE_BAND];

const AGE_AT_OPENING = `CASE WHEN ch.date_of_birth IS NOT NULL THEN date_part('year', age(c.opened_on, ch.date_of_birth))
  ELSE ch.estimated_age_years + date_part('year', age(c.opened_on, ch.age_estimated_on)) END`;

/** Fixed SQL per dimension: nothing from the caller is ever written into the statement. */
const DIMENSION_SQL: Record<StatisticsDimension, string> = {
  [D.COUNTY]: 'c.county_code',
  [D.CATEGORY]: 'category',
  [D.QUARTER]: `to_char(c.opened_on, 'YYYY') || '-Q' || to_char(c.opened_on, 'Q')`,
  [D.SEX]: 'ch.sex',
  [D.AGE_BAND]: `CASE WHEN (${AGE_AT_OPENING}) <= 4 THEN 'AGE_0_4' WHEN (${AGE_AT_OPENING}) <= 9 THEN 'AGE_5_9'
    WHEN (${AGE_AT_OPENING}) <= 14 THEN 'AGE_10_14' ELSE 'AGE_15_17' END`,
};

const QUARTER = /^\d{4}-Q[1-4]$/;
const filterSchema = z.object({
  counties: z.array(z.string().regex(COUNTY_CODE, 'must be three-digit county codes, e.g. "047"')).max(47).nullish(),
  categories: z.array(z.nativeEnum(CaseCategory)).nullish(),
  sexes: z.array(z.nativeEnum(Sex)).nullish(),
  ageBands: z.array(z.nativeEnum(AgeBand)).nullish(),
  fromQuarter: z.string().regex(QUARTER, 'must be a quarter like 2025-Q1').nullish(),
  toQuarter: z.string().regex(QUARTER, 'must be a quarter like 2025-Q4').nullish(),
});

export const STATISTICS_ROLES = [Role.ANALYST, Role.PROGRAMME_OFFICER, Role.DCS_SUPERVISOR] as const;

/**
 * Suppressed case counts (see STATISTICS_METHOD). The table is always computed nationally over every
 * quarter for the full grouping, suppressed, and only then cut down to the cells the filter and the
 * caller's counties select: what a query shows never depends on what it leaves out.
 */
export async function caseStatistics(
  ctx: CasesContext,
  groupBy: readonly StatisticsDimension[],
  filter: CaseStatisticsFilter | null | undefined,
): Promise<CaseStatistics> {
  const caller = ctx.caller as Caller;
  const valid = validateInput(filterSchema, filter ?? {}, 'filter');
  const countyBound = caller.role === Role.DCS_SUPERVISOR && caller.counties.length > 0;
  if (countyBound && valid.counties?.some((code) => !caller.counties.includes(code))) {
    throw forbidden('filter.counties: a supervisor sees statistics of their own counties only');
  }
  const wanted = new Set(groupBy);
  if (valid.counties?.length || countyBound) wanted.add(D.COUNTY);
  if (valid.categories?.length) wanted.add(D.CATEGORY);
  if (valid.sexes?.length) wanted.add(D.SEX);
  if (valid.ageBands?.length) wanted.add(D.AGE_BAND);
  if (valid.fromQuarter || valid.toQuarter) wanted.add(D.QUARTER);
  const dimensions = DIMENSION_ORDER.filter((d) => wanted.has(d));

  const select = dimensions.map((d, i) => `${DIMENSION_SQL[d]} AS d${i}`);
  const rows: Array<Record<string, string | number>> = await ctx.db.query(
    `SELECT ${[...select, 'count(DISTINCT c.id)::int AS n'].join(', ')}
       FROM cases."case" c JOIN cases.child ch ON ch.id = c.child_id
       ${wanted.has(D.CATEGORY) ? 'CROSS JOIN LATERAL unnest(c.categories) AS category' : ''}
       ${dimensions.length > 0 ? `GROUP BY ${dimensions.map((_d, i) => i + 1).join(', ')}` : ''}`,
  );
  const table = suppress(
    rows
      .map((row) => ({
        key: Object.fromEntries(dimensions.map((d, i) => [d, String(row[`d${i}`]).trim()])) as Record<StatisticsDimension, string>,
        count: Number(row.n),
      }))
      .filter((row) => row.count > 0),
    dimensions,
  );

  const counties = countyBound
    ? new Set(valid.counties?.length ? valid.counties : caller.counties)
    : valid.counties?.length
      ? new Set(valid.counties)
      : null;
  const selected = table.filter(({ key }) => {
    if (counties && !counties.has(key.COUNTY)) return false;
    if (valid.categories?.length && !valid.categories.includes(key.CATEGORY as CaseCategory)) return false;
    if (valid.sexes?.length && !valid.sexes.includes(key.SEX as Sex)) return false;
    if (valid.ageBands?.length && !valid.ageBands.includes(key.AGE_BAND as AgeBand)) return false;
    if (valid.fromQuarter && key.QUARTER < valid.fromQuarter) return false;
    if (valid.toQuarter && key.QUARTER > valid.toQuarter) return false;
    return true;
  });
  const cells: CaseStatisticsCell[] = selected
    .sort((a, b) => dimensions.map((d) => a.key[d].localeCompare(b.key[d])).find((c) => c !== 0) ?? 0)
    .map(({ key, count, suppressed }) => ({
      countyCode: key.COUNTY ?? null,
      category: (key.CATEGORY as CaseCategory) ?? null,
      quarter: key.QUARTER ?? null,
      sex: (key.SEX as Sex) ?? null,
      ageBand: (key.AGE_BAND as AgeBand) ?? null,
      count: suppressed ? null : count,
      suppressed,
    }));
  return { groupBy: dimensions, threshold: SUPPRESSION_THRESHOLD, cells };
}
