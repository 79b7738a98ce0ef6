import { Field, ID, InputType } from 'type-graphql';
import { z } from 'zod';

@InputType({ description: 'The agency whose type, as the directory now has it, the referrals it is party to should carry.' })
export class RefreshReferralAgencyTypeInput {
  @Field(() => ID, { description: 'A directory agency.' })
  agencyId: string;
}

export const refreshReferralAgencyTypeSchema = z.object({ agencyId: z.string().uuid('is not an agency id') });
