import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { ReferralsContext } from '../../referrals.context';
import { RefreshReferralAgencyTypeInput } from './agency-type.input';
import { refreshReferralAgencyType } from './agency-type.service';
import { RefreshReferralAgencyTypePayload } from './agency-type.type';

@Resolver()
export class AgencyTypeResolver {
  @Mutation(() => RefreshReferralAgencyTypePayload, {
    description:
      "Gives the open referrals an agency sends or receives the agency's type as the directory has it now (read through the gateway): consents given to a type of agency, and the tier of the recipient's notes, go by it. Called by the directory's updateAgency, which is the one to call; a retry changes nothing more. A national DIRECTORY_ADMIN only.",
  })
  refreshReferralAgencyType(
    @Arg('input') input: RefreshReferralAgencyTypeInput,
    @Ctx() ctx: ReferralsContext,
  ): Promise<RefreshReferralAgencyTypePayload> {
    return refreshReferralAgencyType(ctx, input);
  }
}
