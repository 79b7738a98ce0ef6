import { AgencyType } from '@kinga/shared';
import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType('RefreshReferralAgencyTypePayload')
export class RefreshReferralAgencyTypePayload {
  @Field(() => ID)
  agencyId: string;

  @Field(() => AgencyType, { description: "The agency's type in the directory, which its open referrals now carry." })
  type: AgencyType;

  @Field(() => Int, { description: 'How many open referrals carried another type and were changed (0 on a retry).' })
  referralsUpdated: number;
}
