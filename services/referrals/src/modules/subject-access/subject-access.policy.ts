import { hasRole, Role } from '@kinga/shared';

/** The cases subgraph's rule for the same entity: a subject access request is the DPO's, every part of it. */
export const subjectAccessTypeRules = { SubjectAccessRequest: hasRole(Role.DATA_PROTECTION_OFFICER) };
