import { AgeBand } from '../case/case.enums';

/** Completed years between two ISO dates (`YYYY-MM-DD`). */
export function completedYears(from: string, to: string): number {
  const years = Number(to.slice(0, 4)) - Number(from.slice(0, 4));
  return to.slice(5) >= from.slice(5) ? years : years - 1;
}

/**
 * An age estimated on `today`, as the age on `openedOn` it implies: what is kept, with `openedOn` as the day of the
 * estimate, so that a case opened years ago keeps the age of the child it was about (0 to 17, as the database
 * holds) and reads back, today, as the estimate given.
 */
export function estimateAsOfOpening(estimate: number, openedOn: string, today: string): number {
  return estimate - completedYears(openedOn, today);
}

/** Age on `on`: from the date of birth when known, otherwise the estimate plus the years since it was made. */
export function ageOn(
  child: { dateOfBirth: string | null; estimatedAgeYears: number | null; ageEstimatedOn: string | null },
  on: string,
): number | null {
  if (child.dateOfBirth) return Math.max(0, completedYears(child.dateOfBirth, on));
  if (child.estimatedAgeYears === null || !child.ageEstimatedOn) return null;
  return child.estimatedAgeYears + Math.max(0, completedYears(child.ageEstimatedOn, on));
}

/** Bands of DESIGN.md; a child who has since turned 18 stays in the last band (the case is about a child). */
export function ageBandOf(age: number | null): AgeBand | null {
  if (age === null) return null;
  if (age <= 4) return AgeBand.AGE_0_4;
  if (age <= 9) return AgeBand.AGE_5_9;
  if (age <= 14) return AgeBand.AGE_10_14;
  return AgeBand.AGE_15_17;
}

const YOUNGEST_OF_BAND: Record<AgeBand, number> = {
  [AgeBand.AGE_0_4]: 0,
  [AgeBand.AGE_5_9]: 5,
  [AgeBand.AGE_10_14]: 10,
  [AgeBand.AGE_15_17]: 15,
};

/** The youngest age of a band: what an erased record keeps instead of the child's age, so its band stays the same. */
export function ageBandFloor(age: number): number {
  return YOUNGEST_OF_BAND[ageBandOf(age) as AgeBand];
}

/** "A.T." from first and last name only (the middle name would make the stand-in more identifying); "A." without a surname. */
export function initialsOf(firstName: string, lastName: string | null): string {
  const letter = (name: string) => (name.trim().charAt(0) || '?').toUpperCase();
  return lastName ? `${letter(firstName)}.${letter(lastName)}.` : `${letter(firstName)}.`;
}
