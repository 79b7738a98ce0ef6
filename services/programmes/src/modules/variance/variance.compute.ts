import { KENYAN_COUNTY_CODES, kenyanDate } from '@kinga/shared';
import type { Period } from '../../common/period';
import { IndicatorAggregation, IndicatorDirection, IndicatorUnit, NUMERIC_UNITS } from '../framework/framework.enums';
import { AchievementStatus } from '../report/report.enums';
import { VarianceStatus } from './variance.enums';

export interface TargetFact {
  countyCode: string | null;
  year: number;
  quarter: number | null;
  baseline: number | null;
  targetValue: number;
}

export interface ActualFact {
  countyCode: string;
  /** The reporting agency: each agency reports its own part of a county's figure. */
  agencyId: string;
  year: number;
  quarter: number;
  actualValue: number | null;
  denominator: number | null;
  achievement: AchievementStatus | null;
}

/** How many counties of a scope stand at each achievement (their own most advanced), and how many said nothing. */
export interface AchievementCounts {
  achieved: number;
  inProgress: number;
  notStarted: number;
  notReported: number;
}

export interface VarianceFigures {
  target: number | null;
  baseline: number | null;
  actual: number | null;
  achievement: AchievementStatus | null;
  achievementCounts: AchievementCounts | null;
  absoluteVariance: number | null;
  relativeVariance: number | null;
  status: VarianceStatus;
  /** The approved reports the actual is made of. */
  reportCount: number;
  /** How many counties those reports are from. */
  countiesReported: number;
  /** A percentage's children: the denominators of the reports its actual is made of (0 for other units). */
  childrenCounted: number;
  /** Whether the target is a national percentage made of county targets weighted by their denominators. */
  targetWeighted: boolean;
  /** The counties whose reports the actual may be made of: those of the targets it is set beside, or null for all. */
  counties: readonly string[] | null;
}

const countiesOf = (reports: ActualFact[]) => new Set(reports.map((r) => r.countyCode)).size;

export const ON_TRACK_RATIO = 0.9;
export const AT_RISK_RATIO = 0.6;

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const mean = (values: number[]) => (values.length ? sum(values) / values.length : null);

/** COUNT targets add up over quarters and counties; PERCENT targets are averaged. */
function combine(unit: IndicatorUnit, values: number[]): number | null {
  if (values.length === 0) return null;
  return unit === IndicatorUnit.PERCENT ? mean(values) : sum(values);
}

/**
 * A target; `counties`, when it was made of those counties' own targets (nationally, without a national one),
 * with each county's own in `countyValues`.
 */
type TargetPick = { value: number; baseline: number | null; counties?: string[]; countyValues?: Map<string, number> } | null;

/** The target of one scope (a county, or the national row) for a period. */
function targetOfScope(unit: IndicatorUnit, rows: TargetFact[], period: Period, aggregation: IndicatorAggregation): TargetPick {
  const inYear = rows.filter((t) => t.year === period.year);
  if (period.quarter !== null) {
    const row = inYear.find((t) => t.quarter === period.quarter);
    return row ? { value: row.targetValue, baseline: row.baseline } : null;
  }
  const yearly = inYear.find((t) => t.quarter === null);
  if (yearly) return { value: yearly.targetValue, baseline: yearly.baseline };
  // A level aimed at for the year is the one aimed at by its end.
  if (aggregation === IndicatorAggregation.LEVEL) {
    const last = inYear.find((t) => t.quarter === 4);
    return last ? { value: last.targetValue, baseline: inYear.find((t) => t.quarter === 1)?.baseline ?? null } : null;
  }
  // Without a yearly target, four quarterly ones make one; fewer would understate the year. Its baseline is made
  // the same way, so that the two compare: a count's four quarterly baselines added up (one quarter's beside the
  // sum of four read as planning a fourfold rise), known only when all four are; a percentage's their mean.
  const quarters = inYear.filter((t) => t.quarter !== null);
  if (quarters.length !== 4) return null;
  const baselines = quarters.map((q) => q.baseline).filter((b): b is number => b !== null);
  return {
    value: combine(
      unit,
      quarters.map((q) => q.targetValue),
    ) as number,
    baseline: unit === IndicatorUnit.PERCENT ? mean(baselines) : baselines.length === 4 ? sum(baselines) : null,
  };
}

/**
 * A county's own target; nationally the national target, or else the counties' targets combined (sum, or
 * mean for percentages).
 */
export function resolveTarget(
  unit: IndicatorUnit,
  targets: TargetFact[],
  countyCode: string | null,
  period: Period,
  aggregation: IndicatorAggregation = IndicatorAggregation.FLOW,
): TargetPick {
  if (countyCode !== null)
    return targetOfScope(
      unit,
      targets.filter((t) => t.countyCode === countyCode),
      period,
      aggregation,
    );
  const national = targetOfScope(
    unit,
    targets.filter((t) => t.countyCode === null),
    period,
    aggregation,
  );
  if (national) return national;
  const counties = [...new Set(targets.filter((t) => t.countyCode !== null).map((t) => t.countyCode as string))];
  const picks = counties
    .map((county) => ({
      county,
      pick: targetOfScope(
        unit,
        targets.filter((t) => t.countyCode === county),
        period,
        aggregation,
      ),
    }))
    .filter((p): p is { county: string; pick: NonNullable<TargetPick> } => p.pick !== null);
  if (picks.length === 0) return null;
  const baselines = picks.map((p) => p.pick.baseline).filter((b): b is number => b !== null);
  return {
    value: combine(
      unit,
      picks.map((p) => p.pick.value),
    ) as number,
    baseline: baselines.length === picks.length ? combine(unit, baselines) : null,
    counties: picks.map((p) => p.county),
    countyValues: new Map(picks.map((p) => [p.county, p.pick.value])),
  };
}

/**
 * A national percentage made of counties' targets, set beside the actual as the actual is combined: each
 * county's target weighted by the denominators its reports give, so that every county on its own target
 * makes the nation on its target. The plain mean otherwise (as `combineActuals` falls back to it).
 */
function weightedTarget(target: NonNullable<TargetPick>, reports: ActualFact[]): NonNullable<TargetPick> {
  const values = reports.filter((r) => r.actualValue !== null);
  const countyValues = target.countyValues;
  if (!countyValues || values.length === 0 || !values.every((r) => r.denominator !== null && r.denominator > 0)) return target;
  const weights = new Map<string, number>();
  for (const r of values) weights.set(r.countyCode, (weights.get(r.countyCode) ?? 0) + (r.denominator as number));
  let weighted = 0;
  let total = 0;
  for (const [county, weight] of weights) {
    const value = countyValues.get(county);
    if (value === undefined) continue;
    weighted += value * weight;
    total += weight;
  }
  return total > 0 ? { ...target, value: round(weighted / total) } : target;
}

/**
 * COUNT: the sum of the reports. PERCENT: the mean weighted by each report's denominator (the number the
 * percentage is of) when every report gives one, otherwise the plain mean.
 */
export function combineActuals(unit: IndicatorUnit, reports: ActualFact[]): number | null {
  const values = reports.filter((r) => r.actualValue !== null);
  if (values.length === 0) return null;
  if (unit !== IndicatorUnit.PERCENT) return sum(values.map((r) => r.actualValue as number));
  const weighted = values.every((r) => r.denominator !== null && r.denominator > 0);
  if (!weighted) return mean(values.map((r) => r.actualValue as number));
  const weights = sum(values.map((r) => r.denominator as number));
  return sum(values.map((r) => (r.actualValue as number) * (r.denominator as number))) / weights;
}

/**
 * A level over a period: each agency's latest reported level in each county (an agency whose last quarter is
 * still a draft counts with the one before), added up per county and over the counties.
 */
function levelActuals(reports: ActualFact[], countsCounties: boolean): ActualFact[] {
  const reporter = (r: ActualFact) => `${r.countyCode}|${r.agencyId}`;
  const latest = new Map<string, number>();
  for (const r of reports) if (r.actualValue !== null) latest.set(reporter(r), Math.max(latest.get(reporter(r)) ?? 0, r.quarter));
  const levels = reports.filter((r) => r.actualValue !== null && latest.get(reporter(r)) === r.quarter);
  if (!countsCounties) return levels;
  // A county has it or not: two agencies saying so count it once.
  const byCounty = new Map<string, ActualFact>();
  for (const r of levels) {
    const seen = byCounty.get(r.countyCode);
    if (!seen || (r.actualValue as number) > (seen.actualValue as number)) byCounty.set(r.countyCode, r);
  }
  return [...byCounty.values()].map((r) => ({ ...r, actualValue: Math.min(1, r.actualValue as number) }));
}

const ACHIEVEMENT_ORDER = [AchievementStatus.NOT_STARTED, AchievementStatus.IN_PROGRESS, AchievementStatus.ACHIEVED];
const rank = (achievement: AchievementStatus) => ACHIEVEMENT_ORDER.indexOf(achievement);

/**
 * The most advanced achievement reported, in a county or nationally. Nationally it can overstate (one county's
 * ACHIEVED beside others' NOT_STARTED), but the least advanced county's would fail a national output filed under
 * one county (a law, a directory) whenever another county reports nothing done locally, and would read a county
 * that never reported as done: one status cannot say both.
 */
function achievementOf(reports: ActualFact[]): AchievementStatus | null {
  const ranks = reports.flatMap((r) => (r.achievement === null ? [] : [rank(r.achievement)]));
  return ranks.length ? ACHIEVEMENT_ORDER[Math.max(...ranks)] : null;
}

/**
 * Each county of the scope by its own most advanced achievement, so that a national status carried by one
 * county's ACHIEVED is read beside how many others have not started or said nothing.
 */
export function achievementCountsOf(reports: ActualFact[], counties: readonly string[]): AchievementCounts {
  const counts: AchievementCounts = { achieved: 0, inProgress: 0, notStarted: 0, notReported: 0 };
  for (const county of counties) {
    const achievement = achievementOf(reports.filter((r) => r.countyCode === county));
    if (achievement === AchievementStatus.ACHIEVED) counts.achieved += 1;
    else if (achievement === AchievementStatus.IN_PROGRESS) counts.inProgress += 1;
    else if (achievement === AchievementStatus.NOT_STARTED) counts.notStarted += 1;
    else counts.notReported += 1;
  }
  return counts;
}

/**
 * More-is-better: the share of the target reached. Less-is-better: the target as a share of the actual, so
 * that the same thresholds hold (at most a ninth above the target is on track); at or below it, on track.
 */
export function statusFromRatio(
  actual: number,
  target: number,
  direction: IndicatorDirection = IndicatorDirection.INCREASE,
): VarianceStatus {
  if (direction === IndicatorDirection.DECREASE) {
    if (actual <= target) return VarianceStatus.ON_TRACK;
    return statusFromRatio(target, actual);
  }
  if (target === 0) return VarianceStatus.ON_TRACK;
  const ratio = actual / target;
  if (ratio >= ON_TRACK_RATIO) return VarianceStatus.ON_TRACK;
  if (ratio >= AT_RISK_RATIO) return VarianceStatus.AT_RISK;
  return VarianceStatus.OFF_TRACK;
}

const round = (value: number) => Math.round(value * 10_000) / 10_000;

/**
 * Whether the reports cover every quarter of the period for every county the figure is about: the county
 * itself; nationally, the counties whose targets make up the national one, or all 47 against a national
 * target (counting only those that reported would let a few counties' sum pass for the nation's). A count
 * summed over part of a period is small, which on a less-is-better indicator would read as success.
 */
export function coversPeriod(counties: readonly string[], reports: ActualFact[], period: Period): boolean {
  const quarters = period.quarter !== null ? [period.quarter] : [1, 2, 3, 4];
  const reported = new Set(reports.filter((r) => r.actualValue !== null).map((r) => `${r.countyCode}|${r.quarter}`));
  return counties.length > 0 && counties.every((county) => quarters.every((quarter) => reported.has(`${county}|${quarter}`)));
}

/** Whether a period has ended by `today` (a Kenyan date, YYYY-MM-DD). */
export function hasEnded(period: Period, today: string): boolean {
  const endMonth = period.quarter ? period.quarter * 3 : 12;
  const end = endMonth === 12 ? `${period.year + 1}-01-01` : `${period.year}-${String(endMonth + 1).padStart(2, '0')}-01`;
  return today >= end;
}

/** Target, actual and variance of one indicator for one scope (a county, or national when null) and period. */
export function computeVariance(
  unit: IndicatorUnit,
  direction: IndicatorDirection,
  targets: TargetFact[],
  approved: readonly ActualFact[],
  countyCode: string | null,
  period: Period,
  {
    aggregation = IndicatorAggregation.FLOW,
    countsCounties = false,
    today = kenyanDate(new Date()),
  }: { aggregation?: IndicatorAggregation; countsCounties?: boolean; today?: string } = {},
): VarianceFigures {
  const reports = approved.filter(
    (r) =>
      (countyCode === null || r.countyCode === countyCode) &&
      r.year === period.year &&
      (period.quarter === null || r.quarter === period.quarter),
  );
  if (!NUMERIC_UNITS.has(unit)) {
    const achievement = achievementOf(reports);
    const status =
      achievement === AchievementStatus.ACHIEVED
        ? VarianceStatus.ON_TRACK
        : achievement === AchievementStatus.IN_PROGRESS
          ? VarianceStatus.AT_RISK
          : achievement === AchievementStatus.NOT_STARTED
            ? VarianceStatus.OFF_TRACK
            : VarianceStatus.NO_DATA;
    return {
      target: null,
      baseline: null,
      actual: null,
      achievement,
      achievementCounts: achievementCountsOf(reports, countyCode === null ? KENYAN_COUNTY_CODES : [countyCode]),
      absoluteVariance: null,
      relativeVariance: null,
      status,
      reportCount: reports.length,
      countiesReported: countiesOf(reports),
      childrenCounted: 0,
      targetWeighted: false,
      counties: null,
    };
  }
  const level = unit === IndicatorUnit.COUNT && aggregation === IndicatorAggregation.LEVEL;
  const resolved = resolveTarget(unit, targets, countyCode, period, aggregation);
  // A national target made of some counties' targets is set beside those counties' reports only.
  const compared = resolved?.counties ? reports.filter((r) => resolved.counties?.includes(r.countyCode)) : reports;
  const combined = level ? levelActuals(compared, countsCounties) : compared;
  const target = resolved?.counties && unit === IndicatorUnit.PERCENT ? weightedTarget(resolved, combined) : resolved;
  const actualRaw = combineActuals(unit, combined);
  const actual = actualRaw === null ? null : round(actualRaw);
  const both = target !== null && actual !== null;
  // A level is known for the period once its last quarter is in; it can fall as well as rise before then.
  const counties = countyCode !== null ? [countyCode] : (target?.counties ?? KENYAN_COUNTY_CODES);
  // Nor is a period over before it ends: a quarter reported while it runs is part of one.
  const covered =
    hasEnded(period, today) && coversPeriod(counties, compared, level ? { year: period.year, quarter: period.quarter ?? 4 } : period);
  const status = both
    ? level && !covered
      ? VarianceStatus.NO_DATA
      : judge(unit, direction, actual, target.value, covered)
    : VarianceStatus.NO_DATA;
  return {
    target: target?.value ?? null,
    baseline: target?.baseline ?? null,
    actual,
    achievement: null,
    achievementCounts: null,
    absoluteVariance: both ? round(actual - target.value) : null,
    relativeVariance: both && target.value !== 0 ? round((actual - target.value) / target.value) : null,
    status,
    // A level counts each agency's latest quarter (and a county once where counties are counted): those it stands on.
    reportCount: combined.length,
    countiesReported: countiesOf(combined.filter((r) => r.actualValue !== null)),
    childrenCounted:
      unit === IndicatorUnit.PERCENT ? sum(combined.filter((r) => r.actualValue !== null).map((r) => r.denominator ?? 0)) : 0,
    targetWeighted: target !== null && target !== resolved,
    counties: resolved?.counties ?? null,
  };
}

/**
 * A count over part of its period (a quarter or county not yet reported) can only grow: it shows a
 * more-is-better target already reached, and nothing else yet (red for every count until the fourth
 * quarter is in, or green for a partial sum of a less-is-better one, would both mislead). Percentages are
 * judged as they stand.
 */
function judge(unit: IndicatorUnit, direction: IndicatorDirection, actual: number, target: number, covered: boolean): VarianceStatus {
  const status = statusFromRatio(actual, target, direction);
  if (unit !== IndicatorUnit.COUNT || covered) return status;
  return direction === IndicatorDirection.INCREASE && status === VarianceStatus.ON_TRACK ? status : VarianceStatus.NO_DATA;
}
