import { countyCodeSchema } from '@kinga/shared';
import { Field, Float, GraphQLISODateTime, ID, InputType, Int } from 'type-graphql';
import { z } from 'zod';
import { ProgrammePeriodInput } from '../../common/period';
import { MAX_FIGURE, MAX_FIGURE_MESSAGE } from '../report/report.input';

@InputType('SetProgrammeTargetInput', { description: 'Sets (or replaces) the target of one indicator, scope and period.' })
export class SetProgrammeTargetInput {
  @Field(() => ID)
  indicatorId: string;

  @Field(() => String, { nullable: true, description: 'Three-digit county code; omit for the national target.' })
  countyCode?: string | null;

  @Field(() => ProgrammePeriodInput)
  period: ProgrammePeriodInput;

  @Field(() => Float, {
    nullable: true,
    description: 'Where the indicator stood before the plan. Omitted, a target set again keeps the baseline it had; null clears it.',
  })
  baseline?: number | null;

  @Field(() => Float)
  targetValue: number;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description:
      "The target's setAt as you read it (null: you read no target there): a target set since by another officer is not replaced, but answered with CONFLICT and its currentUpdatedAt; your own setting sent again after its answer was lost is answered with it. Omit it to set the target whatever it is now.",
  })
  expectedSetAt?: Date | null;
}

@InputType('ProgrammeTargetFilter')
export class ProgrammeTargetFilter {
  @Field(() => ID, { nullable: true })
  indicatorId?: string | null;

  @Field(() => String, { nullable: true, description: 'A county code; "NATIONAL" for national targets only.' })
  countyCode?: string | null;

  @Field(() => Int, { nullable: true })
  year?: number | null;
}

export const setTargetSchema = z.object({
  indicatorId: z.string().uuid('is not an indicator id'),
  countyCode: countyCodeSchema.nullish(),
  period: z.object({
    year: z.number().int('must be a whole year'),
    quarter: z.number().int().min(1, 'must be 1 to 4').max(4, 'must be 1 to 4').nullish(),
  }),
  baseline: z.number().finite().min(0, 'must not be negative').max(MAX_FIGURE, MAX_FIGURE_MESSAGE).nullish(),
  targetValue: z.number().finite().min(0, 'must not be negative').max(MAX_FIGURE, MAX_FIGURE_MESSAGE),
  expectedSetAt: z.date().nullish(),
});
