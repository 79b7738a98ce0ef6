import { PageArgs } from '@kinga/shared';
import { Arg, Args, Ctx, FieldResolver, ID, Resolver, Root } from 'type-graphql';
import { ProgrammePeriodInput } from '../../common/period';
import type { ProgrammesContext } from '../../programmes.context';
import type { ObjectiveEntity } from '../framework/framework.entity';
import { requirePlan } from '../framework/framework.service';
import { ProgrammeObjective } from '../framework/framework.type';
import { ProgressReportFilter } from '../report/report.input';
import { ProgressReportConnection } from '../report/report.type';
import type { IndicatorVarianceResult } from '../variance/variance.loader';
import { indicatorsFor } from '../variance/variance.resolver';
import { checkScope, normalisePeriod, varianceMatrix } from '../variance/variance.service';
import { IndicatorVariance } from '../variance/variance.type';
import { AgencyRef, CountyRef } from './federation.types';

/**
 * Fields this subgraph adds to other subgraphs' entities are nullable: when programmes is down, the county or
 * agency the directory returned still stands, with this part null and an error naming it.
 */
@Resolver(() => CountyRef)
export class CountyProgrammesResolver {
  @FieldResolver(() => [IndicatorVariance], {
    nullable: true,
    description: "The plan's indicators in this county for a period (see IndicatorVariance for how actuals combine).",
  })
  async indicatorProgress(
    @Root() county: CountyRef,
    @Arg('period', () => ProgrammePeriodInput) period: ProgrammePeriodInput,
    @Arg('indicatorIds', () => [ID], { nullable: true }) indicatorIds: string[] | null,
    @Arg('planCode', () => String, { nullable: true, description: 'Default: the most recent plan.' }) planCode: string | null,
    @Ctx() ctx: ProgrammesContext,
  ): Promise<IndicatorVarianceResult[]> {
    const plan = await requirePlan(ctx, planCode);
    const normalised = normalisePeriod(period);
    checkScope(plan, county.code, normalised);
    return varianceMatrix(ctx, await indicatorsFor(ctx, plan.id, indicatorIds), [county.code], normalised);
  }
}

@Resolver(() => AgencyRef)
export class AgencyProgrammesResolver {
  @FieldResolver(() => [ProgrammeObjective], {
    nullable: true,
    description: 'Objectives of every plan whose lead agencies are linked to this agency.',
  })
  objectivesLed(@Root() agency: AgencyRef, @Ctx() ctx: ProgrammesContext): Promise<ObjectiveEntity[]> {
    return ctx.loaders.objectivesLedByAgency.load(agency.id);
  }

  @FieldResolver(() => ProgressReportConnection, {
    nullable: true,
    description: "This agency's progress reports: approved ones for everyone; the others for the agency and NCCS.",
  })
  progressReports(
    @Root() agency: AgencyRef,
    @Arg('filter', () => ProgressReportFilter, { nullable: true }) filter: ProgressReportFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: ProgrammesContext,
  ) {
    // A bad argument is its own alias's error: the loader answers each set of arguments apart.
    return ctx.loaders.agencyReports.load({ agencyId: agency.id, filter, page: { first: page.first, after: page.after } });
  }
}

export const countyReference = { __resolveReference: (reference: { code: string }) => ({ code: reference.code }) };
export const agencyReference = { __resolveReference: (reference: { id: string }) => ({ id: reference.id }) };
