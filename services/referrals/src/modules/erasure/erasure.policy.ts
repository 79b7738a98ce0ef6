import { DATA_PROTECTION_ROLES, hasRole, isPublic } from '@kinga/shared';

export const erasureMutationRules = { eraseCaseReferralRecords: hasRole(...DATA_PROTECTION_ROLES) };

// What it holds is a count and the request's id, given only to the DPO who asked.
export const erasureTypeRules = { EraseCaseReferralRecordsPayload: isPublic };
