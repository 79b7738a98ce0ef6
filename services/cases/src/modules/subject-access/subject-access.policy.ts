import { hasRole, hasRoleRecordingRead, isPublic, DATA_PROTECTION_ROLES } from '@kinga/shared';

const dataProtectionOfficer = hasRole(...DATA_PROTECTION_ROLES);

export const subjectAccessQueryRules = { subjectAccessRequest: dataProtectionOfficer, subjectAccessRequests: dataProtectionOfficer };

export const subjectAccessMutationRules = {
  openSubjectAccessRequest: dataProtectionOfficer,
  closeSubjectAccessRequest: dataProtectionOfficer,
};

export const subjectAccessTypeRules = {
  // An entity: `_entities` reaches it too, so its fields are the DPO's wherever it is resolved from.
  // The DPO's note may name the people a request was about: its reads are on the trails of the request and of its case.
  SubjectAccessRequest: {
    '*': dataProtectionOfficer,
    outcomeNote: hasRoleRecordingRead(DATA_PROTECTION_ROLES, (request: { id: string; caseId: string }) => request.caseId),
  },
  // Wrappers: what they hold is guarded above.
  SubjectAccessRequestConnection: isPublic,
  SubjectAccessRequestEdge: isPublic,
  SubjectAccessRequestPayload: isPublic,
};
