import { registerEnumType } from 'type-graphql';
import { Role } from '../auth/roles';

/** DESIGN.md "Roles": subject access and erasure requests are the DPO's, in both subgraphs that hold a case's records. */
export const DATA_PROTECTION_ROLES: readonly Role[] = [Role.DATA_PROTECTION_OFFICER];

/**
 * Where a data subject's request for their records stands. The cases subgraph keeps the request; the referrals
 * subgraph reads its status (carried by the gateway) before it shows the case's referrals to the DPO, so
 * both subgraphs name the same values.
 */
export enum SubjectAccessStatus {
  /** Received and being answered: the DPO may read the case's records. */
  OPEN = 'OPEN',
  /** Answered: the records were given to the requester. */
  COMPLETED = 'COMPLETED',
  /** Not answered, with the reason recorded (e.g. the requester's identity could not be verified). */
  REFUSED = 'REFUSED',
}

registerEnumType(SubjectAccessStatus, {
  name: 'SubjectAccessStatus',
  description: "Where a subject access request stands; the DPO reads the case's records only while it is OPEN.",
  valuesConfig: {
    OPEN: { description: "Received and being answered: the DPO may read the case's records." },
    COMPLETED: { description: 'Answered: the records were given to the requester.' },
    REFUSED: { description: 'Not answered, with the reason recorded.' },
  },
});
