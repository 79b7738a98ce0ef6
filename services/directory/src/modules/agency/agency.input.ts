import { Field, ID, InputType } from 'type-graphql';
import { z } from 'zod';
import { AgencyType } from './agency-type.enum';

@InputType()
export class AgencyFilter {
  @Field(() => [AgencyType], { nullable: true })
  types?: AgencyType[] | null;

  @Field(() => String, { nullable: true, description: 'Part of the name or acronym, any case.' })
  text?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Only active (true) or only deactivated (false) agencies; all when omitted.' })
  active?: boolean | null;
}

@InputType()
export class CreateAgencyInput {
  @Field()
  name: string;

  @Field(() => String, { nullable: true })
  acronym?: string | null;

  @Field(() => AgencyType)
  type: AgencyType;
}

@InputType()
export class UpdateAgencyInput {
  @Field(() => ID)
  id: string;

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  acronym?: string | null;

  @Field(() => AgencyType, { nullable: true })
  type?: AgencyType | null;
}

@InputType()
export class DeactivateAgencyInput {
  @Field(() => ID)
  id: string;
}

@InputType()
export class ReactivateAgencyInput {
  @Field(() => ID)
  id: string;
}

const name = z.string().trim().min(2, 'must be at least 2 characters').max(200, 'must be at most 200 characters');
const acronym = z
  .string()
  .trim()
  .min(2, 'must be at least 2 characters')
  .max(20, 'must be at most 20 characters')
  .regex(/^[A-Za-z0-9&/.-]+$/, 'may contain letters, digits and & / . - only');

export const createAgencySchema = z.object({ name, acronym: acronym.nullish(), type: z.nativeEnum(AgencyType) });
export const updateAgencySchema = z.object({
  id: z.string().uuid('is not an agency id'),
  name: name.nullish(),
  acronym: acronym.nullish(),
  type: z.nativeEnum(AgencyType).nullish(),
});
export const agencyIdSchema = z.object({ id: z.string().uuid('is not an agency id') });

export const SEARCH_TEXT_MAX_LENGTH = 100;
/** A name search's text: every row is compared with it, so it is bounded like any other free text. */
export const searchTextSchema = z.string().trim().max(SEARCH_TEXT_MAX_LENGTH, `must be at most ${SEARCH_TEXT_MAX_LENGTH} characters`);
