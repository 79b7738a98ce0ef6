import { SubjectAccessStatus } from '@kinga/shared';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * The cases subgraph keeps subject access requests; this subgraph adds the case's referrals to one. Whether
 * the request is OPEN, and which case it is about, are the cases subgraph's facts, carried by the gateway.
 */
@Directive('@key(fields: "id")')
@ObjectType('SubjectAccessRequest')
export class SubjectAccessRequest {
  @Field(() => ID)
  id: string;

  @Directive('@external')
  @Field(() => SubjectAccessStatus)
  status: SubjectAccessStatus;

  @Directive('@external')
  @Field(() => ID)
  caseId: string;
}
