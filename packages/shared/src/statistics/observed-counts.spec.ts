import { KENYAN_COUNTY_CODES } from '../domain/counties';
import { observedCountsOf, publishObservedYear, reportingPeriod, type ObservedYear } from './observed-counts';
import { SUPPRESSION_THRESHOLD } from './suppression';

/** What a caller can work out by subtraction: repeatedly, a line with one unknown left gives it away. */
function recoverable(published: ObservedYear, truth: (county: string | null, period: number) => number, counties: string[]): string[] {
  const known = new Map<string, number>();
  const key = (county: string | null, period: number) => `${county ?? 'KE'}:${period}`;
  const at = (period: number) => (period === 0 ? published.year : published.quarters[period - 1]);
  for (const period of [0, 1, 2, 3, 4]) {
    for (const county of counties) {
      const value = at(period).byCounty.get(county);
      if (value !== null && value !== undefined) known.set(key(county, period), value);
    }
    const national = at(period).national;
    if (national !== null) known.set(key(null, period), national);
  }
  const lines: Array<{ total: string; cells: string[] }> = [
    ...[...counties, null].map((county) => ({ total: key(county, 0), cells: [1, 2, 3, 4].map((q) => key(county, q)) })),
    ...[0, 1, 2, 3, 4].map((period) => ({ total: key(null, period), cells: counties.map((county) => key(county, period)) })),
  ];
  const recovered: string[] = [];
  let progress = true;
  while (progress) {
    progress = false;
    for (const line of lines) {
      const unknown = [line.total, ...line.cells].filter((k) => !known.has(k));
      if (unknown.length !== 1) continue;
      const [missing] = unknown;
      const sumCells = line.cells.reduce((sum, k) => sum + (known.get(k) ?? 0), 0);
      known.set(missing, missing === line.total ? sumCells : (known.get(line.total) as number) - sumCells);
      recovered.push(missing);
      progress = true;
    }
  }
  // A recovered zero or a count at the threshold or more was published anyway or protects nothing.
  return recovered.filter((k) => {
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
