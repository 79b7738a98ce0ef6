import { DATA_PROTECTION_ROLES, hasRole, isPublic } from '@kinga/shared';

const dataProtectionOfficer = hasRole(...DATA_PROTECTION_ROLES);

export const erasureQueryRules = { erasureRequest: dataProtectionOfficer, erasureRequests: dataProtectionOfficer };

export const erasureMutationRules = {
  openErasureRequest: dataProtectionOfficer,
  refuseErasureRequest: dataProtectionOfficer,
  carryOutErasureRequest: dataProtectionOfficer,
};

export const erasureTypeRules = {
  ErasureRequest: dataProtectionOfficer,
  // Wrappers: what they hold is guarded above.
  ErasureRequestConnection: isPublic,
  ErasureRequestEdge: isPublic,
  ErasureRequestPayload: isPublic,
};
