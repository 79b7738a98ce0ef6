import { AgencyType, ConsentBasis, MANDATORY_REPORTING_AGENCY_TYPES, MANDATORY_REPORTING_TIERS, Tier } from '@kinga/shared';
import { Field, ID, InputType } from 'type-graphql';
import { z } from 'zod';
import '../case/case.enums';

@InputType()
export class RecordConsentInput {
  @Field(() => ID)
  caseId: string;

  @Field(() => ConsentBasis)
  basis: ConsentBasis;

  @Field(() => [ID], { nullable: true, description: 'Directory agency ids it covers.' })
  agencyIds?: string[] | null;

  @Field(() => [AgencyType], { nullable: true, description: 'Agency types it covers (every agency of the type).' })
  agencyTypes?: AgencyType[] | null;

  @Field(() => [Tier], {
    description:
      "OPERATIONAL, IDENTIFYING, CLINICAL and/or NARRATIVE. A party reaches the child record (names, age) and the notes through the case's OPERATIONAL fields (`child`, each note's id), so without OPERATIONAL a consent opens those tiers' text on the case itself (e.g. its clinical notes) and on the referral (its reason, its notes), and not the child record.",
  })
  tiers: Tier[];

  @Field()
  purpose: string;

  @Field(() => Date, { nullable: true, description: 'When it was given; now when omitted; never in the future.' })
  givenAt?: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it stops covering anyone; open-ended when omitted.' })
  expiresAt?: Date | null;
}

@InputType()
export class RevokeConsentInput {
  @Field(() => ID)
  consentId: string;

  @Field()
  reason: string;
}

/** Consent never opens PUBLIC (it is open anyway); police act on MANDATORY_REPORTING, and it reaches no further. */
export const recordConsentSchema = z
  .object({
    caseId: z.string().uuid('is not a case id'),
    basis: z.nativeEnum(ConsentBasis),
    agencyIds: z.array(z.string().uuid('is not an agency id')).max(50).nullish(),
    agencyTypes: z.array(z.nativeEnum(AgencyType)).max(10).nullish(),
    tiers: z
      .array(z.nativeEnum(Tier))
      .min(1, 'must name at least one tier')
      .refine((tiers) => !tiers.includes(Tier.PUBLIC), { message: 'PUBLIC needs no consent' }),
    purpose: z.string().trim().min(5, 'must say what the data is for').max(1000, 'must be at most 1000 characters'),
    givenAt: z.date().nullish(),
    expiresAt: z.date().nullish(),
  })
  .superRefine((input, issue) => {
    if (!input.agencyIds?.length && !input.agencyTypes?.length) {
      issue.addIssue({ code: 'custom', path: ['agencyIds'], message: 'name at least one agency or agency type' });
    }
    if (input.givenAt && input.givenAt.getTime() > Date.now() + 60_000) {
      issue.addIssue({ code: 'custom', path: ['givenAt'], message: 'must not be in the future' });
    }
    const given = input.givenAt ?? new Date();
    if (input.expiresAt && input.expiresAt <= given) {
      issue.addIssue({ code: 'custom', path: ['expiresAt'], message: 'must be after the consent was given' });
    } else if (input.expiresAt && input.expiresAt.getTime() <= Date.now()) {
      issue.addIssue({ code: 'custom', path: ['expiresAt'], message: 'must be in the future: a consent already expired covers no one' });
    }
    if (input.basis === ConsentBasis.MANDATORY_REPORTING) {
      if (input.agencyTypes?.some((type) => !MANDATORY_REPORTING_AGENCY_TYPES.includes(type))) {
        issue.addIssue({ code: 'custom', path: ['agencyTypes'], message: 'mandatory reporting covers police agencies only' });
      }
      if (input.tiers.some((tier) => !MANDATORY_REPORTING_TIERS.has(tier))) {
        issue.addIssue({ code: 'custom', path: ['tiers'], message: 'mandatory reporting covers OPERATIONAL and IDENTIFYING only' });
      }
    }
  });

export type ValidConsentInput = z.infer<typeof recordConsentSchema>;

export const revokeConsentSchema = z.object({
  consentId: z.string().uuid('is not a consent id'),
  reason: z.string().trim().min(5, 'must say why, in at least 5 characters').max(2000, 'must be at most 2000 characters'),
});
