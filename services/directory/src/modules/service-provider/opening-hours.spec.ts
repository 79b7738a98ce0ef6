import { kenyanWallClock, openingAt, toOpeningHours, toOpeningHoursRows } from './opening-hours';
import { overlappingWindowDay } from './service-provider.input';
import { Weekday } from './service-provider.enums';

describe('opening hours', () => {
  it('reads an instant in Kenyan time (UTC+3), across midnight and the week boundary', () => {
    expect(kenyanWallClock(new Date('2026-11-22T20:30:00Z'))).toEqual({ weekday: 7, time: '23:30:00' }); // Sunday night
    expect(kenyanWallClock(new Date('2026-11-22T21:30:00Z'))).toEqual({ weekday: 1, time: '00:30:00' }); // Monday
  });

  it('stores weekly windows as rows and reads them back in week order', () => {
    const rows = toOpeningHoursRows('p', {
      open24Hours: false,
      weekly: [
        { day: Weekday.FRIDAY, opens: '08:00', closes: '12:00' },
        { day: Weekday.MONDAY, opens: '14:00', closes: '17:00' },
        { day: Weekday.MONDAY, opens: '08:00', closes: '12:00' },
      ],
    });
    expect(
      toOpeningHours(
        false,
        rows.map((r) => ({ ...r, opens: `${r.opens}:00`, closes: `${r.closes}:00` })),
        new Date(),
      ).weekly,
    ).toEqual([
      { day: Weekday.MONDAY, opens: '08:00', closes: '12:00' },
      { day: Weekday.MONDAY, opens: '14:00', closes: '17:00' },
      { day: Weekday.FRIDAY, opens: '08:00', closes: '12:00' },
    ]);
    expect(toOpeningHoursRows('p', { open24Hours: true, weekly: [] })).toEqual([]);
  });
});

describe('openingAt', () => {
  // Weekdays 08:00-12:00 and 14:00-17:00 on Monday, Saturday 00:00-06:00 (as the database holds them).
  const rows = [
    { weekday: 1, opens: '08:00:00', closes: '12:00:00' },
    { weekday: 1, opens: '14:00:00', closes: '17:00:00' },
    { weekday: 6, opens: '00:00:00', closes: '06:00:00' },
  ];
  const kenyan = (local: string) => new Date(`${local}+03:00`);

  it('is open inside a window, up to but not at its closing minute', () => {
    expect(openingAt(false, rows, kenyan('2026-11-23T08:00:00'))).toEqual({ openNow: true, opensNext: null }); // Monday
    expect(openingAt(false, rows, kenyan('2026-11-23T16:59:59'))).toEqual({ openNow: true, opensNext: null });
    expect(openingAt(false, rows, kenyan('2026-11-23T17:00:00'))).toEqual({ openNow: false, opensNext: kenyan('2026-11-28T00:00:00') });
  });

  it('names the next opening: later the same day, after midnight, or in the next week', () => {
    expect(openingAt(false, rows, kenyan('2026-11-23T12:30:00')).opensNext).toEqual(kenyan('2026-11-23T14:00:00'));
    // A Friday midnight emergency: the centre opens in the first minutes of Saturday.
    expect(openingAt(false, rows, kenyan('2026-11-27T23:59:00')).opensNext).toEqual(kenyan('2026-11-28T00:00:00'));
    // Sunday night, after Saturday's window: Monday morning.
    expect(openingAt(false, rows, kenyan('2026-11-29T23:00:00')).opensNext).toEqual(kenyan('2026-11-30T08:00:00'));
    // Saturday at its window's close: nothing more until Monday morning.
    expect(openingAt(false, rows, kenyan('2026-11-28T06:00:00')).opensNext).toEqual(kenyan('2026-11-30T08:00:00'));
  });

  it('is always open round the clock', () => {
    expect(openingAt(true, [], kenyan('2026-11-29T03:00:00'))).toEqual({ openNow: true, opensNext: null });
  });
});

describe('overlappingWindowDay', () => {
  it('takes windows that only touch, and names the day of two that overlap or open together', () => {
    const window = (day: Weekday, opens: string, closes: string) => ({ day, opens, closes });
    expect(overlappingWindowDay([window(Weekday.MONDAY, '08:00', '12:00'), window(Weekday.MONDAY, '12:00', '17:00')])).toBeNull();
    expect(overlappingWindowDay([window(Weekday.MONDAY, '08:00', '12:00'), window(Weekday.TUESDAY, '08:00', '12:00')])).toBeNull();
    expect(overlappingWindowDay([window(Weekday.FRIDAY, '13:00', '17:00'), window(Weekday.FRIDAY, '08:00', '13:01')])).toBe(Weekday.FRIDAY);
    expect(overlappingWindowDay([window(Weekday.SUNDAY, '08:00', '09:00'), window(Weekday.SUNDAY, '08:00', '10:00')])).toBe(Weekday.SUNDAY);
  });
});
