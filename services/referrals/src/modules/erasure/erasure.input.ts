import { Field, ID, InputType } from 'type-graphql';
import { z } from 'zod';

@InputType({ description: "The erasure request whose case's referral records are to be erased." })
export class EraseCaseReferralRecordsInput {
  @Field(() => ID, { description: 'An erasure request being carried out (ERASING), from the cases service.' })
  erasureRequestId: string;
}

export const eraseCaseReferralRecordsSchema = z.object({ erasureRequestId: z.string().uuid('is not an erasure request id') });
