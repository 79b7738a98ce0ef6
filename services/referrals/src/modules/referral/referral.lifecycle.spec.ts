import { REFERRAL_ENDED_STATUSES, REFERRAL_OPEN_STATUSES } from '@kinga/shared';
import { ReferralStatus as S, Urgency } from './referral.enums';
import {
  allowedNextStates,
  illegalTransitionMessage,
  isLegal,
  isOverdue,
  takenInTime,
  LIFECYCLE,
  nextDueAt,
  partiesInState,
  ReferralAction as A,
  slaDueTimes,
} from './referral.lifecycle';

describe('referral lifecycle table', () => {
  it('leaves a step to take from every open state (as the cases subgraph counts them before a close) and none from an ended one', () => {
    const statesWithAStep = new Set(Object.values(LIFECYCLE).flatMap((step) => step.from));
    expect(Object.values(S).filter((state) => statesWithAStep.has(state))).toEqual(REFERRAL_OPEN_STATUSES);
    expect(Object.values(S).filter((state) => !statesWithAStep.has(state))).toEqual(REFERRAL_ENDED_STATUSES);
  });

  it('walks the happy path SENT -> ACKNOWLEDGED -> ACCEPTED -> IN_PROGRESS -> COMPLETED -> CLOSED', () => {
    const path: Array<[A, S]> = [
      [A.ACKNOWLEDGE, S.SENT],
      [A.ACCEPT, S.ACKNOWLEDGED],
      [A.START, S.ACCEPTED],
      [A.COMPLETE, S.IN_PROGRESS],
      [A.CLOSE, S.COMPLETED],
    ];
    for (const [action, from] of path) expect(isLegal(action, from)).toBe(true);
    expect(LIFECYCLE.CLOSE.to).toBe(S.CLOSED);
  });

  it.each([
    [S.SENT, [S.ACKNOWLEDGED, S.DECLINED, S.CANCELLED]],
    [S.ACKNOWLEDGED, [S.ACCEPTED, S.DECLINED, S.CANCELLED]],
    [S.ACCEPTED, [S.IN_PROGRESS, S.CANCELLED]],
    [S.IN_PROGRESS, [S.COMPLETED, S.CANCELLED]],
    [S.COMPLETED, [S.CLOSED]],
    [S.CLOSED, []],
    [S.DECLINED, [S.CLOSED]],
    [S.CANCELLED, []],
  ])('from %s the allowed next states are %j', (from, next) => {
    expect(allowedNextStates(from).sort()).toEqual([...next].sort());
  });

  it('lets only the recipient decline (with a reason) and only the sender cancel (with a reason) and close', () => {
    expect(LIFECYCLE.DECLINE).toMatchObject({ by: 'RECIPIENT', reasonRequired: true });
    expect(LIFECYCLE.CANCEL).toMatchObject({ by: 'SENDER', reasonRequired: true });
    expect(LIFECYCLE.CLOSE.by).toBe('SENDER');
    for (const action of [A.ACKNOWLEDGE, A.ACCEPT, A.START, A.COMPLETE])
      expect(LIFECYCLE[action]).toMatchObject({ by: 'RECIPIENT', reasonRequired: false });
  });

  it('refuses to cancel once completed, to decline once accepted, and to skip acknowledgement', () => {
    expect(isLegal(A.CANCEL, S.COMPLETED)).toBe(false);
    expect(isLegal(A.DECLINE, S.ACCEPTED)).toBe(false);
    expect(isLegal(A.ACCEPT, S.SENT)).toBe(false);
    expect(illegalTransitionMessage(A.ACCEPT, S.SENT)).toContain('Allowed next states: ACKNOWLEDGED, DECLINED, CANCELLED');
    expect(illegalTransitionMessage(A.START, S.CLOSED)).toContain('can no longer change');
  });
});

describe('partiesInState', () => {
  it('keeps both sides parties while the referral is live, the sender alone once declined, and neither once ended', () => {
    for (const live of [S.SENT, S.ACKNOWLEDGED, S.ACCEPTED, S.IN_PROGRESS, S.COMPLETED])
      expect(partiesInState(live)).toEqual({ sender: true, recipient: true });
    expect(partiesInState(S.DECLINED)).toEqual({ sender: true, recipient: false });
    for (const ended of [S.CLOSED, S.CANCELLED]) expect(partiesInState(ended)).toEqual({ sender: false, recipient: false });
  });
});

describe('SLA clocks', () => {
  const sent = new Date('2026-03-01T08:00:00Z');

  it.each([
    [Urgency.EMERGENCY, '2026-03-01T09:00:00.000Z', '2026-03-02T08:00:00.000Z'],
    [Urgency.HIGH, '2026-03-02T08:00:00.000Z', '2026-03-04T08:00:00.000Z'],
    [Urgency.ROUTINE, '2026-03-04T08:00:00.000Z', '2026-03-15T08:00:00.000Z'],
  ])('%s: acknowledge by %s, start by %s', (urgency, ack, start) => {
    const due = slaDueTimes(urgency, sent);
    expect(due.acknowledgeBy.toISOString()).toBe(ack);
    expect(due.startBy.toISOString()).toBe(start);
  });

  it('runs the acknowledge clock while SENT, the start clock until started, and none afterwards', () => {
    const due = slaDueTimes(Urgency.EMERGENCY, sent);
    expect(nextDueAt(S.SENT, due)).toEqual(due.acknowledgeBy);
    expect(nextDueAt(S.ACKNOWLEDGED, due)).toEqual(due.startBy);
    expect(nextDueAt(S.ACCEPTED, due)).toEqual(due.startBy);
    for (const s of [S.IN_PROGRESS, S.COMPLETED, S.CLOSED, S.DECLINED, S.CANCELLED]) expect(nextDueAt(s, due)).toBeNull();
    const twoHoursLater = new Date(sent.getTime() + 2 * 3600_000);
    expect(isOverdue(S.SENT, due, new Date(sent.getTime() + 30 * 60_000))).toBe(false);
    expect(isOverdue(S.SENT, due, due.acknowledgeBy)).toBe(false); // due at that instant, not yet late
    expect(isOverdue(S.SENT, due, new Date(due.acknowledgeBy.getTime() + 1))).toBe(true);
    expect(isOverdue(S.SENT, due, twoHoursLater)).toBe(true);
    expect(isOverdue(S.ACKNOWLEDGED, due, twoHoursLater)).toBe(false);
    expect(isOverdue(S.IN_PROGRESS, due, new Date(sent.getTime() + 48 * 3600_000))).toBe(false);
  });

  it('says whether a step was taken in time once it is taken, late acknowledgements included', () => {
    const due = slaDueTimes(Urgency.EMERGENCY, sent);
    expect(takenInTime(null, due.acknowledgeBy)).toBeNull();
    expect(takenInTime(due.acknowledgeBy, due.acknowledgeBy)).toBe(true);
    const threeHoursLate = new Date(due.acknowledgeBy.getTime() + 3 * 3600_000);
    expect(takenInTime(threeHoursLate, due.acknowledgeBy)).toBe(false);
    // Acknowledged late, then within the start clock: no longer overdue, but the late step is still told.
    expect(isOverdue(S.ACKNOWLEDGED, due, threeHoursLate)).toBe(false);
  });
});
