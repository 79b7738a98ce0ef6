/** Kenya keeps East Africa Time all year: UTC+3, no daylight saving. */
export const EAST_AFRICA_OFFSET_MS = 3 * 60 * 60 * 1000;

/** `at` as Nairobi's wall clock would show it, read with the UTC getters. */
export function inKenya(at: Date): Date {
  return new Date(at.getTime() + EAST_AFRICA_OFFSET_MS);
}

/**
 * The date in Kenya at `at`, YYYY-MM-DD. A children officer opening a case at 01:00 in Nairobi opens it that
 * day: in UTC it would still be the day before, and that day's date the only one not "in the future".
 */
export function kenyanDate(at: Date = new Date()): string {
  return inKenya(at).toISOString().slice(0, 10);
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The Kenyan date `days` days before `at`: the earliest day a record may name when it may come that much earlier. */
export function kenyanDateDaysBefore(at: Date, days: number): string {
  return kenyanDate(new Date(at.getTime() - days * DAY_MS));
}
