import { inKenya } from '@kinga/shared';
import { WEEKDAY_NUMBER, Weekday } from './service-provider.enums';
import type { OpeningHoursEntity } from './service-provider.entity';
import type { OpeningHours } from './service-provider.type';
import type { ValidOpeningHours } from './service-provider.input';

const WEEKDAY_BY_NUMBER = Object.fromEntries(Object.entries(WEEKDAY_NUMBER).map(([day, n]) => [n, day as Weekday])) as Record<
  number,
  Weekday
>;

/** The ISO weekday and "HH:MM:SS" of an instant, in Kenyan time. */
export function kenyanWallClock(instant: Date): { weekday: number; time: string } {
  const local = inKenya(instant);
  return { weekday: local.getUTCDay() === 0 ? 7 : local.getUTCDay(), time: local.toISOString().slice(11, 19) };
}

export function toOpeningHours(open24Hours: boolean, rows: readonly OpeningHoursEntity[]): OpeningHours {
  return {
    open24Hours,
    weekly: [...rows]
      .sort((a, b) => a.weekday - b.weekday || a.opens.localeCompare(b.opens))
      .map((row) => ({ day: WEEKDAY_BY_NUMBER[row.weekday], opens: row.opens.slice(0, 5), closes: row.closes.slice(0, 5) })),
  };
}

export function toOpeningHoursRows(providerId: string, hours: ValidOpeningHours): Array<Omit<OpeningHoursEntity, 'provider'>> {
  if (hours.open24Hours) return [];
  return (hours.weekly ?? []).map((w) => ({ providerId, weekday: WEEKDAY_NUMBER[w.day], opens: w.opens, closes: w.closes }));
}
