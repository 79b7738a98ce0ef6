import { Field, ID, InputType } from 'type-graphql';
import { calendarDate, idempotencyKeySchema } from '@kinga/shared';
import { z } from 'zod';
import { ServiceOutcome, ServiceType } from '../referral/referral.enums';

@InputType()
export class RecordServiceInput {
  @Field(() => ID, {
    nullable: true,
    description:
      'The accepted referral the service was delivered for. Required, unless given as the deprecated argument `recordService(referralId)`.',
  })
  referralId?: string | null;

  @Field(() => ServiceType)
  service: ServiceType;

  @Field({
    description:
      'YYYY-MM-DD (Kenyan date): not in the future, nor more than 7 days before the referral was sent (a child is often seen before the referral is written).',
  })
  deliveredOn: string;

  @Field(() => ServiceOutcome)
  outcome: ServiceOutcome;

  @Field(() => Boolean, { nullable: true, description: 'CLINICAL: only a clinician (GBVRC_CLINICIAN) records it.' })
  pepGiven?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'CLINICAL.' })
  emergencyContraceptionGiven?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'CLINICAL.' })
  forensicExaminationDone?: boolean | null;

  @Field(() => String, { nullable: true, description: 'CLINICAL.' })
  injuries?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'A key you choose per record (a UUID): a retry with it, after an answer that never came, returns the record already made instead of a second one; the same key with another record is CONFLICT.',
  })
  idempotencyKey?: string | null;
}

export const CLINICAL_INPUT_FIELDS = ['pepGiven', 'emergencyContraceptionGiven', 'forensicExaminationDone', 'injuries'] as const;

export const recordServiceSchema = z.object({
  service: z.nativeEnum(ServiceType),
  deliveredOn: calendarDate,
  outcome: z.nativeEnum(ServiceOutcome),
  pepGiven: z.boolean().nullish(),
  emergencyContraceptionGiven: z.boolean().nullish(),
  forensicExaminationDone: z.boolean().nullish(),
  injuries: z.string().trim().min(1, 'must not be empty').max(2000, 'must be at most 2000 characters').nullish(),
  idempotencyKey: idempotencyKeySchema.nullish(),
});
