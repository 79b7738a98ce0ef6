import { countyCodeSchema } from '@kinga/shared';
import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { z } from 'zod';
import { Kes } from '../../common/kes.scalar';
import { ProgrammePeriodInput } from '../../common/period';
import { AchievementStatus, ProgressReportStatus } from './report.enums';
import { SPEND_DESCRIPTION } from './report.type';

@InputType('CreateProgressReportInput')
export class CreateProgressReportInput {
  @Field(() => ID)
  indicatorId: string;

  @Field({ description: 'Three-digit county code, e.g. "047".' })
  countyCode: string;

  @Field(() => ProgrammePeriodInput, { description: 'The quarter reported on: year and quarter (1-4).' })
  period: ProgrammePeriodInput;

  @Field(() => Float, { nullable: true })
  actualValue?: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'For a PERCENT indicator, the number the percentage is of (e.g. the children screened); needed to submit.',
  })
  denominator?: number | null;

  @Field(() => AchievementStatus, { nullable: true })
  achievement?: AchievementStatus | null;

  @Field(() => String, { nullable: true })
  evidence?: string | null;

  @Field(() => Kes, { nullable: true, description: SPEND_DESCRIPTION })
  spendKes?: number | null;

  @Field(() => String, { nullable: true })
  narrative?: string | null;
}

const EXPECTED_UPDATED_AT =
  "The report's updatedAt as you read it: a report changed since is refused with CONFLICT and its currentUpdatedAt, nothing written. Send it, so that what you submit, approve or return is what you read.";

/**
 * Required of a review: a report returned, corrected and submitted again between a reviewer's reading and their
 * approval would otherwise be approved with figures they never saw, and an approved version is final.
 */
const REVIEWED_AS_READ =
  "The report's updatedAt as you read it (required): a report changed since, for example corrected and submitted again after another reviewer returned it, is refused with CONFLICT and its currentUpdatedAt, nothing written. What you approve or return is what you read.";

@InputType('UpdateProgressReportInput', { description: 'Omitted fields stay as they are; null clears one.' })
export class UpdateProgressReportInput {
  @Field(() => ID)
  id: string;

  @Field(() => Date, { nullable: true, description: EXPECTED_UPDATED_AT })
  expectedUpdatedAt?: Date | null;

  @Field(() => Float, { nullable: true })
  actualValue?: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'For a PERCENT indicator, the number the percentage is of (e.g. the children screened); needed to submit.',
  })
  denominator?: number | null;

  @Field(() => AchievementStatus, { nullable: true })
  achievement?: AchievementStatus | null;

  @Field(() => String, { nullable: true })
  evidence?: string | null;

  @Field(() => Kes, { nullable: true, description: SPEND_DESCRIPTION })
  spendKes?: number | null;

  @Field(() => String, { nullable: true })
  narrative?: string | null;
}

@InputType('ProgressReportIdInput')
export class ProgressReportIdInput {
  @Field(() => ID)
  id: string;

  @Field(() => Date, { nullable: true, description: EXPECTED_UPDATED_AT })
  expectedUpdatedAt?: Date | null;
}

@InputType('ReturnProgressReportInput')
export class ReturnProgressReportInput {
  @Field(() => ID)
  id: string;

  @Field(() => Date, { description: REVIEWED_AS_READ })
  expectedUpdatedAt: Date;

  @Field({ description: 'What the agency should correct.' })
  comment: string;
}

@InputType('ApproveProgressReportInput')
export class ApproveProgressReportInput {
  @Field(() => ID)
  id: string;

  @Field(() => Date, { description: REVIEWED_AS_READ })
  expectedUpdatedAt: Date;

  @Field(() => String, { nullable: true })
  comment?: string | null;
}

@InputType('ProgressReportFilter')
export class ProgressReportFilter {
  @Field(() => ID, { nullable: true })
  indicatorId?: string | null;

  @Field(() => String, { nullable: true })
  countyCode?: string | null;

  @Field(() => ID, { nullable: true })
  agencyId?: string | null;

  @Field(() => [ProgressReportStatus], { nullable: true })
  statuses?: ProgressReportStatus[] | null;

  @Field(() => Int, { nullable: true })
  year?: number | null;

  @Field(() => Int, { nullable: true })
  quarter?: number | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'false: leave out approved versions a newer approved version replaces (what counts); true: only those.',
  })
  superseded?: boolean | null;
}

/**
 * Bounds no real figure reaches, so that what approved reports add up to stays a number: unbounded, two
 * approved spends of 2^53 shillings made every caller's objective variance an internal error, and a count of
 * 1e308 made the national actual Infinity.
 */
export const MAX_FIGURE = 1_000_000_000;
export const MAX_FIGURE_MESSAGE = 'must be at most 1,000,000,000';
const MAX_SPEND_KES = 100_000_000_000;

const uuid = (what: string) => z.string().uuid(`is not ${what} id`);
const text = z.string().trim().max(4000, 'must be at most 4000 characters');

/** The values of a report, checked for their shape; checks that need the indicator's unit follow in the service. */
export const reportValuesSchema = z.object({
  actualValue: z.number().finite('must be a number').min(0, 'must not be negative').max(MAX_FIGURE, MAX_FIGURE_MESSAGE).nullish(),
  denominator: z.number().int('must be a whole number').min(1, 'must be at least 1').max(MAX_FIGURE, MAX_FIGURE_MESSAGE).nullish(),
  achievement: z.nativeEnum(AchievementStatus).nullish(),
  evidence: text.nullish(),
  spendKes: z
    .number()
    .int('must be whole shillings')
    .min(0, 'must not be negative')
    .max(MAX_SPEND_KES, 'must be at most KES 100,000,000,000 (the whole plan is about KES 5 billion)')
    .nullish(),
  narrative: text.nullish(),
});

export const createReportSchema = reportValuesSchema.extend({
  indicatorId: uuid('an indicator'),
  countyCode: countyCodeSchema,
  period: z.object({
    year: z.number().int('must be a whole year'),
    quarter: z.number({ message: 'a report covers one quarter: 1 to 4' }).int().min(1, 'must be 1 to 4').max(4, 'must be 1 to 4'),
  }),
});

/** A list's filter: a county that exists and a period that can be one, or the list is answered empty and wrongly. */
export const listFilterSchema = z.object({
  countyCode: countyCodeSchema.nullish(),
  year: z.number().int().min(2000, 'must be a year from 2000').max(2100, 'must be a year before 2100').nullish(),
  quarter: z.number().int().min(1, 'must be 1 to 4').max(4, 'must be 1 to 4').nullish(),
});

export const updateReportSchema = reportValuesSchema.extend({ id: uuid('a progress report'), expectedUpdatedAt: z.date().nullish() });
export const reportIdSchema = z.object({ id: uuid('a progress report'), expectedUpdatedAt: z.date().nullish() });
export const returnReportSchema = z.object({
  id: uuid('a progress report'),
  expectedUpdatedAt: z.date({ message: "is required: the report's updatedAt as you read it" }),
  comment: z.string().trim().min(3, 'must say what to correct').max(2000, 'must be at most 2000 characters'),
});
export const approveReportSchema = z.object({
  id: uuid('a progress report'),
  expectedUpdatedAt: z.date({ message: "is required: the report's updatedAt as you read it" }),
  comment: z.string().trim().max(2000, 'must be at most 2000 characters').nullish(),
});
