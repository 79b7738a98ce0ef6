import { Connection, SubjectAccessStatus } from '@kinga/shared';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { SubjectRequester } from './subject-access.enums';
import type { SubjectAccessRequestEntity } from './subject-access.entity';

/**
 * A data subject's request for everything Kinga holds about them in a case (Data Protection Act, 2019: the
 * right of access), kept by the DPO. While it is OPEN, the case's records are readable to the DPO through it,
 * and only through it: `case` here, and `referrals`, which the referrals subgraph adds. Every read is audited.
 */
@Directive('@key(fields: "id")')
@ObjectType('SubjectAccessRequest')
export class SubjectAccessRequest {
  @Field(() => ID)
  id: string;

  @Field(() => SubjectAccessStatus)
  status: SubjectAccessStatus;

  @Field(() => ID, { description: 'The case asked about (the referrals subgraph reads it too).' })
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

  @Field(() => String, { nullable: true, description: 'Token subject of the DPO who closed it.' })
  closedBy: string | null;

  @Field(() => String, { nullable: true, description: 'What was given to the requester, or why the request was refused.' })
  outcomeNote: string | null;
}

@ObjectType('SubjectAccessRequestConnection')
export class SubjectAccessRequestConnection extends Connection(SubjectAccessRequest, 'SubjectAccessRequest') {}

@ObjectType('SubjectAccessRequestPayload')
export class SubjectAccessRequestPayload {
  @Field(() => SubjectAccessRequest)
  request: SubjectAccessRequestEntity;
}
