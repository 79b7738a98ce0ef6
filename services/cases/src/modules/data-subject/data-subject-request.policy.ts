import { DATA_PROTECTION_ROLES, hasRole, hasRoleForRecord, hasRoleRecordingRead, recordIdsInArguments } from '@kinga/shared';
import type { CasesContext } from '../../cases.context';
import { findCaseIdByNumber } from '../case/case.service';

/** Subject access and erasure requests, and every field of them, are the DPO's. */
export const dataProtectionOfficer = hasRole(...DATA_PROTECTION_ROLES);

/**
 * The DPO's note on a request may name the people it was about: its reads are on the trails of the request and
 * of its case, as its writes are.
 */
export const requestOutcomeNote = hasRoleRecordingRead(DATA_PROTECTION_ROLES, (request: { id: string; caseId: string }) => request.caseId);

/**
 * Opening a request is the DPO's; one refused is on the trail of the case it named, by id or, as a requester's
 * papers give it, by number (as `caseByNumber` is).
 */
export const dataProtectionOfficerOpeningForCase = hasRoleForRecord<CasesContext>(DATA_PROTECTION_ROLES, {
  recordType: 'Case',
  findRecordId: async (args, ctx) =>
    recordIdsInArguments(args, ['caseId'])[0] ?? findCaseIdByNumber(ctx, (args.input as { caseNumber?: unknown } | undefined)?.caseNumber),
});
