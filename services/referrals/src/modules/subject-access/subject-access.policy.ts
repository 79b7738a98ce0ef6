import { hasRole, DATA_PROTECTION_ROLES } from '@kinga/shared';

/** The cases subgraph's rule for the same entity: every part of a subject access request is the DPO's. */
export const subjectAccessTypeRules = { SubjectAccessRequest: hasRole(...DATA_PROTECTION_ROLES) };
