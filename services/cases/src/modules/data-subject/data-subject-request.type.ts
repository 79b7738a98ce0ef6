import { Field, ID, ObjectType } from 'type-graphql';
import { SubjectRequester } from './data-subject.enums';

/** The fields every data subject's request about a case shows the DPO (subject access, erasure). */
// Never in the schema itself (nothing returns it): the types that extend it are.
@ObjectType()
export abstract class DataSubjectRequestFields {
  @Field(() => ID)
  id: string;

  @Field(() => ID, { description: 'The case the request is about (the referrals subgraph reads it too).' })
  caseId: string;

  @Field(() => SubjectRequester)
  requestedBy: SubjectRequester;

  @Field({ description: 'ISO 8601 date the request was received.' })
  receivedOn: string;

  @Field({ description: 'Token subject of the DPO who recorded it.' })
  openedBy: string;

  @Field()
  openedAt: Date;

  @Field(() => Date, { nullable: true })
  closedAt: Date | null;

  @Field(() => String, { nullable: true, description: 'Token subject of the DPO who answered it.' })
  closedBy: string | null;

  @Field(() => String, { nullable: true, description: 'The DPO’s answer: what was given or done, or why the request was refused.' })
  outcomeNote: string | null;
}
