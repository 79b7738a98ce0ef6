import { DEMO_PROVIDERS, demoProviderId } from '@kinga/shared';
import { ReferralStatus } from '../modules/referral/referral.enums';
import { isOverdue, LIFECYCLE } from '../modules/referral/referral.lifecycle';
import { buildDemoReferrals } from './demo-referrals';

describe('demo referrals', () => {
  const now = new Date('2026-11-22T08:00:00Z');
  const referrals = buildDemoReferrals(now);

  it('cover every state, and some are overdue', () => {
    const states = new Set(referrals.map((r) => r.row.status));
    expect([...states].sort()).toEqual(Object.values(ReferralStatus).sort());
    const overdue = referrals.filter(({ row }) => isOverdue(row.status as ReferralStatus, row as never, now));
    expect(overdue.length).toBeGreaterThanOrEqual(3);
    expect(overdue.length).toBeLessThan(referrals.length);
  });

  it('name only demo providers, have unique references and a legal history ending in their state', () => {
    const known = new Set(Object.values(DEMO_PROVIDERS).map(demoProviderId));
    const steps = Object.values(LIFECYCLE);
    for (const { row, events } of referrals) {
      expect(known.has(row.fromProviderId as string)).toBe(true);
      expect(known.has(row.toProviderId as string)).toBe(true);
      expect(events.map((e) => e.sequence)).toEqual(events.map((_, i) => i + 1));
      for (const event of events.slice(1)) {
        expect(steps.some((t) => t.to === event.toStatus && t.from.includes(event.fromStatus as ReferralStatus))).toBe(true);
        expect((event.occurredAt as Date).getTime()).toBeLessThan(now.getTime());
      }
      expect(events[events.length - 1].toStatus).toBe(row.status);
    }
    expect(new Set(referrals.map((r) => r.row.reference)).size).toBe(referrals.length);
  });
});
