import { KENYAN_COUNTY_CODES } from '../domain/counties';
import { publishObservedCounts, reportingPeriod } from './observed-counts';

describe('observed counts', () => {
  it('turns a year or quarter into date bounds and refuses others', () => {
    expect(reportingPeriod(2026, 4)).toMatchObject({ from: '2026-10-01', to: '2027-01-01' });
    expect(reportingPeriod(2025)).toMatchObject({ from: '2025-01-01', to: '2026-01-01', quarter: null });
    expect(() => reportingPeriod(2025, 5)).toThrow(/quarter/);
  });

  it('never leaves one suppressed county that the national total would give away', () => {
    const published = publishObservedCounts(
      [
        { county: '047', count: 40 },
        { county: '001', count: 3 },
        { county: '042', count: 12 },
      ],
      KENYAN_COUNTY_CODES,
    );
    expect(published.national).toBe(55);
    expect(published.byCounty.get('001')).toBeNull();
    expect(published.byCounty.get('042')).toBeNull(); // the complement that keeps 001 hidden
    expect(published.byCounty.get('047')).toBe(40);
    expect(published.byCounty.get('030')).toBe(0);
  });

  it('suppresses a national total below the threshold', () => {
    expect(publishObservedCounts([{ county: '047', count: 2 }], KENYAN_COUNTY_CODES).national).toBeNull();
  });
});
