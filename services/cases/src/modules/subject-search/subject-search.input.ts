import { calendarDate } from '@kinga/shared';
import { Field, InputType } from 'type-graphql';
import { z } from 'zod';
import { blankAsAbsent, childFields } from '../case/case.input';

@InputType('DataSubjectSearchInput', {
  description:
    'The child a subject access or erasure request is about, as the requester identifies them: a birth certificate number, or first name, last name and date of birth (all three). Names are compared whole, whatever their case.',
})
export class DataSubjectSearchInput {
  @Field(() => String, { nullable: true })
  birthCertificateNumber?: string | null;

  @Field(() => String, { nullable: true })
  firstName?: string | null;

  @Field(() => String, { nullable: true })
  lastName?: string | null;

  @Field(() => String, { nullable: true, description: 'ISO 8601 date.' })
  dateOfBirth?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'false leaves out the cases of children recorded with an estimated age and no date of birth (NAMES_ONLY, and FIRST_NAME_ONLY on an age): for a common name that matches too many of them to answer. Default true.',
  })
  includeWeakMatches?: boolean | null;
}

export const dataSubjectSearchSchema = z
  .object({
    birthCertificateNumber: childFields.birthCertificateNumber,
    firstName: blankAsAbsent(childFields.firstName.nullish()),
    lastName: childFields.lastName,
    dateOfBirth: blankAsAbsent(calendarDate.nullish()),
    includeWeakMatches: z.boolean().nullish(),
  })
  .superRefine((search, issue) => {
    const byName = [search.firstName, search.lastName, search.dateOfBirth];
    if (byName.some((value) => value != null) && byName.some((value) => value == null))
      issue.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['dateOfBirth'],
        message: 'a search by name needs firstName, lastName and dateOfBirth, all three',
      });
    if (search.birthCertificateNumber == null && byName.every((value) => value == null))
      issue.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['birthCertificateNumber'],
        message: 'give a birth certificate number, or first name, last name and date of birth',
      });
  });

export type DataSubjectSearch = z.infer<typeof dataSubjectSearchSchema>;
