import { isAboutChildrenHarmed } from './child-figures';
import { totalBudgetKes } from './framework.budget';
import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { Kes } from '../../common/kes.scalar';
import { checkId } from '../../common/ids';
import { ProgrammePeriodInput } from '../../common/period';
import type { ProgrammesContext } from '../../programmes.context';
import { AgencyRef } from '../federation/federation.types';
import { checkScopeInPlan, focusAreaVariance, indicatorVariance, normalisePeriod, objectiveVariance } from '../variance/variance.service';
import { FocusAreaVariance, IndicatorVariance, ObjectiveVariance } from '../variance/variance.type';
import type { IndicatorVarianceResult } from '../variance/variance.loader';
import type { FocusAreaEntity, IndicatorEntity, ObjectiveEntity, PlanEntity } from './framework.entity';
import { currentPlan, listPlans, planByCode, requirePlan } from './framework.service';
import { Indicator, ProgrammeActivity, ProgrammeFocusArea, ProgrammeObjective, ProgrammePlan, ProgrammePlanAgency } from './framework.type';

const countyArg = { nullable: true, description: 'Three-digit county code; omit for national.' } as const;

@Resolver(() => ProgrammePlan)
export class PlanResolver {
  @Query(() => [ProgrammePlan], { description: 'Every plan held, oldest first (a handful: one per plan period).' })
  async programmePlans(@Ctx() ctx: ProgrammesContext): Promise<PlanEntity[]> {
    return listPlans(ctx);
  }

  @Query(() => ProgrammePlan, { nullable: true, description: 'A plan by code; without one, the most recent plan.' })
  async programmePlan(
    @Arg('code', () => String, { nullable: true }) code: string | null,
    @Ctx() ctx: ProgrammesContext,
  ): Promise<PlanEntity | null> {
    return code ? planByCode(ctx, code) : currentPlan(ctx);
  }

  @Query(() => [ProgrammeFocusArea], {
    description: 'The focus areas of a plan (by code; without one, the most recent plan), in the order of the plan.',
  })
  async focusAreas(
    @Arg('planCode', () => String, { nullable: true }) planCode: string | null,
    @Ctx() ctx: ProgrammesContext,
  ): Promise<FocusAreaEntity[]> {
    // A code that names no plan is a mistake to say, not an empty plan; before any plan is loaded there is none.
    const plan = planCode ? await requirePlan(ctx, planCode) : await currentPlan(ctx);
    return plan ? ctx.loaders.focusAreasByPlan.load(plan.id) : [];
  }

  @FieldResolver(() => [ProgrammeFocusArea], { name: 'focusAreas' })
  focusAreasOfPlan(@Root() plan: PlanEntity, @Ctx() ctx: ProgrammesContext): Promise<FocusAreaEntity[]> {
    return ctx.loaders.focusAreasByPlan.load(plan.id);
  }

  @FieldResolver(() => [ProgrammePlanAgency], { description: "The plan's list of acronyms." })
  agencies(@Root() plan: PlanEntity, @Ctx() ctx: ProgrammesContext) {
    return ctx.loaders.planAgenciesByPlan.load(plan.id);
  }
}

@Resolver(() => ProgrammeFocusArea)
export class FocusAreaResolver {
  @FieldResolver(() => ProgrammePlan)
  async plan(@Root() area: FocusAreaEntity, @Ctx() ctx: ProgrammesContext): Promise<PlanEntity | null> {
    return ctx.loaders.plan.load(area.planId);
  }

  @FieldResolver(() => [ProgrammeObjective], { description: 'Empty where the source lost the matrix rows (see notes).' })
  objectives(@Root() area: FocusAreaEntity, @Ctx() ctx: ProgrammesContext): Promise<ObjectiveEntity[]> {
    return ctx.loaders.objectivesByFocusArea.load(area.id);
  }

  @FieldResolver(() => Kes, {
    nullable: true,
    description: "The sum of its objectives' indicative budgets; null where none has one (Identification: the source lost its rows).",
  })
  async indicativeBudgetKes(@Root() area: FocusAreaEntity, @Ctx() ctx: ProgrammesContext): Promise<number | null> {
    const objectives = await ctx.loaders.objectivesByFocusArea.load(area.id);
    return totalBudgetKes(objectives.map((o) => o.indicativeBudgetKes));
  }

  @FieldResolver(() => FocusAreaVariance)
  variance(
    @Root() area: FocusAreaEntity,
    @Arg('period', () => ProgrammePeriodInput) period: ProgrammePeriodInput,
    @Arg('countyCode', () => String, countyArg) countyCode: string | null,
    @Ctx() ctx: ProgrammesContext,
  ): Promise<FocusAreaVariance> {
    return focusAreaVariance(ctx, area, countyCode ?? null, normalisePeriod(period));
  }
}

@Resolver(() => ProgrammeObjective)
export class ObjectiveResolver {
  @Query(() => ProgrammeObjective, { nullable: true })
  async programmeObjective(@Arg('id', () => ID) id: string, @Ctx() ctx: ProgrammesContext): Promise<ObjectiveEntity | null> {
    return ctx.loaders.objective.load(checkId(id, 'id', 'an objective'));
  }

  @FieldResolver(() => ProgrammeFocusArea)
  async focusArea(@Root() objective: ObjectiveEntity, @Ctx() ctx: ProgrammesContext): Promise<FocusAreaEntity | null> {
    return ctx.loaders.focusArea.load(objective.focusAreaId);
  }

  @FieldResolver(() => [ProgrammeActivity])
  activities(@Root() objective: ObjectiveEntity, @Ctx() ctx: ProgrammesContext) {
    return ctx.loaders.activitiesByObjective.load(objective.id);
  }

  @FieldResolver(() => [Indicator])
  indicators(@Root() objective: ObjectiveEntity, @Ctx() ctx: ProgrammesContext): Promise<IndicatorEntity[]> {
    return ctx.loaders.indicatorsByObjective.load(objective.id);
  }

  @FieldResolver(() => [String], { description: 'Lead agencies as the matrix writes them, e.g. "NCCS", "National Police Service".' })
  leadAgencyNames(@Root() objective: ObjectiveEntity): string[] {
    return objective.leadAgencies;
  }

  @FieldResolver(() => [AgencyRef], {
    description:
      'The directory agencies the lead agencies are linked to (linkProgrammeAgency). A name not linked to a directory agency appears only in leadAgencyNames.',
  })
  async leadAgencies(@Root() objective: ObjectiveEntity, @Ctx() ctx: ProgrammesContext): Promise<AgencyRef[]> {
    const ids = await ctx.loaders.agencyLinkByName.loadMany(objective.leadAgencies);
    const linked = ids.filter((id): id is string => typeof id === 'string');
    return [...new Set(linked)].map((id) => ({ id }));
  }

  @FieldResolver(() => ObjectiveVariance)
  async variance(
    @Root() objective: ObjectiveEntity,
    @Arg('period', () => ProgrammePeriodInput) period: ProgrammePeriodInput,
    @Arg('countyCode', () => String, countyArg) countyCode: string | null,
    @Ctx() ctx: ProgrammesContext,
  ): Promise<ObjectiveVariance> {
    const normalised = normalisePeriod(period);
    await checkScopeInPlan(ctx, objective.planId, countyCode, normalised);
    return objectiveVariance(ctx, objective, countyCode ?? null, normalised);
  }
}

@Resolver(() => Indicator)
export class IndicatorResolver {
  @FieldResolver(() => Boolean, {
    description:
      "Whether it is about children harmed or their cases: then an agency's report line shows its value, denominator, narrative and evidence (and a reviewer's comments) only to NCCS's programme officers and the reporting agency's in its county, whatever the unit; and a count's or percentage's county figure is SUPPRESSED in variance but to those who read its lines, the national figure shown to everyone unless SUPPRESSED says otherwise.",
  })
  aboutChildrenHarmed(@Root() indicator: IndicatorEntity): boolean {
    return isAboutChildrenHarmed(indicator);
  }

  @Query(() => Indicator, { nullable: true })
  async indicator(@Arg('id', () => ID) id: string, @Ctx() ctx: ProgrammesContext): Promise<IndicatorEntity | null> {
    return ctx.loaders.indicator.load(checkId(id, 'id', 'an indicator'));
  }

  @FieldResolver(() => ProgrammeObjective)
  async objective(@Root() indicator: IndicatorEntity, @Ctx() ctx: ProgrammesContext): Promise<ObjectiveEntity | null> {
    return ctx.loaders.objective.load(indicator.objectiveId);
  }

  @FieldResolver(() => IndicatorVariance, { description: 'Target against approved actuals for a county (or nationally) in a period.' })
  variance(
    @Root() indicator: IndicatorEntity,
    @Arg('period', () => ProgrammePeriodInput) period: ProgrammePeriodInput,
    @Arg('countyCode', () => String, countyArg) countyCode: string | null,
    @Ctx() ctx: ProgrammesContext,
  ): Promise<IndicatorVarianceResult> {
    return indicatorVariance(ctx, indicator, countyCode ?? null, normalisePeriod(period));
  }
}

export const indicatorReference = {
  __resolveReference: (reference: { id: string }, ctx: ProgrammesContext) => ctx.loaders.indicator.load(reference.id),
};
