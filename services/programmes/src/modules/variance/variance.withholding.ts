import { SUPPRESSION_THRESHOLD } from '@kinga/shared';
import type { Period } from '../../common/period';
import { withheldFromPublic } from '../framework/child-figures';
import { IndicatorAggregation, IndicatorUnit } from '../framework/framework.enums';
import type { ActualFact, VarianceFigures } from './variance.compute';

/** What decides a figure: its indicator's unit and aggregation, and its scope (a county, or national when null). */
export interface WithholdingKey {
  unit: IndicatorUnit;
  aggregation: IndicatorAggregation;
  countyCode: string | null;
  year: number;
  quarter: number | null;
}

/**
 * Whether a figure of an indicator about children harmed (`figures`, of `lines`) is withheld from a caller, who
 * reads some report lines in full (`unread`: the others; NCCS's officers read every one, an agency's its own in
 * their counties, the public none). What
 * the figure adds to those lines is judged as the public's figure is (`withheldFromPublic`): a county's is
 * withheld unless the caller reads every line of it; a national one made of one county's unread lines, or
 * counting 1 to 4 unread children, is too. And a national count's year is set beside its quarters: withheld when
 * one of them is (the year less three quarters gives the fourth), or when it is not what its quarters make (their
 * counties differ with the targets set, and the difference is a county's figure); a level's year beside its
 * fourth quarter, which it equals unless an agency's last report is earlier.
 */
export function withheldFromCaller(
  key: WithholdingKey,
  figures: VarianceFigures,
  lines: readonly ActualFact[],
  unread: readonly ActualFact[],
  figuresOf: (period: Period, lines: readonly ActualFact[]) => VarianceFigures,
): boolean {
  // Every line read (NCCS's officers): nothing to tell them.
  if (unread.length === 0) return false;
  const withheldIn = (period: Period) => {
    const added = figuresOf(period, unread);
    if (added.countiesReported === 0) return false;
    if (withheldFromPublic(key.unit, key.countyCode, added)) return true;
    // A percentage of a handful of children (100% of 3 victims reintegrated) tells of each of them: counted
    // over the lines the figure is made of (a county without a target is not in a national one made of targets).
    return key.unit === IndicatorUnit.PERCENT && added.childrenCounted < SUPPRESSION_THRESHOLD;
  };
  if (withheldIn({ year: key.year, quarter: key.quarter })) return true;
  if (key.countyCode !== null || key.quarter !== null) return false;
  // A year's percentage may count the same children each quarter (victims supported all year): withheld when the
  // lines it is made of, in any one quarter, are one county's or count fewer than 5 children. Judged on the year
  // figure's own lines: a quarter's figure may be set beside other counties' targets.
  if (key.unit === IndicatorUnit.PERCENT) {
    const counties = figures.counties;
    return [1, 2, 3, 4].some((quarter) => {
      const inQuarter = unread.filter(
        (line) =>
          line.year === key.year &&
          line.quarter === quarter &&
          line.actualValue !== null &&
          (counties === null || counties.includes(line.countyCode)),
      );
      if (inQuarter.length === 0) return false;
      const children = inQuarter.reduce((total, line) => total + (line.denominator ?? 0), 0);
      return new Set(inQuarter.map((line) => line.countyCode)).size < 2 || children < SUPPRESSION_THRESHOLD;
    });
  }
  if (key.unit !== IndicatorUnit.COUNT) return false;
  // The key's own figure is the national year's.
  const year = figures.actual;
  if (year === null) return false;
  const quarterly = (quarter: number) => figuresOf({ year: key.year, quarter }, lines).actual ?? 0;
  if (key.aggregation === IndicatorAggregation.LEVEL) {
    return withheldIn({ year: key.year, quarter: 4 }) || quarterly(4) !== year;
  }
  const quarters = [1, 2, 3, 4];
  if (quarters.some((quarter) => withheldIn({ year: key.year, quarter }))) return true;
  const sum = quarters.reduce((total, quarter) => total + quarterly(quarter), 0);
  return Math.abs(sum - year) > 1e-6;
}
