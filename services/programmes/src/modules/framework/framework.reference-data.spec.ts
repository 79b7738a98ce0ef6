import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LiveMetric } from '@kinga/shared';
import { IndicatorUnit } from './framework.enums';
import { frameworkRowsFromFile, NPA_FILE } from './framework.reference-data';

const SHARED_DATA = join(__dirname, '..', '..', '..', '..', '..', '..', 'shared', 'data');

describe('the NPA framework file', () => {
  const text = readFileSync(NPA_FILE, 'utf8');
  const rows = frameworkRowsFromFile(text);

  // Skipped, and said so, where the shared tree is not beside the repository (a clean clone in CI).
  const original = join(SHARED_DATA, 'npa-sec-2018-2022.json');
  (existsSync(original) ? it : it.skip)('ships a copy equal to ../shared/data', () => {
    expect(readFileSync(NPA_FILE, 'utf8')).toBe(readFileSync(original, 'utf8'));
  });

  it('gives 6 focus areas, 32 objectives, 118 activities, 95 indicators and KES 5,160,500,000', () => {
    expect(rows.focusAreas).toHaveLength(6);
    expect(rows.objectives).toHaveLength(32);
    expect(rows.activities).toHaveLength(118);
    expect(rows.indicators).toHaveLength(95);
    expect(rows.objectives.reduce((total, o) => total + (o.indicativeBudgetKes ?? 0), 0)).toBe(5_160_500_000);
    expect(rows.agencies).toHaveLength(55);
  });

  it('keeps untitled objectives and missing notes as null, invents nothing', () => {
    expect(rows.objectives.filter((o) => o.title === null).map((o) => o.code)).toEqual(['PREV-7', 'PROT-3']);
    expect(rows.focusAreas.find((f) => f.code === 'IDENTIFICATION')?.notes).toMatch(/no Identification rows/);
    expect(rows.focusAreas.find((f) => f.code === 'PREVENTION')?.notes).toBeNull();
    expect(rows.objectives.find((o) => o.code === 'PROT-8')?.timelineStart).toBeNull();
  });

  it('reads units and links only the indicators Kinga can compute to live metrics', () => {
    const units = rows.indicators.reduce<Record<string, number>>((acc, i) => ({ ...acc, [i.unit]: (acc[i.unit] ?? 0) + 1 }), {});
    expect(units).toEqual({
      [IndicatorUnit.COUNT]: 60,
      [IndicatorUnit.QUALITATIVE]: 21,
      [IndicatorUnit.DOCUMENT]: 12,
      [IndicatorUnit.PERCENT]: 2,
    });
    const live = rows.indicators.filter((i) => i.liveMetric !== null).map((i) => [i.name, i.liveMetric]);
    expect(live).toEqual([
      ['No. of referred cases', LiveMetric.CASES_REFERRED],
      ['No. of reported cases of SEC', LiveMetric.SEC_CASES_REPORTED],
      ['Number of cases of SEC reported', LiveMetric.SEC_CASES_REPORTED],
    ]);
  });

  it('derives the same ids on every load', () => {
    const again = frameworkRowsFromFile(text);
    expect(again.indicators.map((i) => i.id)).toEqual(rows.indicators.map((i) => i.id));
    expect(new Set(rows.indicators.map((i) => i.id)).size).toBe(95);
  });

  it('derives the ids databases already hold (a changed derivation would duplicate every row on reload)', () => {
    expect(rows.plan.id).toBe('3c4ab31d-48a5-54b0-973b-b8f075585599');
  });
});
