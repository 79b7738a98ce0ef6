import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType('EraseCaseReferralRecordsPayload')
export class EraseCaseReferralRecordsPayload {
  @Field(() => ID)
  erasureRequestId: string;

  @Field(() => Int, { description: "How many of the case's referrals had their words erased (all of them, each time)." })
  referralsErased: number;
}
