import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A copy of ../shared/data/kenya-counties.json: reports name one of the 47 counties by its official code. */
export const COUNTIES_FILE = join(__dirname, '..', '..', 'data', 'kenya-counties.json');

let codes: readonly string[] | null = null;

export function countyCodes(): readonly string[] {
  if (!codes) {
    const file = JSON.parse(readFileSync(COUNTIES_FILE, 'utf8')) as { counties: Array<{ code: string }> };
    codes = file.counties.map((c) => c.code).sort();
  }
  return codes;
}

export function isCountyCode(code: string): boolean {
  return countyCodes().includes(code);
}
