import { boundsInOrder, countyCodeSchema, filterList, forbidden, Role, validateInput, type Caller } from '@kinga/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { z } from 'zod';
import type { CasesContext } from '../../cases.context';
import { AgeBand, CaseCategory, Sex } from '../case/case.enums';
import { StatisticsDimension, type CaseStatistics, type CaseStatisticsCell, type CaseStatisticsFilter } from './statistics.type';
import { ChangeLoggedSnapshots, checkStatisticsAnswerSize, orderByKey, suppress, SUPPRESSION_THRESHOLD } from '@kinga/shared';

const D = StatisticsDimension;
const DIMENSION_ORDER = [D.COUNTY, D.CATEGORY, D.QUARTER, D.SEX, D.AGE_BAND];

/**
 * Fixed SQL per dimension over the summary `cases.case_statistics_cell` (migration 1764000000000, kept by
 * triggers): nothing from the caller is ever written into the statement.
 */
const DIMENSION_SQL: Record<StatisticsDimension, string> = {
  [D.COUNTY]: 's.county_code',
  [D.CATEGORY]: 's.category',
  [D.QUARTER]: 's.quarter',
  [D.SEX]: 's.sex',
  [D.AGE_BAND]: 's.age_band',
};

const QUARTER = /^\d{4}-Q[1-4]$/;
const filterSchema = z
  .object({
    counties: filterList(countyCodeSchema, 47),
    categories: filterList(z.nativeEnum(CaseCategory)),
    sexes: filterList(z.nativeEnum(Sex)),
    ageBands: filterList(z.nativeEnum(AgeBand)),
    fromQuarter: z.string().regex(QUARTER, 'must be a quarter like 2025-Q1').nullish(),
    toQuarter: z.string().regex(QUARTER, 'must be a quarter like 2025-Q4').nullish(),
  })
  .superRefine(boundsInOrder('fromQuarter', 'toQuarter'));

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

  const table = await ctx.loaders.caseStatisticsTable(dimensions);

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
  checkStatisticsAnswerSize(selected.length);
  const cells = selected.map(({ cell }) => cell);
  return { groupBy: dimensions, threshold: SUPPRESSION_THRESHOLD, cells };
}

/** A suppressed national table in the order it is shown, each cell already in its GraphQL shape. */
type StatisticsTable = Array<{ key: Record<StatisticsDimension, string>; cell: CaseStatisticsCell }>;

/** The change log the case statistics summary's triggers append to (migration 1764100000000). */
export const CASE_STATISTICS_CHANGES = 'cases.case_statistics_change';

/** The national tables one server has computed, by grouping: made once per server (casesSubgraph.createContext). */
export function createCaseStatisticsSnapshots(): ChangeLoggedSnapshots<StatisticsTable> {
  return new ChangeLoggedSnapshots(CASE_STATISTICS_CHANGES);
}

/**
 * The national suppressed table of one grouping, once per request: every County.caseStatistics of an
 * `_entities` batch asks for the same table and only cuts it differently. It depends on nothing of the
 * caller or the filter, so sharing it changes no answer; across requests it is reused until a change to the
 * summary commits (migration 1764100000000), which costs one indexed statement per request instead of an
 * aggregate over the whole summary (70 ms at 1,000,000 cases) and its suppression.
 */
export function createCaseStatisticsTables(db: DataSource, snapshots: ChangeLoggedSnapshots<StatisticsTable>) {
  const tables = new Map<string, Promise<StatisticsTable>>();
  return (dimensions: readonly StatisticsDimension[]): Promise<StatisticsTable> => {
    const cacheKey = dimensions.join(',');
    let table = tables.get(cacheKey);
    if (!table) {
      table = snapshots.current(db, cacheKey, (manager) => nationalTable(manager, dimensions));
      tables.set(cacheKey, table);
    }
    return table;
  };
}

async function nationalTable(manager: EntityManager, dimensions: readonly StatisticsDimension[]): Promise<StatisticsTable> {
  const select = dimensions.map((d, i) => `${DIMENSION_SQL[d]} AS d${i}`);
  const rows: Array<Record<string, string | number>> = await manager.query(
    // Rows of category '*' count each case once; the others once per category of the case.
    `SELECT ${[...select, 'sum(s.n)::int AS n'].join(', ')}
       FROM cases.case_statistics_cell s
      WHERE s.category ${dimensions.includes(D.CATEGORY) ? "<> '*'" : "= '*'"}
       ${dimensions.length > 0 ? `GROUP BY ${dimensions.map((_d, i) => i + 1).join(', ')}` : ''}`,
  );
  const suppressed = suppress(
    rows
      .map((row) => ({
        key: Object.fromEntries(dimensions.map((d, i) => [d, String(row[`d${i}`]).trim()])) as Record<StatisticsDimension, string>,
        count: Number(row.n),
      }))
      .filter((row) => row.count > 0),
    dimensions,
    (key) => ({ key, count: 0 }),
  );
  return orderByKey(suppressed, dimensions).map(({ key, count, suppressed: hidden }) => ({
    key,
    cell: {
      countyCode: key.COUNTY ?? null,
      category: (key.CATEGORY as CaseCategory) ?? null,
      quarter: key.QUARTER ?? null,
      sex: (key.SEX as Sex) ?? null,
      ageBand: (key.AGE_BAND as AgeBand) ?? null,
      count: hidden ? null : count,
      suppressed: hidden,
    },
  }));
}
