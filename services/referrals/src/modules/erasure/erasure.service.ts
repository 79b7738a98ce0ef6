import { checkThroughGateway, conflict, ErasureStatus, forbidden, notFound, validateInput } from '@kinga/shared';
import type { ReferralsContext } from '../../referrals.context';
import { ReferralStatus } from '../referral/referral.enums';
import { assertCommitsWithinSyncOverlap } from '../referral/referral.sync';
import { eraseCaseReferralRecordsSchema, type EraseCaseReferralRecordsInput } from './erasure.input';
import type { EraseCaseReferralRecordsPayload } from './erasure.type';

const REQUEST = `query ErasureRequestToCarryOut($id: ID!) { erasureRequest(id: $id) { status caseId } }`;

interface Answer {
  erasureRequest: { status: ErasureStatus; caseId: string } | null;
}

/** A referral still being worked on keeps its parties in the case: its words are theirs to work with. */
const FINISHED: readonly ReferralStatus[] = [ReferralStatus.CLOSED, ReferralStatus.CANCELLED];

/**
 * The request, and whether it is being carried out, are the cases subgraph's facts: asked through the gateway
 * with the DPO's own token, so only a request the cases service has started (ERASING) erases anything here.
 */
async function caseBeingErased(ctx: ReferralsContext, erasureRequestId: string): Promise<string> {
  const answer = await checkThroughGateway<Answer>(ctx, {
    query: REQUEST,
    variables: { id: erasureRequestId },
    checking: 'the erasure request',
    consequence: 'nothing was erased',
    onFieldError(error) {
      const code = error.extensions?.code;
      if (code === 'FORBIDDEN' || code === 'UNAUTHENTICATED')
        throw forbidden('Only the data protection officer carries out an erasure request');
      if (code === 'NOT_FOUND' || code === 'BAD_USER_INPUT') throw notFound('No erasure request has this id');
    },
    onData: (data) => data,
  });
  const request = answer.erasureRequest;
  if (!request) throw notFound('No erasure request has this id');
  if (request.status !== ErasureStatus.ERASING)
    throw conflict(
      `This erasure request is ${request.status}, not being carried out: carry it out with carryOutErasureRequest, which erases this part too`,
      { currentStatus: request.status },
    );
  return request.caseId;
}

/**
 * Erases, in one transaction, the words held of the case: what the sender wrote (reason, consent reference,
 * cancel reason), what the recipient wrote (decline reason, step notes) and a service record's injuries, with
 * its request digest (a hash of them). Statuses, times, parties and the clinical yes/no answers stay: the SLA
 * and NPA figures count them. Doing it again erases nothing new, so a retry is safe.
 */
export async function eraseCaseReferralRecords(
  ctx: ReferralsContext,
  input: EraseCaseReferralRecordsInput,
): Promise<EraseCaseReferralRecordsPayload> {
  const { erasureRequestId } = validateInput(eraseCaseReferralRecordsSchema, input);
  const caseId = await caseBeingErased(ctx, erasureRequestId);
  return ctx.db.transaction(async (manager) => {
    const referrals = (await manager.query(
      `SELECT id, reference, status FROM referrals.referral WHERE case_id = $1 ORDER BY created_at FOR UPDATE`,
      [caseId],
    )) as { id: string; reference: string; status: ReferralStatus }[];
    const unfinished = referrals.filter((r) => !FINISHED.includes(r.status));
    if (unfinished.length > 0)
      throw conflict(
        `The case has referrals still open: ${unfinished.map((r) => `${r.reference} (${r.status})`).join(', ')}. Have them closed or cancelled first.`,
      );
    const ids = referrals.map((r) => r.id);
    // On the request's own trail, whatever it found to erase.
    const requestWrite = { recordType: 'ErasureRequest', recordIds: erasureRequestId, fieldNames: ['referrals'] };
    if (ids.length === 0) {
      await ctx.auditWrites(manager, [requestWrite]);
      return { erasureRequestId, referralsErased: 0 };
    }
    await manager.query(
      // `updated_at` moves with `erased_at` (unless already erased), so a partner syncing `changedSince` learns it.
      `UPDATE referrals.referral SET reason = NULL, consent_reference = NULL, decline_reason = NULL, cancel_reason = NULL,
          erased_at = coalesce(erased_at, $2), updated_at = CASE WHEN erased_at IS NULL THEN $2 ELSE updated_at END
        WHERE id = ANY($1::uuid[])`,
      [ids, ctx.now],
    );
    await manager.query(`UPDATE referrals.referral_event SET note = NULL WHERE referral_id = ANY($1::uuid[]) AND note IS NOT NULL`, [ids]);
    await manager.query(`UPDATE referrals.service_record SET injuries = NULL, request_digest = NULL WHERE referral_id = ANY($1::uuid[])`, [
      ids,
    ]);
    await ctx.auditWrites(manager, [
      requestWrite,
      {
        recordType: 'Referral',
        recordIds: ids,
        fieldNames: ['reason', 'consentReference', 'declineReason', 'cancelReason', 'history.note', 'serviceRecords.injuries'],
      },
    ]);
    assertCommitsWithinSyncOverlap(ctx);
    return { erasureRequestId, referralsErased: ids.length };
  });
}
