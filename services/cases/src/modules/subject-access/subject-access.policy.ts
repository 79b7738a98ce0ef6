import { hasRole, isPublic, Role } from '@kinga/shared';

/** DESIGN.md "Roles": subject access requests are the DPO's, every part of them. */
export const SUBJECT_ACCESS_ROLES: readonly Role[] = [Role.DATA_PROTECTION_OFFICER];
const dataProtectionOfficer = hasRole(...SUBJECT_ACCESS_ROLES);

export const subjectAccessQueryRules = { subjectAccessRequest: dataProtectionOfficer, subjectAccessRequests: dataProtectionOfficer };

export const subjectAccessMutationRules = {
  openSubjectAccessRequest: dataProtectionOfficer,
  closeSubjectAccessRequest: dataProtectionOfficer,
};

export const subjectAccessTypeRules = {
  // An entity: `_entities` reaches it too, so its fields are the DPO's wherever it is resolved from.
  SubjectAccessRequest: dataProtectionOfficer,
  // Wrappers: what they hold is guarded above.
  SubjectAccessRequestConnection: isPublic,
  SubjectAccessRequestEdge: isPublic,
  SubjectAccessRequestPayload: isPublic,
};
