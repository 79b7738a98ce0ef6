import { assertCommitsWithinSyncOverlap } from './referral.sync';
import { conflict, forbidden, notFound, badUserInput, validateInput, type Caller } from '@kinga/shared';
import type { EntityManager } from 'typeorm';
import type { ReferralsContext } from '../../referrals.context';
import { isRecipient, isSender, ownsCaseOf, relationTo } from './referral.access';
import { ReferralStatus } from './referral.enums';
import { recordReferralEvent } from './referral.event';
import {
  reasonTransitionSchema,
  transitionSchema,
  type ReferralReasonTransitionInput,
  type ReferralTransitionInput,
} from './referral.input';
import { allowedNextStates, illegalTransitionMessage, isLegal, LIFECYCLE, ReferralAction } from './referral.lifecycle';
import { referralColumns, type ReferralRow } from './referral.row';

/** The timestamp column each state stamps when it is entered. */
const STAMP: Partial<Record<ReferralStatus, string>> = {
  ACKNOWLEDGED: 'acknowledged_at',
  ACCEPTED: 'accepted_at',
  DECLINED: 'declined_at',
  IN_PROGRESS: 'started_at',
  COMPLETED: 'completed_at',
  CLOSED: 'closed_at',
  CANCELLED: 'cancelled_at',
};

/** Where a step's reason is kept besides the history. */
const REASON_COLUMN: Partial<Record<ReferralAction, string>> = { DECLINE: 'decline_reason', CANCEL: 'cancel_reason' };

/**
 * Why `caller` may not take `action` on the referral as a party (null: it may, if the lifecycle allows it now).
 * The sender's steps (cancel, close) are also the case owner's: a referral another party sent on (a police unit
 * referring the child to a clinic) would otherwise keep that party in the case for as long as it chose. Not a
 * referral sent to the owning agency itself, at any of its offices: that one the office declines (so the sender
 * can still read why), and no office or supervisor of the agency cancels it instead, nor closes it once
 * declined. Closing one the agency completed ends the sender's part, as for any other.
 */
export function stepRefusal(caller: Caller, referral: ReferralRow, action: ReferralAction): string | null {
  const step = LIFECYCLE[action];
  const sentToOwner = referral.toAgencyId === referral.caseOwnerAgencyId;
  const barredAsRecipientAgency = sentToOwner && (action === ReferralAction.CANCEL || referral.status === ReferralStatus.DECLINED);
  const owner = ownsCaseOf(caller, referral);
  // From one DCS office to another, the receiving office's staff are of the sending agency too: as the
  // recipient they decline, and do not cancel instead.
  const barredRecipient = barredAsRecipientAgency && isRecipient(caller, referral);
  const party =
    step.by === 'RECIPIENT'
      ? isRecipient(caller, referral)
      : (isSender(caller, referral) && !barredRecipient) || (owner && !barredAsRecipientAgency);
  if (party) return null;
  if (!relationTo(caller, referral)) return 'You are not a party to this referral';
  if (step.by === 'RECIPIENT') return `Only the provider the referral was sent to can make it ${step.to}`;
  return barredAsRecipientAgency && owner
    ? `Only the provider that sent the referral can make it ${step.to}: it was sent to the case's owning agency, and the sender must be able to read why it was declined`
    : `Only the provider that sent the referral, or the case's owning office or county supervisor, can make it ${step.to}`;
}

/** The steps `caller` may take on the referral now: legal from its status, and the caller's to take. */
export function stepsOpenTo(caller: Caller | null, referral: ReferralRow): ReferralAction[] {
  if (!caller) return [];
  return Object.values(ReferralAction).filter(
    (action) => isLegal(action, referral.status) && stepRefusal(caller, referral, action) === null,
  );
}

/**
 * One step of the lifecycle, in one transaction: the state and version change only if the version is still
 * the one the caller read (`WHERE version = expectedVersion`), the event is numbered by the new version, and
 * the write is audited. Checks run in the order a person can act on: who you are, what you saw, what is legal.
 */
export async function transitionReferral(
  ctx: ReferralsContext,
  action: ReferralAction,
  input: ReferralTransitionInput | ReferralReasonTransitionInput,
): Promise<ReferralRow> {
  const step = LIFECYCLE[action];
  const valid = step.reasonRequired ? validateInput(reasonTransitionSchema, input) : validateInput(transitionSchema, input);
  const note = 'reason' in valid ? valid.reason : (valid.note ?? null);
  const caller = ctx.caller;
  if (!caller) throw forbidden('Sign in to change a referral');

  return ctx.db.transaction(async (manager) => {
    const [current]: ReferralRow[] = await manager.query(`SELECT ${referralColumns('r')} FROM referrals.referral r WHERE r.id = $1`, [
      valid.id,
    ]);
    if (!current) throw notFound('No referral has this id');
    const refusal = stepRefusal(caller, current, action);
    // Recorded against the referral, so that its audit trail shows the attempt; the mutation is named for the step.
    if (refusal) throw ctx.audit.refuse('Referral', current.id, `${action.toLowerCase()}Referral`, forbidden(refusal));
    if (current.version !== valid.expectedVersion) {
      // A retry of this very step after its answer was lost (a timeout, outcome UNKNOWN at the gateway): it is
      // answered with the referral as the step left it, not a conflict with the caller's own change.
      if (await isRetryOfLandedStep(manager, current, valid.expectedVersion, caller.sub, step.to, note)) return current;
      throw conflict(
        `The referral changed since you read it (it is now ${current.status}, version ${current.version}); reload it and try again`,
        // Its status too: a client retrying a step someone else took first sees its goal is met, without a read.
        { currentVersion: current.version, currentStatus: current.status },
      );
    }
    if (!isLegal(action, current.status))
      throw badUserInput(illegalTransitionMessage(action, current.status), 'input.id', { allowed: allowedNextStates(current.status) });

    const reasonColumn = REASON_COLUMN[action];
    const params: unknown[] = [valid.id, valid.expectedVersion, step.to, ctx.now];
    const sets = ['status = $3', 'version = version + 1', 'updated_at = $4', `${STAMP[step.to] as string} = $4`];
    if (reasonColumn) {
      params.push(note);
      sets.push(`${reasonColumn} = $${params.length}`);
    }
    const updated: [ReferralRow[], number] = await manager.query(
      `UPDATE referrals.referral r SET ${sets.join(', ')} WHERE r.id = $1 AND r.version = $2 RETURNING ${referralColumns('r')}`,
      params,
    );
    const row = updated[0][0];
    if (!row) {
      // Another step committed between our read and our write: perhaps this very one, sent again while the first
      // was still committing (the usual reason for a timeout and its retry).
      const [now]: ReferralRow[] = await manager.query(`SELECT ${referralColumns('r')} FROM referrals.referral r WHERE r.id = $1`, [
        valid.id,
      ]);
      if (now && (await isRetryOfLandedStep(manager, now, valid.expectedVersion, caller.sub, step.to, note))) return now;
      throw conflict('The referral changed while you were changing it; reload it and try again', {
        currentVersion: now?.version,
        currentStatus: now?.status,
      });
    }
    await recordReferralEvent(manager, caller, {
      referralId: row.id,
      sequence: row.version,
      fromStatus: current.status,
      toStatus: step.to,
      note,
      occurredAt: ctx.now,
    });
    await ctx.auditWrite(manager, 'Referral', row.id, [
      'status',
      ...(reasonColumn ? [action === ReferralAction.DECLINE ? 'declineReason' : 'cancelReason'] : note ? ['note'] : []),
    ]);
    assertCommitsWithinSyncOverlap(ctx);
    return row;
  });
}

/** Whether the step after `expectedVersion`, and the last one, is this caller's move to `to` with this note. */
async function isRetryOfLandedStep(
  manager: EntityManager,
  current: ReferralRow,
  expectedVersion: number,
  actor: string,
  to: ReferralStatus,
  note: string | null,
): Promise<boolean> {
  if (current.version !== expectedVersion + 1 || current.status !== to) return false;
  const [last]: Array<{ actor: string; note: string | null }> = await manager.query(
    `SELECT actor, note FROM referrals.referral_event WHERE referral_id = $1 AND sequence = $2`,
    [current.id, current.version],
  );
  return last !== undefined && last.actor === actor && last.note === note;
}
