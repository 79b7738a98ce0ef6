import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { KENYAN_COUNTY_CODES } from '@kinga/shared';
import { checkId } from '../../common/ids';
import { ProgrammePeriodInput } from '../../common/period';
import type { ProgrammesContext } from '../../programmes.context';
import { CountyRef } from '../federation/federation.types';
import type { FocusAreaEntity, IndicatorEntity, ObjectiveEntity } from '../framework/framework.entity';
import { requirePlan } from '../framework/framework.service';
import { Indicator, ProgrammeFocusArea, ProgrammeObjective } from '../framework/framework.type';
import type { IndicatorVarianceResult } from './variance.loader';
import { checkScope, normalisePeriod, varianceMatrix } from './variance.service';
import { FocusAreaVariance, IndicatorVariance, ObjectiveVariance } from './variance.type';
import { badUserInput } from '@kinga/shared';

/** Indicators of a plan, or the ones named (which must belong to it). */
export async function indicatorsFor(
  ctx: ProgrammesContext,
  planId: string,
  indicatorIds: string[] | null | undefined,
): Promise<IndicatorEntity[]> {
  const all = await ctx.loaders.indicatorsByPlan.load(planId);
  if (!indicatorIds) return all;
  const wanted = new Set(indicatorIds.map((id, i) => checkId(id, `indicatorIds.${i}`, 'an indicator')));
  const found = all.filter((indicator) => wanted.has(indicator.id));
  if (found.length !== wanted.size) throw badUserInput('indicatorIds: names an indicator that is not in this plan', 'indicatorIds');
  return found;
}

@Resolver(() => IndicatorVariance)
export class VarianceResolver {
  @Query(() => [IndicatorVariance], {
    description:
      'Variance for indicators x counties in one period: every indicator of the plan and all 47 counties unless narrowed, plus the national figure when `national` is true. Ordered by indicator, then county (national last).',
  })
  async variance(
    @Arg('period', () => ProgrammePeriodInput) period: ProgrammePeriodInput,
    @Arg('indicatorIds', () => [ID], { nullable: true }) indicatorIds: string[] | null,
    @Arg('countyCodes', () => [String], { nullable: true, description: 'Default: all 47 counties.' }) counties: string[] | null,
    @Arg('national', () => Boolean, { nullable: true, defaultValue: false }) national: boolean,
    @Arg('planCode', () => String, { nullable: true, description: 'Default: the most recent plan.' }) planCode: string | null,
    @Ctx() ctx: ProgrammesContext,
  ): Promise<IndicatorVarianceResult[]> {
    const plan = await requirePlan(ctx, planCode);
    const normalised = normalisePeriod(period);
    const scopes: Array<string | null> = [...new Set(counties ?? KENYAN_COUNTY_CODES)];
    scopes.forEach((code) => checkScope(plan, code, normalised));
    checkScope(plan, null, normalised);
    if (national) scopes.push(null);
    return varianceMatrix(ctx, await indicatorsFor(ctx, plan.id, indicatorIds), scopes, normalised);
  }

  @FieldResolver(() => Indicator)
  indicator(@Root() variance: IndicatorVarianceResult, @Ctx() ctx: ProgrammesContext): Promise<IndicatorEntity | null> {
    return ctx.loaders.indicator.load(variance.indicatorId);
  }

  @FieldResolver(() => CountyRef, { nullable: true, description: 'Null: national.' })
  county(@Root() variance: IndicatorVarianceResult): CountyRef | null {
    return variance.countyCode ? { code: variance.countyCode } : null;
  }
}

@Resolver(() => ObjectiveVariance)
export class ObjectiveVarianceResolver {
  @FieldResolver(() => ProgrammeObjective)
  objective(@Root() variance: ObjectiveVariance, @Ctx() ctx: ProgrammesContext): Promise<ObjectiveEntity | null> {
    return ctx.loaders.objective.load(variance.objectiveId);
  }
}

@Resolver(() => FocusAreaVariance)
export class FocusAreaVarianceResolver {
  @FieldResolver(() => ProgrammeFocusArea)
  focusArea(@Root() variance: FocusAreaVariance, @Ctx() ctx: ProgrammesContext): Promise<FocusAreaEntity | null> {
    return ctx.loaders.focusArea.load(variance.focusAreaId);
  }
}
