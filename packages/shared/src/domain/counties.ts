import { z } from 'zod';

/**
 * The 47 counties' official codes, "001" (Mombasa) to "047" (Nairobi), fixed by the Constitution's First
 * Schedule. The directory owns the counties' names; every service checks codes against this list.
 */
export const KENYAN_COUNTY_CODES: readonly string[] = Array.from({ length: 47 }, (_, i) => String(i + 1).padStart(3, '0'));

export function isKenyanCountyCode(code: string): boolean {
  return KENYAN_COUNTY_CODES.includes(code);
}

/** A county code in input: the message names what is expected, never echoes the value. */
export const countyCodeSchema = z.string().refine(isKenyanCountyCode, 'must be one of the 47 county codes, "001" to "047"');
