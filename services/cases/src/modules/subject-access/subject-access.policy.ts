import { isPublic } from '@kinga/shared';
import {
  dataProtectionOfficer,
  dataProtectionOfficerOpeningForCase,
  requestOutcomeNote,
} from '../data-subject/data-subject-request.policy';

export const subjectAccessQueryRules = { subjectAccessRequest: dataProtectionOfficer, subjectAccessRequests: dataProtectionOfficer };

export const subjectAccessMutationRules = {
  openSubjectAccessRequest: dataProtectionOfficerOpeningForCase,
  closeSubjectAccessRequest: dataProtectionOfficer,
};

export const subjectAccessTypeRules = {
  // An entity: `_entities` reaches it too, so its fields are the DPO's wherever it is resolved from.
  SubjectAccessRequest: {
    '*': dataProtectionOfficer,
    outcomeNote: requestOutcomeNote,
  },
  // Wrappers: what they hold is guarded above.
  SubjectAccessRequestConnection: isPublic,
  SubjectAccessRequestEdge: isPublic,
  SubjectAccessRequestPayload: isPublic,
};
