import { kenyanWallClock, toOpeningHours, toOpeningHoursRows } from './opening-hours';
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
      ).weekly,
    ).toEqual([
      { day: Weekday.MONDAY, opens: '08:00', closes: '12:00' },
      { day: Weekday.MONDAY, opens: '14:00', closes: '17:00' },
      { day: Weekday.FRIDAY, opens: '08:00', closes: '12:00' },
    ]);
    expect(toOpeningHoursRows('p', { open24Hours: true, weekly: [] })).toEqual([]);
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
