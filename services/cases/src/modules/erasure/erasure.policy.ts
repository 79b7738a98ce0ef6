import { isPublic } from '@kinga/shared';
import {
  dataProtectionOfficer,
  dataProtectionOfficerOpeningForCase,
  requestOutcomeNote,
} from '../data-subject/data-subject-request.policy';

export const erasureQueryRules = { erasureRequest: dataProtectionOfficer, erasureRequests: dataProtectionOfficer };

export const erasureMutationRules = {
  openErasureRequest: dataProtectionOfficerOpeningForCase,
  refuseErasureRequest: dataProtectionOfficer,
  carryOutErasureRequest: dataProtectionOfficer,
};

export const erasureTypeRules = {
  ErasureRequest: {
    '*': dataProtectionOfficer,
    outcomeNote: requestOutcomeNote,
  },
  // Wrappers: what they hold is guarded above.
  ErasureRequestConnection: isPublic,
  ErasureRequestEdge: isPublic,
  ErasureRequestPayload: isPublic,
};
