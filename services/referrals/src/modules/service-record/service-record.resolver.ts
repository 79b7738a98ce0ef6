import { Arg, Ctx, Field, ID, Mutation, ObjectType, Resolver } from 'type-graphql';
import type { ReferralsContext } from '../../referrals.context';
import { Referral } from '../referral/referral.type';
import { RecordServiceInput } from './service-record.input';
import { recordService } from './service-record.service';
import { ServiceRecord } from './service-record.type';

@ObjectType()
export class RecordServicePayload {
  @Field(() => ServiceRecord)
  serviceRecord: ServiceRecord;

  @Field(() => Referral)
  referral: Referral;
}

@Resolver(() => ServiceRecord)
export class ServiceRecordResolver {
  @Mutation(() => RecordServicePayload, { description: 'The recipient records a service it delivered for an accepted referral.' })
  async recordService(
    @Arg('referralId', () => ID) referralId: string,
    @Arg('input', () => RecordServiceInput) input: RecordServiceInput,
    @Ctx() ctx: ReferralsContext,
  ) {
    return recordService(ctx, referralId, input);
  }
}
