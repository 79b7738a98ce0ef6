import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { ReferralsContext } from '../../referrals.context';
import { referralStatistics } from './referral-statistics.service';
import { ReferralStatistics, ReferralStatisticsDimension, ReferralStatisticsFilter } from './referral-statistics.type';

@Resolver(() => ReferralStatistics)
export class ReferralStatisticsResolver {
  @Query(() => ReferralStatistics, {
    description:
      'How many referrals, how fast they were taken up and how many met their SLA, per group; small cells suppressed. Cut from a national table reused for a few minutes (by default), not computed per query: asOf says how old.',
  })
  referralStatistics(
    @Arg('groupBy', () => [ReferralStatisticsDimension]) groupBy: ReferralStatisticsDimension[],
    @Arg('filter', () => ReferralStatisticsFilter, { nullable: true }) filter: ReferralStatisticsFilter | null,
    @Ctx() ctx: ReferralsContext,
  ): Promise<ReferralStatistics> {
    return referralStatistics(ctx.statistics, ctx.logger, groupBy, filter);
  }
}
