import type { EntityManager } from 'typeorm';

/**
 * The next case number of a county and year, taken inside the caller's transaction: the counter row is
 * locked by the upsert until the case is committed, so two officers never get the same number and a
 * rolled-back case gives its number back.
 */
export async function nextCaseNumber(manager: EntityManager, countyCode: string, year: number): Promise<string> {
  const rows: Array<{ last_value: number }> = await manager.query(
    `INSERT INTO cases.case_number_counter (county_code, year, last_value) VALUES ($1, $2, 1)
       ON CONFLICT (county_code, year) DO UPDATE SET last_value = cases.case_number_counter.last_value + 1
       RETURNING last_value`,
    [countyCode, year],
  );
  return formatCaseNumber(countyCode, year, rows[0].last_value);
}

export function formatCaseNumber(countyCode: string, year: number, sequence: number): string {
  return `KE-${countyCode}-${year}-${String(sequence).padStart(6, '0')}`;
}
