import { badUserInput } from '../errors/errors';
import { SUPPRESSION_THRESHOLD, suppress } from './suppression';

export interface ReportingPeriod {
  year: number;
  /** 1-4, or null for the whole year. */
  quarter: number | null;
  /** Inclusive start and exclusive end, as ISO dates (Kenyan calendar days). */
  from: string;
  to: string;
}

/** A calendar year or quarter, as the NPA reports them. */
export function reportingPeriod(year: number, quarter?: number | null): ReportingPeriod {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw badUserInput('year must be a year such as 2026', 'year');
  if (quarter !== null && quarter !== undefined && (!Number.isInteger(quarter) || quarter < 1 || quarter > 4)) {
    throw badUserInput('quarter must be 1, 2, 3 or 4', 'quarter');
  }
  const firstMonth = quarter ? (quarter - 1) * 3 : 0;
  const months = quarter ? 3 : 12;
  const iso = (y: number, m: number) => `${y + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}-01`;
  return { year, quarter: quarter ?? null, from: iso(year, firstMonth), to: iso(year, firstMonth + months) };
}

export interface ObservedCounts {
  /** Per county code: the count, or null where it is suppressed. Counties with no record are 0. */
  byCounty: ReadonlyMap<string, number | null>;
  /** The national total, or null below the threshold. */
  national: number | null;
}

/**
 * Publishes per-county counts of one figure so that no suppressed county can be recovered by subtracting
 * the published ones from the national total: the county table goes through the same suppression as the
 * statistics (each hidden set has two or more cells adding up to the threshold or more).
 */
export function publishObservedCounts(
  rows: ReadonlyArray<{ county: string; count: number }>,
  allCounties: readonly string[],
): ObservedCounts {
  const counts = new Map(allCounties.map((code) => [code, 0]));
  for (const row of rows) counts.set(row.county, row.count);
  // Zero is published as zero: an absent county tells nothing that its zero would not.
  const nonZero = [...counts.entries()].filter(([, count]) => count > 0).map(([county, count]) => ({ key: { COUNTY: county }, count }));
  const cells = suppress(nonZero, ['COUNTY']);
  const byCounty = new Map<string, number | null>([...counts.entries()].map(([county, count]) => [county, count]));
  for (const cell of cells) if (cell.suppressed) byCounty.set(cell.key.COUNTY, null);
  const total = [...counts.values()].reduce((sum, count) => sum + count, 0);
  return { byCounty, national: total > 0 && total < SUPPRESSION_THRESHOLD ? null : total };
}
