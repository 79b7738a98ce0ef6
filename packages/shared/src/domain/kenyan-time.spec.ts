import { inKenya, kenyanDate } from './kenyan-time';

describe('Kenyan time', () => {
  it('dates an instant by Nairobi’s calendar: from 21:00 UTC it is already the next day', () => {
    expect(kenyanDate(new Date('2026-11-21T20:59:59Z'))).toBe('2026-11-21');
    expect(kenyanDate(new Date('2026-11-21T21:00:00Z'))).toBe('2026-11-22');
    expect(kenyanDate(new Date('2026-12-31T22:30:00Z'))).toBe('2027-01-01');
    expect(inKenya(new Date('2026-12-31T22:30:00Z')).getUTCFullYear()).toBe(2027);
  });
});
