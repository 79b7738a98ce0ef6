import { isPublic, nationalDirectoryAdministrator } from '@kinga/shared';

export const agencyTypeMutationRules = { refreshReferralAgencyType: nationalDirectoryAdministrator };

// An agency's id and type are public directory facts, and the count says nothing of any child.
export const agencyTypeTypeRules = { RefreshReferralAgencyTypePayload: isPublic };
