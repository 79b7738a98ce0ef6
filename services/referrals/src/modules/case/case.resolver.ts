import { PageArgs, pageSize, type ConnectionShape } from '@kinga/shared';
import { Arg, Args, Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import type { ReferralsContext } from '../../referrals.context';
import { ReferralStatus } from '../referral/referral.enums';
import type { ReferralRow } from '../referral/referral.row';
import { ReferralConnection } from '../referral/referral.type';
import { Case, ReferralParty } from './case.type';

@Resolver(() => Case)
export class CaseResolver {
  // Shareable because the cases subgraph provides the parties where they decide nothing (its list, its writes).
  @Directive('@shareable')
  @Directive('@inaccessible')
  @FieldResolver(() => [ReferralParty], {
    description:
      'Providers and agencies that are parties to the case through its referrals (neither side once CLOSED or CANCELLED, not the recipient once DECLINED): the fact the cases subgraph decides with.',
  })
  referralParties(@Root() kase: Case, @Ctx() ctx: ReferralsContext): Promise<ReferralParty[]> {
    return ctx.loaders.referralParties.load(kase.id);
  }

  @FieldResolver(() => ReferralConnection, { nullable: true, description: "The case's referrals you may see, newest first." })
  referrals(
    @Root() kase: Case,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('status', () => [ReferralStatus], { nullable: true }) status: ReferralStatus[] | null,
    @Ctx() ctx: ReferralsContext,
  ): Promise<ConnectionShape<ReferralRow>> {
    return ctx.loaders.nestedReferrals('case_id', { limit: pageSize(page.first), after: page.after, statuses: status }).load(kase.id);
  }
}

export const caseReference = {
  __resolveReference: (reference: { id: string }): Case => ({ id: reference.id }),
};
