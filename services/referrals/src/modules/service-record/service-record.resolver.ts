import { badUserInput } from '@kinga/shared';
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
    @Arg('input', () => RecordServiceInput) input: RecordServiceInput,
    @Ctx() ctx: ReferralsContext,
    // Before DESIGN's "one input" convention was followed here; kept so that partner systems written against
    // it keep working.
    @Arg('referralId', () => ID, { nullable: true, deprecationReason: 'Send it in the input: `input.referralId`.' })
    referralId?: string | null,
  ) {
    const { referralId: inInput, ...fields } = input;
    if (inInput && referralId && inInput !== referralId)
      throw badUserInput(
        'input.referralId: names another referral than the referralId argument; send only input.referralId',
        'input.referralId',
      );
    const id = inInput ?? referralId;
    if (!id) throw badUserInput('input.referralId: is required', 'input.referralId');
    return recordService(ctx, id, fields);
  }
}
