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

const DAY_MS = 86_400_000;
/** "HH:MM[:SS]" as milliseconds after midnight. */
const msOfDay = (time: string): number => (Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5))) * 60_000;

/**
 * Whether a provider is open at `at`, and if not, when it next opens (within the coming week), in Kenyan time: an
 * emergency referral sent at midnight to a centre that opens at 08:00 waits until then, which the officer sending
 * it must see.
 */
export function openingAt(open24Hours: boolean, rows: readonly Pick<OpeningHoursEntity, 'weekday' | 'opens' | 'closes'>[], at: Date) {
  if (open24Hours) return { openNow: true, opensNext: null };
  // Kenyan wall-clock midnight of `at`'s day, as an instant (Kenya keeps one offset all year).
  const kenyanNow = inKenya(at).getTime();
  const midnight = at.getTime() - (kenyanNow % DAY_MS);
  const { weekday } = kenyanWallClock(at);
  let opensNext: Date | null = null;
  for (let days = 0; days <= 7 && !opensNext; days += 1) {
    const day = ((weekday - 1 + days) % 7) + 1;
    const windows = rows.filter((row) => row.weekday === day).sort((a, b) => a.opens.localeCompare(b.opens));
    for (const row of windows) {
      const opens = midnight + days * DAY_MS + msOfDay(row.opens);
      const closes = midnight + days * DAY_MS + msOfDay(row.closes);
      if (opens <= at.getTime() && at.getTime() < closes) return { openNow: true, opensNext: null };
      if (opens > at.getTime()) {
        opensNext = new Date(opens);
        break;
      }
    }
  }
  return { openNow: false, opensNext };
}

export function toOpeningHours(open24Hours: boolean, rows: readonly OpeningHoursEntity[], at: Date): OpeningHours {
  return {
    open24Hours,
    weekly: [...rows]
      .sort((a, b) => a.weekday - b.weekday || a.opens.localeCompare(b.opens))
      .map((row) => ({ day: WEEKDAY_BY_NUMBER[row.weekday], opens: row.opens.slice(0, 5), closes: row.closes.slice(0, 5) })),
    ...openingAt(open24Hours, rows, at),
  };
}

export function toOpeningHoursRows(providerId: string, hours: ValidOpeningHours): Array<Omit<OpeningHoursEntity, 'provider'>> {
  if (hours.open24Hours) return [];
  return (hours.weekly ?? []).map((w) => ({ providerId, weekday: WEEKDAY_NUMBER[w.day], opens: w.opens, closes: w.closes }));
}
