import { countsChildrenHarmed } from '../framework/child-figures';
import { badUserInput, countyCodeSchema, validateInput } from '@kinga/shared';
import { checkPeriod } from '../framework/framework.validation';
import { countsCounties } from '../framework/framework.enums';
import { totalBudgetKes } from '../framework/framework.budget';
import type { ProgrammesContext } from '../../programmes.context';
import type { Period } from '../../common/period';
import type { FocusAreaEntity, IndicatorEntity, ObjectiveEntity, PlanEntity } from '../framework/framework.entity';
import { VarianceStatus } from './variance.enums';
import type { IndicatorVarianceResult, VarianceKey } from './variance.loader';
import type { FocusAreaVariance, ObjectiveVariance, VarianceStatusCounts } from './variance.type';

export function normalisePeriod(period: { year: number; quarter?: number | null }): Period {
  return { year: period.year, quarter: period.quarter ?? null };
}

/** A county (or null for national) and a period of the plan, or BAD_USER_INPUT naming the argument. */
export function checkScope(plan: PlanEntity, countyCode: string | null | undefined, period: Period): void {
  if (countyCode !== null && countyCode !== undefined) validateInput(countyCodeSchema, countyCode, 'countyCode');
  checkPeriod(plan, period, 'period');
}

async function planOf(ctx: ProgrammesContext, planId: string): Promise<PlanEntity> {
  const plan = await ctx.loaders.plan.load(planId);
  if (!plan) throw badUserInput('No plan has this id', 'planId');
  return plan;
}

/** For variance under a framework node, which holds only its plan's id: a plan that is not there fails, never skips the check. */
export async function checkScopeInPlan(
  ctx: ProgrammesContext,
  planId: string,
  countyCode: string | null | undefined,
  period: Period,
): Promise<void> {
  checkScope(await planOf(ctx, planId), countyCode, period);
}

export async function indicatorVariance(
  ctx: ProgrammesContext,
  indicator: IndicatorEntity,
  countyCode: string | null,
  period: Period,
): Promise<IndicatorVarianceResult> {
  await checkScopeInPlan(ctx, indicator.planId, countyCode, period);
  return ctx.loaders.variance.load(varianceKey(indicator, countyCode, period));
}

/** The loader's key: the indicator's unit, direction and aggregation travel with it, since every caller holds them. */
function varianceKey(indicator: IndicatorEntity, countyCode: string | null, period: Period): VarianceKey {
  return {
    indicatorId: indicator.id,
    unit: indicator.unit,
    direction: indicator.direction,
    aggregation: indicator.aggregation,
    aboutChildrenHarmed: countsChildrenHarmed(indicator),
    countsCounties: countsCounties(indicator),
    countyCode,
    year: period.year,
    quarter: period.quarter,
  };
}

/** Variance for every indicator x scope asked, through one loader batch: a fixed number of statements. */
export async function varianceMatrix(
  ctx: ProgrammesContext,
  indicators: IndicatorEntity[],
  countyCodes: Array<string | null>,
  period: Period,
): Promise<IndicatorVarianceResult[]> {
  const results = await ctx.loaders.variance.loadMany(
    indicators.flatMap((indicator) => countyCodes.map((countyCode) => varianceKey(indicator, countyCode, period))),
  );
  return results.map((result) => {
    if (result instanceof Error) throw result;
    return result;
  });
}

export function countStatuses(variances: Array<{ status: VarianceStatus }>): VarianceStatusCounts {
  const count = (status: VarianceStatus) => variances.filter((v) => v.status === status).length;
  return {
    onTrack: count(VarianceStatus.ON_TRACK),
    atRisk: count(VarianceStatus.AT_RISK),
    offTrack: count(VarianceStatus.OFF_TRACK),
    noData: count(VarianceStatus.NO_DATA),
    suppressed: count(VarianceStatus.SUPPRESSED),
  };
}

export async function objectiveVariance(
  ctx: ProgrammesContext,
  objective: ObjectiveEntity,
  countyCode: string | null,
  period: Period,
): Promise<ObjectiveVariance> {
  const [indicators, spend] = await Promise.all([
    ctx.loaders.indicatorsByObjective.load(objective.id),
    ctx.loaders.objectiveSpend.load(objective.id),
  ]);
  const variances = await varianceMatrix(ctx, indicators, [countyCode], period);
  const inScope = spend.filter((s) => countyCode === null || s.countyCode === countyCode);
  const cumulative = inScope.reduce((total, s) => total + s.spendKes, 0);
  const inPeriod = inScope
    .filter((s) => s.year === period.year && (period.quarter === null || s.quarter === period.quarter))
    .reduce((total, s) => total + s.spendKes, 0);
  const budget = objective.indicativeBudgetKes;
  return {
    objectiveId: objective.id,
    countyCode,
    period,
    indicators: variances,
    statusCounts: countStatuses(variances),
    indicativeBudgetKes: budget,
    reportedSpendKes: inPeriod,
    cumulativeSpendKes: cumulative,
    budgetUsedPercent: budget ? Math.round((cumulative / budget) * 100 * 100) / 100 : null,
  };
}

export async function focusAreaVariance(
  ctx: ProgrammesContext,
  focusArea: FocusAreaEntity,
  countyCode: string | null,
  period: Period,
): Promise<FocusAreaVariance> {
  await checkScopeInPlan(ctx, focusArea.planId, countyCode, period);
  const objectives = await ctx.loaders.objectivesByFocusArea.load(focusArea.id);
  const rollups = await Promise.all(objectives.map((objective) => objectiveVariance(ctx, objective, countyCode, period)));
  return {
    focusAreaId: focusArea.id,
    countyCode,
    period,
    objectives: rollups,
    statusCounts: countStatuses(rollups.flatMap((r) => r.indicators)),
    indicativeBudgetKes: totalBudgetKes(rollups.map((r) => r.indicativeBudgetKes)),
    reportedSpendKes: rollups.reduce((total, r) => total + r.reportedSpendKes, 0),
    cumulativeSpendKes: rollups.reduce((total, r) => total + r.cumulativeSpendKes, 0),
  };
}
