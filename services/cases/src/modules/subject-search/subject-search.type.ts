import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { CaseStatus } from '../case/case.enums';

export enum DataSubjectMatch {
  BIRTH_CERTIFICATE_NUMBER = 'BIRTH_CERTIFICATE_NUMBER',
  NAMES_AND_DATE_OF_BIRTH = 'NAMES_AND_DATE_OF_BIRTH',
  NAMES_ONLY = 'NAMES_ONLY',
  FIRST_NAME_ONLY = 'FIRST_NAME_ONLY',
}

registerEnumType(DataSubjectMatch, {
  name: 'DataSubjectMatch',
  description: 'What of the search a case matched on.',
  valuesConfig: {
    BIRTH_CERTIFICATE_NUMBER: { description: "The child's birth certificate number." },
    NAMES_AND_DATE_OF_BIRTH: { description: 'First name, last name and date of birth.' },
    NAMES_ONLY: {
      description:
        'First and last name, on a child recorded with an estimated age (within two years of the one the date of birth gives) and no date of birth: check it is the same child before opening a request on it.',
    },
    FIRST_NAME_ONLY: {
      description:
        'First name, and the date of birth or an estimated age within two years of it, on a child recorded without a last name (a child who gave a first name only): check it is the same child before opening a request on it.',
    },
  },
});

@ObjectType('DataSubjectCase', {
  description: 'A case whose child matches a data subject search: what a request is opened on, and nothing of the child.',
})
export class DataSubjectCase {
  @Field(() => ID)
  caseId: string;

  @Field(() => String)
  caseNumber: string;

  @Field(() => String, { description: 'Three-digit county code.' })
  countyCode: string;

  @Field(() => String, { description: 'ISO 8601 date.' })
  openedOn: string;

  @Field(() => CaseStatus)
  status: CaseStatus;

  @Field(() => [DataSubjectMatch], { description: 'What it matched on: with both identifiers given, one or both.' })
  matchedBy: DataSubjectMatch[];
}
