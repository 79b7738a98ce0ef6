import { Connection } from '@kinga/shared';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { AgeBand, Sex } from '../case/case.enums';
import type { Scoped } from '../case/case-scope';
import type { CaregiverEntity, ChildEntity } from './child.entity';

/** The child of a case. Tiers per field: `CHILD_FIELD_TIERS` (child.policy.ts), decided with the case's facts. */
@ObjectType('Child', { description: 'The child a case is about. Identifying fields are null with FORBIDDEN unless you may see them.' })
export class Child {
  @Field(() => ID)
  id: string;

  @Field(() => Sex, { nullable: true, description: 'OPERATIONAL.' })
  sex: Sex | null;

  @Field(() => AgeBand, {
    nullable: true,
    description:
      "Age band from the date of birth or the estimated age: today's for a caller who may read the date of birth, otherwise the band when the case was opened (today's would tell the birthday by the day it changes). Once the case's personal data is erased, the band when the case was opened for everyone. OPERATIONAL.",
  })
  ageBand: AgeBand | null;

  @Field(() => String, {
    nullable: true,
    description: 'First letters of the first and last names, e.g. "A.T.": a redacted stand-in for the name. OPERATIONAL.',
  })
  initials: string | null;

  @Field(() => String, { nullable: true, description: 'County of residence. OPERATIONAL.' })
  countyCode: string | null;

  @Field(() => String, { nullable: true, description: 'IDENTIFYING.' })
  firstName: string | null;

  @Field(() => String, { nullable: true, description: 'IDENTIFYING.' })
  middleName: string | null;

  @Field(() => String, { nullable: true, description: 'IDENTIFYING.' })
  lastName: string | null;

  @Field(() => String, { nullable: true, description: 'ISO 8601 date; null when only an estimated age is known. IDENTIFYING.' })
  dateOfBirth: string | null;

  @Field(() => Int, {
    nullable: true,
    description:
      "Estimated age in years today, when the date of birth is unknown; once the case's personal data is erased, the youngest age of its band when the case was opened. IDENTIFYING.",
  })
  estimatedAgeYears: number | null;

  @Field(() => String, { nullable: true, description: 'IDENTIFYING.' })
  subCounty: string | null;

  @Field(() => String, { nullable: true, description: 'Village, estate or landmark. IDENTIFYING.' })
  location: string | null;

  @Field(() => String, { nullable: true, description: 'IDENTIFYING.' })
  school: string | null;

  @Field(() => String, { nullable: true, description: 'IDENTIFYING.' })
  birthCertificateNumber: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'A disability services must accommodate (e.g. "hearing impairment: needs a sign-language interpreter"). IDENTIFYING.',
  })
  disability: string | null;
}

@ObjectType('Caregiver', { description: 'A parent or other caregiver of the child, in the order the officer entered them.' })
export class Caregiver {
  @Field(() => String, { nullable: true, description: 'IDENTIFYING.' })
  name: string | null;

  @Field(() => String, { nullable: true, description: 'e.g. MOTHER, GRANDMOTHER, GUARDIAN. IDENTIFYING.' })
  relationship: string | null;

  @Field(() => String, { nullable: true, description: 'IDENTIFYING.' })
  phone: string | null;

  @Field(() => Date, { nullable: true, description: 'When an update replaced this caregiver; null for a current one. OPERATIONAL.' })
  removedAt: Date | null;
}

/** A page of the caregivers an update replaced. */
@ObjectType('CaregiverConnection')
export class CaregiverConnection extends Connection(Caregiver, 'Caregiver') {}

export type ChildView = ChildEntity &
  Scoped & {
    /** The day the child's case was opened: the day of the band a caller not allowed the date of birth is given. */
    caseOpenedOn: string;
  };
export type CaregiverView = CaregiverEntity & Scoped;
