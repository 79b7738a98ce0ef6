import { PageArgs } from '@kinga/shared';
import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ProgrammePeriod } from '../../common/period';
import type { ProgrammesContext } from '../../programmes.context';
import type { IndicatorEntity } from '../framework/framework.entity';
import { Indicator } from '../framework/framework.type';
import { CountyRef } from '../federation/federation.types';
import type { TargetEntity } from './target.entity';
import { ProgrammeTargetFilter, SetProgrammeTargetInput } from './target.input';
import { listProgrammeTargets, setProgrammeTarget } from './target.service';
import { ProgrammeTarget, ProgrammeTargetConnection, ProgrammeTargetPayload } from './target.type';

@Resolver(() => ProgrammeTarget)
export class TargetResolver {
  @Query(() => ProgrammeTargetConnection, { description: 'Targets, public like the framework.' })
  programmeTargets(
    @Arg('filter', () => ProgrammeTargetFilter, { nullable: true }) filter: ProgrammeTargetFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: ProgrammesContext,
  ) {
    return listProgrammeTargets(ctx, filter, page);
  }

  @Mutation(() => ProgrammeTargetPayload, { description: 'NCCS programme officers: set or replace a target.' })
  async setProgrammeTarget(
    @Arg('input', () => SetProgrammeTargetInput) input: SetProgrammeTargetInput,
    @Ctx() ctx: ProgrammesContext,
  ): Promise<ProgrammeTargetPayload> {
    return { target: await setProgrammeTarget(ctx, input) };
  }

  @FieldResolver(() => Indicator)
  indicator(@Root() target: TargetEntity, @Ctx() ctx: ProgrammesContext): Promise<IndicatorEntity | null> {
    return ctx.loaders.indicator.load(target.indicatorId);
  }

  @FieldResolver(() => ProgrammePeriod)
  period(@Root() target: TargetEntity): ProgrammePeriod {
    return { year: target.year, quarter: target.quarter };
  }

  @FieldResolver(() => CountyRef, { nullable: true, description: 'Null for the national target.' })
  county(@Root() target: TargetEntity): CountyRef | null {
    return target.countyCode ? { code: target.countyCode } : null;
  }
}
