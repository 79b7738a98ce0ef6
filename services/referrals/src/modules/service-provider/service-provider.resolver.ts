import { PageArgs, pageSize, type ConnectionShape } from '@kinga/shared';
import { Arg, Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { ReferralsContext } from '../../referrals.context';
import { ReferralStatus } from '../referral/referral.enums';
import type { ReferralRow } from '../referral/referral.row';
import { ReferralConnection } from '../referral/referral.type';
import { ServiceProvider } from './service-provider.type';

@Resolver(() => ServiceProvider)
export class ServiceProviderReferralsResolver {
  @FieldResolver(() => ReferralConnection, {
    nullable: true,
    description: 'Referrals sent to this provider that you may see, newest first.',
  })
  incomingReferrals(
    @Root() provider: ServiceProvider,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('status', () => [ReferralStatus], { nullable: true }) status: ReferralStatus[] | null,
    @Ctx() ctx: ReferralsContext,
  ): Promise<ConnectionShape<ReferralRow>> {
    return ctx.loaders
      .nestedReferrals('to_provider_id', { limit: pageSize(page.first), after: page.after, statuses: status })
      .load(provider.id);
  }

  @FieldResolver(() => ReferralConnection, { nullable: true, description: 'Referrals this provider sent that you may see, newest first.' })
  outgoingReferrals(
    @Root() provider: ServiceProvider,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('status', () => [ReferralStatus], { nullable: true }) status: ReferralStatus[] | null,
    @Ctx() ctx: ReferralsContext,
  ): Promise<ConnectionShape<ReferralRow>> {
    return ctx.loaders
      .nestedReferrals('from_provider_id', { limit: pageSize(page.first), after: page.after, statuses: status })
      .load(provider.id);
  }
}

export const serviceProviderReference = {
  __resolveReference: (reference: { id: string }): ServiceProvider => ({ id: reference.id }),
};
