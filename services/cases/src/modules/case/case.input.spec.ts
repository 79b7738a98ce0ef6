import { pastDate } from './case.input';

describe('dates a children officer enters', () => {
  afterEach(() => jest.useRealTimers());

  it('takes today by Nairobi’s calendar: at 01:30 in Nairobi (22:30 UTC the day before) today is not in the future', () => {
    jest.useFakeTimers({ now: new Date('2026-11-21T22:30:00Z'), doNotFake: ['nextTick', 'setImmediate'] });
    expect(pastDate.safeParse('2026-11-22').success).toBe(true);
    expect(pastDate.safeParse('2026-11-21').success).toBe(true);
    const tomorrow = pastDate.safeParse('2026-11-23');
    expect(tomorrow.success).toBe(false);
    expect(tomorrow.error?.issues[0].message).toBe('must not be in the future');
  });
});
