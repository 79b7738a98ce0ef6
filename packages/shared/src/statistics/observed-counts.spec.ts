import { KENYAN_COUNTY_CODES } from '../domain/counties';
import { observedCountsOf, publishObservedYear, reportingPeriod, type ObservedYear } from './observed-counts';
import { SUPPRESSION_THRESHOLD } from './suppression';

/**
 * What a caller can work out from the published figures by any sums and differences of rows and columns:
 * the hidden counts fixed by the linear system (each county's and the nation's quarters add up to its year;
 * each period's counties add up to the national figure), found by Gaussian elimination. Only those above
 * zero and below the threshold are returned: a complement worked out protects nothing by itself, and what
 * it leads to is found too.
 */
function recoverable(published: ObservedYear, truth: (county: string | null, period: number) => number, counties: string[]): string[] {
  const key = (county: string | null, period: number) => `${county ?? 'KE'}:${period}`;
  const at = (period: number) => (period === 0 ? published.year : published.quarters[period - 1]);
  const known = new Map<string, number>();
  for (const period of [0, 1, 2, 3, 4]) {
    for (const county of counties) {
      const value = at(period).byCounty.get(county);
      if (value !== null && value !== undefined) known.set(key(county, period), value);
    }
    const national = at(period).national;
    if (national !== null) known.set(key(null, period), national);
  }
  // Each equation: sum of coefficient x cell = 0, over every cell of a row or column.
  const equations: Array<Map<string, number>> = [
    ...[...counties, null].map(
      (county) => new Map([[key(county, 0), -1], ...[1, 2, 3, 4].map((q) => [key(county, q), 1] as [string, number])]),
    ),
    ...[0, 1, 2, 3, 4].map((period) => new Map([[key(null, period), -1], ...counties.map((c) => [key(c, period), 1] as [string, number])])),
  ];
  const unknowns = [...new Set(equations.flatMap((e) => [...e.keys()]))].filter((k) => !known.has(k));
  const index = new Map(unknowns.map((k, i) => [k, i]));
  const matrix = equations.map((equation) => {
    const row = new Array<number>(unknowns.length + 1).fill(0);
    for (const [cell, coefficient] of equation) {
      if (known.has(cell)) row[unknowns.length] -= coefficient * (known.get(cell) as number);
      else row[index.get(cell) as number] += coefficient;
    }
    return row;
  });
  // Reduced row echelon form.
  const pivots: number[] = [];
  let rank = 0;
  for (let column = 0; column < unknowns.length && rank < matrix.length; column++) {
    const pivot = matrix.findIndex((row, i) => i >= rank && Math.abs(row[column]) > 1e-9);
    if (pivot < 0) continue;
    [matrix[rank], matrix[pivot]] = [matrix[pivot], matrix[rank]];
    const scale = matrix[rank][column];
    matrix[rank] = matrix[rank].map((v) => v / scale);
    for (let i = 0; i < matrix.length; i++) {
      if (i === rank || Math.abs(matrix[i][column]) < 1e-9) continue;
      const factor = matrix[i][column];
      matrix[i] = matrix[i].map((v, j) => v - factor * matrix[rank][j]);
    }
    pivots.push(column);
    rank += 1;
  }
  // A pivot unknown whose row names no other unknown is fixed.
  const fixed = pivots.filter((column, r) => matrix[r].every((v, j) => j === column || j === unknowns.length || Math.abs(v) < 1e-9));
  return fixed
    .map((column) => unknowns[column])
    .filter((k) => {
      const [county, period] = k.split(':');
      const value = truth(county === 'KE' ? null : county, Number(period));
      return value > 0 && value < SUPPRESSION_THRESHOLD;
    });
}

describe('observed counts', () => {
  it('turns a year or quarter into date bounds and refuses others', () => {
    expect(reportingPeriod(2026, 4)).toMatchObject({ from: '2026-10-01', to: '2027-01-01' });
    expect(reportingPeriod(2025)).toMatchObject({ from: '2025-01-01', to: '2026-01-01', quarter: null });
    expect(() => reportingPeriod(2025, 5)).toThrow(/quarter/);
  });

  it('never leaves one suppressed county that the national total would give away', () => {
    const published = publishObservedYear(
      {
        quarters: [
          { county: '047', quarter: 1, count: 40 },
          { county: '001', quarter: 1, count: 3 },
          { county: '042', quarter: 1, count: 12 },
        ],
      },
      KENYAN_COUNTY_CODES,
    );
    const q1 = observedCountsOf(published, reportingPeriod(2026, 1));
    expect(q1.national).toBe(55);
    expect(q1.byCounty.get('001')).toBeNull();
    expect(q1.byCounty.get('042')).toBeNull(); // the complement that keeps 001 hidden
    expect(q1.byCounty.get('047')).toBe(40);
    expect(q1.byCounty.get('030')).toBe(0);
    expect(observedCountsOf(published, reportingPeriod(2026)).national).toBe(55);
  });

  it("hides a second quarter where a county's published year would give its one hidden quarter away", () => {
    // The review's case: a year of 9 with quarters 4, 5, 0, 0 published as null, 5, 0, 0 gave Q1 = 9 - 5.
    const published = publishObservedYear(
      {
        quarters: [
          { county: '004', quarter: 1, count: 4 },
          { county: '004', quarter: 2, count: 5 },
          { county: '047', quarter: 1, count: 30 },
          { county: '047', quarter: 2, count: 41 },
          { county: '047', quarter: 3, count: 38 },
          { county: '042', quarter: 2, count: 7 },
        ],
      },
      KENYAN_COUNTY_CODES,
    );
    expect(published.year.byCounty.get('004')).toBe(9);
    expect(published.quarters.slice(0, 2).map((q) => q.byCounty.get('004'))).toEqual([null, null]);
    const truth = (county: string | null, period: number) => {
      const table: Record<string, number[]> = { '004': [9, 4, 5, 0, 0], '047': [109, 30, 41, 38, 0], '042': [7, 0, 7, 0, 0] };
      if (county === null) return Object.values(table).reduce((sum, row) => sum + row[period], 0);
      return table[county]?.[period] ?? 0;
    };
    expect(recoverable(published, truth, KENYAN_COUNTY_CODES as string[])).toEqual([]);
  });

  it('closes a chain of hidden counts that rows and columns together would give away', () => {
    // The second review's case: each line alone hides two or more adding up to 5, yet rows A + B minus
    // columns Q1 + Q2 gave B's Q3.
    const cells: Record<string, number[]> = { A: [3, 3, 0, 0], B: [3, 3, 2, 0], C: [0, 0, 3, 3], D: [0, 0, 3, 3], E: [20, 20, 20, 20] };
    const counties = Object.keys(cells);
    const quarters = counties.flatMap((county) => cells[county].map((count, q) => ({ county, quarter: q + 1, count })));
    const truth = (county: string | null, period: number): number => {
      const rows = county === null ? counties : [county];
      return rows.reduce((sum, c) => sum + (period === 0 ? cells[c].reduce((a, b) => a + b, 0) : cells[c][period - 1]), 0);
    };
    const published = publishObservedYear({ quarters: quarters.filter((q) => q.count > 0) }, counties);
    expect(recoverable(published, truth, counties)).toEqual([]);
  });

  it('leaves nothing below the threshold to subtraction, across quarters, the year, counties and the nation (random tables)', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const counties = ['001', '002', '003', '004', '005', '006'];
    for (let table = 0; table < 300; table++) {
      const counts = new Map<string, number>();
      const quarters: Array<{ county: string; quarter: number; count: number }> = [];
      for (const county of counties) {
        for (const quarter of [1, 2, 3, 4]) {
          const roll = random();
          const count = roll < 0.35 ? 0 : roll < 0.7 ? 1 + Math.floor(random() * 4) : 5 + Math.floor(random() * 40);
          counts.set(`${county}:${quarter}`, count);
          if (count > 0) quarters.push({ county, quarter, count });
        }
      }
      const truth = (county: string | null, period: number): number => {
        const places = county === null ? counties : [county];
        const periods = period === 0 ? [1, 2, 3, 4] : [period];
        return places.reduce((sum, c) => sum + periods.reduce((s, p) => s + (counts.get(`${c}:${p}`) ?? 0), 0), 0);
      };
      const published = publishObservedYear({ quarters }, counties);
      expect({ table, recovered: recoverable(published, truth, counties) }).toEqual({ table, recovered: [] });
      // Everything published is true.
      for (const period of [0, 1, 2, 3, 4]) {
        const at = period === 0 ? published.year : published.quarters[period - 1];
        for (const county of counties) {
          const value = at.byCounty.get(county);
          const count = truth(county, period);
          // True where published, and never a count above zero below the threshold.
          if (value !== null) expect(value).toBe(count);
          if (count > 0 && count < SUPPRESSION_THRESHOLD) expect(value).toBeNull();
        }
        if (at.national !== null) expect(at.national).toBe(truth(null, period));
      }
    }
  });

  it('takes the year per county as given where it is not the sum of the quarters, and suppresses the nation below the threshold', () => {
    const published = publishObservedYear(
      {
        quarters: [
          { county: '047', quarter: 1, count: 30 },
          { county: '047', quarter: 2, count: 30 },
        ],
        years: [{ county: '047', count: 45 }],
      },
      KENYAN_COUNTY_CODES,
    );
    expect(published.year.byCounty.get('047')).toBe(45);
    expect(published.year.national).toBe(45);
    const small = publishObservedYear({ quarters: [{ county: '047', quarter: 3, count: 2 }] }, KENYAN_COUNTY_CODES);
    expect(small.year.national).toBeNull();
    expect(small.quarters[2].national).toBeNull();
  });
});
