import { DATA_PROTECTION_ROLES, hasRole, hasRoleRecordingRead, isPublic } from '@kinga/shared';

const dataProtectionOfficer = hasRole(...DATA_PROTECTION_ROLES);

export const erasureQueryRules = { erasureRequest: dataProtectionOfficer, erasureRequests: dataProtectionOfficer };

export const erasureMutationRules = {
  openErasureRequest: dataProtectionOfficer,
  refuseErasureRequest: dataProtectionOfficer,
  carryOutErasureRequest: dataProtectionOfficer,
};

export const erasureTypeRules = {
  // The DPO's note may name the people a request was about: its reads are on the trails of the request and of its case.
  ErasureRequest: {
    '*': dataProtectionOfficer,
    outcomeNote: hasRoleRecordingRead(DATA_PROTECTION_ROLES, (request: { id: string; caseId: string }) => request.caseId),
  },
  // Wrappers: what they hold is guarded above.
  ErasureRequestConnection: isPublic,
  ErasureRequestEdge: isPublic,
  ErasureRequestPayload: isPublic,
};
