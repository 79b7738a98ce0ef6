import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { ReferralsContext } from '../../referrals.context';
import { EraseCaseReferralRecordsInput } from './erasure.input';
import { eraseCaseReferralRecords } from './erasure.service';
import { EraseCaseReferralRecordsPayload } from './erasure.type';

@Resolver()
export class ErasureResolver {
  @Mutation(() => EraseCaseReferralRecordsPayload, {
    description:
      "Erases the words this service holds of an erasure request's case: each referral's reason, decline and cancel reasons and consent reference, its steps' notes and its service records' injuries. Who did what and when is kept. Called by the cases service's carryOutErasureRequest, which is the one to call; the request must be ERASING. DATA_PROTECTION_OFFICER only.",
  })
  eraseCaseReferralRecords(
    @Arg('input') input: EraseCaseReferralRecordsInput,
    @Ctx() ctx: ReferralsContext,
  ): Promise<EraseCaseReferralRecordsPayload> {
    return eraseCaseReferralRecords(ctx, input);
  }
}
