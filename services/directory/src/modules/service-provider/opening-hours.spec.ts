import { kenyanWallClock, toOpeningHours, toOpeningHoursRows } from './opening-hours';
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
      ).weekly,
    ).toEqual([
      { day: Weekday.MONDAY, opens: '08:00', closes: '12:00' },
      { day: Weekday.MONDAY, opens: '14:00', closes: '17:00' },
      { day: Weekday.FRIDAY, opens: '08:00', closes: '12:00' },
    ]);
    expect(toOpeningHoursRows('p', { open24Hours: true, weekly: [] })).toEqual([]);
  });
});
