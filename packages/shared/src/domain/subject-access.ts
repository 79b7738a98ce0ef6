import { registerEnumType } from 'type-graphql';

/**
 * Where a data subject's request for their records stands. The cases subgraph keeps the request; the referrals
 * subgraph reads its status (carried by the gateway) before it shows the child's referrals to the DPO, so
 * both subgraphs name the same values.
 */
export enum SubjectAccessStatus {
  /** Received and being answered: the DPO may read the child's records. */
  OPEN = 'OPEN',
  /** Answered: the records were given to the requester. */
  COMPLETED = 'COMPLETED',
  /** Not answered, with the reason recorded (e.g. the requester's identity could not be verified). */
  REFUSED = 'REFUSED',
}

registerEnumType(SubjectAccessStatus, {
  name: 'SubjectAccessStatus',
  description: "Where a subject access request stands; the DPO reads the child's records only while it is OPEN.",
  valuesConfig: {
    OPEN: { description: "Received and being answered: the DPO may read the child's records." },
    COMPLETED: { description: 'Answered: the records were given to the requester.' },
    REFUSED: { description: 'Not answered, with the reason recorded.' },
  },
});
