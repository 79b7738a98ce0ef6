import { Connection, ErasureStatus } from '@kinga/shared';
import { Field, Int, ObjectType } from 'type-graphql';
import { DataSubjectRequestFields } from '../data-subject/data-subject-request.type';
import type { ErasureRequestEntity } from './erasure.entity';
import { ErasureGround } from './erasure.enums';

/**
 * A data subject's request to erase a case's personal data (Data Protection Act 2019, s. 40), kept by the DPO.
 * Child-protection records are often kept by law, so the DPO weighs each one: refused with the reason, or
 * carried out on a closed case, in every service that holds the case's words. It gives no read of the case:
 * a subject access request does that.
 */
@ObjectType('ErasureRequest')
export class ErasureRequest extends DataSubjectRequestFields {
  @Field(() => ErasureStatus)
  status: ErasureStatus;

  @Field(() => String, { nullable: true, description: 'The case’s number, as the requester has it on their papers.' })
  caseNumber: string | null;

  @Field(() => ErasureGround)
  ground: ErasureGround;

  @Field(() => Int, { nullable: true, description: 'How many of the case’s referrals had their words erased, once carried out.' })
  referralsErased: number | null;
}

@ObjectType('ErasureRequestConnection')
export class ErasureRequestConnection extends Connection(ErasureRequest, 'ErasureRequest') {}

@ObjectType('ErasureRequestPayload')
export class ErasureRequestPayload {
  @Field(() => ErasureRequest)
  request: ErasureRequestEntity;
}
