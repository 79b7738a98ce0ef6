import { REFERRAL_ENDED_STATUSES } from '@kinga/shared';
import { registerEnumType } from 'type-graphql';
import { ReferralStatus as S, Urgency } from './referral.enums';

/** Who may take a step: the provider the referral was sent to, or the one that sent it. */
export type ReferralParty = 'RECIPIENT' | 'SENDER';

export enum ReferralAction {
  ACKNOWLEDGE = 'ACKNOWLEDGE',
  ACCEPT = 'ACCEPT',
  DECLINE = 'DECLINE',
  START = 'START',
  COMPLETE = 'COMPLETE',
  CANCEL = 'CANCEL',
  CLOSE = 'CLOSE',
}

registerEnumType(ReferralAction, {
  name: 'ReferralStep',
  description: 'A step of the lifecycle, by the mutation that takes it: ACKNOWLEDGE is acknowledgeReferral, and so on.',
});

export interface Transition {
  from: readonly S[];
  to: S;
  by: ReferralParty;
  reasonRequired: boolean;
}

/**
 * DESIGN.md "Referral lifecycle" as data: every legal step, who takes it and whether it needs a reason.
 * Nothing else in the service decides which step is legal.
 */
export const LIFECYCLE: Readonly<Record<ReferralAction, Transition>> = {
  ACKNOWLEDGE: { from: [S.SENT], to: S.ACKNOWLEDGED, by: 'RECIPIENT', reasonRequired: false },
  ACCEPT: { from: [S.ACKNOWLEDGED], to: S.ACCEPTED, by: 'RECIPIENT', reasonRequired: false },
  DECLINE: { from: [S.SENT, S.ACKNOWLEDGED], to: S.DECLINED, by: 'RECIPIENT', reasonRequired: true },
  START: { from: [S.ACCEPTED], to: S.IN_PROGRESS, by: 'RECIPIENT', reasonRequired: false },
  COMPLETE: { from: [S.IN_PROGRESS], to: S.COMPLETED, by: 'RECIPIENT', reasonRequired: false },
  CANCEL: { from: [S.SENT, S.ACKNOWLEDGED, S.ACCEPTED, S.IN_PROGRESS], to: S.CANCELLED, by: 'SENDER', reasonRequired: true },
  // A declined referral is closed by its sender once it has read why, which ends the sender's part (below).
  CLOSE: { from: [S.COMPLETED, S.DECLINED], to: S.CLOSED, by: 'SENDER', reasonRequired: false },
};

/** States after which neither side is a party to the case through the referral (DESIGN.md "Sensitivity tiers", rule 2). */
export const ENDED_STATES: readonly S[] = REFERRAL_ENDED_STATUSES;

/**
 * States after which the recipient is no longer a party: also DECLINED, since a provider that turned the child
 * away has nothing more to do with the case, and DECLINED would otherwise keep it a party for good. The sender
 * stays one until it closes the declined referral (and can read why it was declined meanwhile).
 */
export const RECIPIENT_ENDED_STATES: readonly S[] = [...ENDED_STATES, S.DECLINED];

/** Which sides of a referral in `status` are still parties to its case. */
export function partiesInState(status: S): { sender: boolean; recipient: boolean } {
  return { sender: !ENDED_STATES.includes(status), recipient: !RECIPIENT_ENDED_STATES.includes(status) };
}

/** The states reachable in one step from `status`, in lifecycle order. */
export function allowedNextStates(status: S): S[] {
  return Object.values(LIFECYCLE)
    .filter((t) => t.from.includes(status))
    .map((t) => t.to);
}

export function isLegal(action: ReferralAction, status: S): boolean {
  return LIFECYCLE[action].from.includes(status);
}

/** The message a person can act on when a step is not legal from where the referral is now. */
export function illegalTransitionMessage(action: ReferralAction, status: S): string {
  const next = allowedNextStates(status);
  const target = LIFECYCLE[action].to;
  return next.length === 0
    ? `The referral is ${status} and can no longer change, so it cannot become ${target}`
    : `The referral is ${status}; it cannot become ${target} from there. Allowed next states: ${next.join(', ')}`;
}

const HOUR_MS = 60 * 60 * 1000;

/** SLA clocks per urgency (DESIGN.md): time to acknowledge and time to start, from the moment it was sent. */
export const SLA: Readonly<Record<Urgency, { acknowledgeWithinMs: number; startWithinMs: number }>> = {
  EMERGENCY: { acknowledgeWithinMs: 1 * HOUR_MS, startWithinMs: 24 * HOUR_MS },
  HIGH: { acknowledgeWithinMs: 24 * HOUR_MS, startWithinMs: 72 * HOUR_MS },
  ROUTINE: { acknowledgeWithinMs: 72 * HOUR_MS, startWithinMs: 14 * 24 * HOUR_MS },
};

export function slaDueTimes(urgency: Urgency, sentAt: Date): { acknowledgeBy: Date; startBy: Date } {
  const sla = SLA[urgency];
  return { acknowledgeBy: new Date(sentAt.getTime() + sla.acknowledgeWithinMs), startBy: new Date(sentAt.getTime() + sla.startWithinMs) };
}

/**
 * The clock that runs in a state: acknowledge-by until acknowledged, start-by until started, none after.
 * The migration's generated column `next_due_at` is the same rule in SQL, so lists can sort by it.
 */
export function nextDueAt(status: S, due: { acknowledgeBy: Date; startBy: Date }): Date | null {
  if (status === S.SENT) return due.acknowledgeBy;
  if (status === S.ACKNOWLEDGED || status === S.ACCEPTED) return due.startBy;
  return null;
}

export function isOverdue(status: S, due: { acknowledgeBy: Date; startBy: Date }, now: Date): boolean {
  const dueAt = nextDueAt(status, due);
  return dueAt !== null && dueAt.getTime() < now.getTime();
}

/**
 * Whether a step was taken by its deadline (at the deadline counts as in time, as `isOverdue` does); null until
 * it is taken. Once acknowledged, `overdue` follows the start clock only, so a late acknowledgement is told here.
 */
export function takenInTime(takenAt: Date | null, dueBy: Date): boolean | null {
  return takenAt === null ? null : takenAt.getTime() <= dueBy.getTime();
}
