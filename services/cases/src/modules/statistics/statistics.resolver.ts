import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { toColumns } from './statistics.columns';
import type { CasesContext } from '../../cases.context';
import { County } from './county.type';
import { caseStatistics } from './statistics.service';
import { CaseStatistics, CaseStatisticsColumns, CaseStatisticsFilter, STATISTICS_METHOD, StatisticsDimension } from './statistics.type';

@Resolver()
export class StatisticsResolver {
  @Query(() => CaseStatistics, {
    description: `Case counts for ANALYST, PROGRAMME_OFFICER and DCS_SUPERVISOR (their counties). ${STATISTICS_METHOD}`,
  })
  async caseStatistics(
    @Arg('groupBy', () => [StatisticsDimension]) groupBy: StatisticsDimension[],
    @Arg('filter', () => CaseStatisticsFilter, { nullable: true }) filter: CaseStatisticsFilter | null,
    @Ctx() ctx: CasesContext,
  ): Promise<CaseStatistics> {
    return caseStatistics(ctx, groupBy, filter);
  }
}

@Resolver(() => CaseStatistics)
export class CaseStatisticsColumnsResolver {
  @FieldResolver(() => CaseStatisticsColumns, { description: 'The same cells as columns (see CaseStatisticsColumns).' })
  columns(@Root() statistics: CaseStatistics): CaseStatisticsColumns {
    return toColumns(statistics);
  }
}

@Resolver(() => County)
export class CountyStatisticsResolver {
  @FieldResolver(() => CaseStatistics, {
    nullable: true,
    description: `Case counts in this county (grouped by COUNTY and the dimensions asked for). ${STATISTICS_METHOD}`,
  })
  async caseStatistics(
    @Root() county: County,
    @Arg('groupBy', () => [StatisticsDimension]) groupBy: StatisticsDimension[],
    @Arg('filter', () => CaseStatisticsFilter, { nullable: true }) filter: CaseStatisticsFilter | null,
    @Ctx() ctx: CasesContext,
  ): Promise<CaseStatistics> {
    return caseStatistics(ctx, groupBy, { ...filter, counties: [county.code] });
  }
}

export const countyReference = {
  __resolveReference: (reference: { code: string }): County => ({ code: reference.code }),
};
