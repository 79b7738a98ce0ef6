import { countyCodeSchema, filterList } from '@kinga/shared';
import { Field, GraphQLISODateTime, ID, InputType, Int } from 'type-graphql';
import { z } from 'zod';
import { ReferralDirection, ReferralStatus, ServiceType, Urgency } from './referral.enums';

@InputType()
export class CreateReferralInput {
  @Field(() => ID)
  caseId: string;

  @Field(() => ID, { nullable: true, description: "The sending provider; the caller's own when omitted." })
  fromProviderId?: string | null;

  @Field(() => ID)
  toProviderId: string;

  @Field(() => ServiceType)
  serviceRequested: ServiceType;

  @Field(() => Urgency, { description: 'EMERGENCY for sexual violence within the last 72 hours.' })
  urgency: Urgency;

  @Field({ description: 'Why the child is referred; the recipient reads it.' })
  reason: string;

  @Field(() => String, { nullable: true, description: 'The consent (or legal basis) under which the child is referred.' })
  consentReference?: string | null;
}

@InputType({ description: 'A step in the lifecycle: the referral, the version you saw, and an optional note.' })
export class ReferralTransitionInput {
  @Field(() => ID)
  id: string;

  @Field(() => Int, {
    description:
      'The `version` you last read; a stale one fails with CONFLICT, unless this very step (yours, with the same note) is what made it stale: a retry is answered with the referral as the step left it.',
  })
  expectedVersion: number;

  @Field(() => String, { nullable: true })
  note?: string | null;
}

@InputType({ description: 'A step that needs a reason: declining or cancelling.' })
export class ReferralReasonTransitionInput {
  @Field(() => ID)
  id: string;

  @Field(() => Int, {
    description:
      'The `version` you last read; a stale one fails with CONFLICT, unless this very step (yours, with the same note) is what made it stale: a retry is answered with the referral as the step left it.',
  })
  expectedVersion: number;

  @Field(() => String, { nullable: true, description: 'Required.' })
  reason?: string | null;
}

@InputType()
export class ReferralFilter {
  @Field(() => [ReferralStatus], { nullable: true })
  status?: ReferralStatus[] | null;

  @Field(() => [Urgency], { nullable: true })
  urgency?: Urgency[] | null;

  @Field(() => ReferralDirection, {
    nullable: true,
    description: "Received by (INCOMING) or sent by (OUTGOING) `provider`, or by the caller's own provider (a PARTNER_SYSTEM: its agency).",
  })
  direction?: ReferralDirection | null;

  @Field(() => ID, { nullable: true, description: 'Referrals this provider sent or received.' })
  provider?: string | null;

  @Field(() => String, { nullable: true, description: 'The case\'s county code, e.g. "047".' })
  county?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Only referrals past (true) or within (false) their running SLA clock.' })
  overdue?: boolean | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  createdFrom?: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  createdTo?: Date | null;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description:
      'Only referrals that changed state after this instant (`updatedAt`): a system that syncs passes the `referralSyncPoint` it was given with its previous sync (not its own clock: a change made just before a sync can commit just after it).',
  })
  changedSince?: Date | null;
}

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
const uuid = (what: string) => z.string().uuid(`is not ${what}`);

export const createReferralSchema = z.object({
  caseId: uuid('a case id'),
  fromProviderId: uuid('a service provider id').nullish(),
  toProviderId: uuid('a service provider id'),
  serviceRequested: z.nativeEnum(ServiceType),
  urgency: z.nativeEnum(Urgency),
  reason: text(2000),
  consentReference: text(100).nullish(),
});
export type ValidCreateReferral = z.infer<typeof createReferralSchema>;

export const transitionSchema = z.object({
  id: uuid('a referral id'),
  expectedVersion: z.number().int().min(1, 'must be a version you read (1 or more)'),
  note: text(2000).nullish(),
});

export const reasonTransitionSchema = z.object({
  id: uuid('a referral id'),
  expectedVersion: z.number().int().min(1, 'must be a version you read (1 or more)'),
  reason: z.string({ error: 'is required' }).trim().min(1, 'is required: say why').max(2000, 'must be at most 2000 characters'),
});

export const referralFilterSchema = z
  .object({
    provider: uuid('a service provider id').nullish(),
    county: countyCodeSchema.nullish(),
    createdFrom: z.date().nullish(),
    createdTo: z.date().nullish(),
    changedSince: z.date().nullish(),
    status: filterList(z.nativeEnum(ReferralStatus)),
    urgency: filterList(z.nativeEnum(Urgency)),
  })
  .passthrough()
  .refine((f) => !f.createdFrom || !f.createdTo || f.createdFrom <= f.createdTo, {
    message: 'must not be later than createdTo',
    path: ['createdFrom'],
  });
