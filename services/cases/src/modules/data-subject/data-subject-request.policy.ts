import { DATA_PROTECTION_ROLES, hasRole, hasRoleRecordingRead } from '@kinga/shared';

/** Subject access and erasure requests, and every field of them, are the DPO's. */
export const dataProtectionOfficer = hasRole(...DATA_PROTECTION_ROLES);

/**
 * The DPO's note on a request may name the people it was about: its reads are on the trails of the request and
 * of its case, as its writes are.
 */
export const requestOutcomeNote = hasRoleRecordingRead(DATA_PROTECTION_ROLES, (request: { id: string; caseId: string }) => request.caseId);
