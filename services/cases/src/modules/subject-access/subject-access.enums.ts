import { registerEnumType } from 'type-graphql';

/** How the DPO closes a request: answered, or refused with a reason. */
export enum SubjectAccessOutcome {
  COMPLETED = 'COMPLETED',
  REFUSED = 'REFUSED',
}

registerEnumType(SubjectAccessOutcome, { name: 'SubjectAccessOutcome', description: 'How a subject access request was closed.' });
