import { Field, ID, ObjectType } from 'type-graphql';
import { CaseStatus } from '../case/case.enums';

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
}
