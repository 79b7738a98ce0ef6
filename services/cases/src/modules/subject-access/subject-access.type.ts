import { Connection, SubjectAccessStatus } from '@kinga/shared';
import { Directive, Field, ObjectType } from 'type-graphql';
import { DataSubjectRequestFields } from '../data-subject/data-subject-request.type';
import type { SubjectAccessRequestEntity } from './subject-access.entity';

/**
 * A data subject's request for everything Kinga holds about them in a case (Data Protection Act, 2019: the
 * right of access), kept by the DPO. While it is OPEN, the case's records are readable to the DPO through it,
 * and only through it: `case` here, and `referrals`, which the referrals subgraph adds. Every read is audited.
 */
@Directive('@key(fields: "id")')
@ObjectType('SubjectAccessRequest')
export class SubjectAccessRequest extends DataSubjectRequestFields {
  @Field(() => SubjectAccessStatus)
  status: SubjectAccessStatus;
}

@ObjectType('SubjectAccessRequestConnection')
export class SubjectAccessRequestConnection extends Connection(SubjectAccessRequest, 'SubjectAccessRequest') {}

@ObjectType('SubjectAccessRequestPayload')
export class SubjectAccessRequestPayload {
  @Field(() => SubjectAccessRequest)
  request: SubjectAccessRequestEntity;
}
