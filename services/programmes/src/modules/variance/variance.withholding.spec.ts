import { IndicatorAggregation, IndicatorDirection, IndicatorUnit } from '../framework/framework.enums';
import { computeVariance, type ActualFact, type TargetFact } from './variance.compute';
import { withheldFromCaller, type WithholdingKey } from './variance.withholding';

const line = (countyCode: string, quarter: number, actualValue: number, agencyId = 'dcs'): ActualFact => ({
  countyCode,
  agencyId,
  year: 2021,
  quarter,
  actualValue,
  denominator: null,
  achievement: null,
});
const target = (countyCode: string | null, quarter: number | null, targetValue: number): TargetFact => ({
  countyCode,
  year: 2021,
  quarter,
  baseline: null,
  targetValue,
});

/** Whether the figure of `scope` and `quarter` is withheld from a caller who reads the lines `reads` accepts. */
function withheld(
  lines: ActualFact[],
  reads: (line: ActualFact) => boolean,
  scope: string | null,
  quarter: number | null,
  { targets = [] as TargetFact[], aggregation = IndicatorAggregation.FLOW, unit = IndicatorUnit.COUNT } = {},
): boolean {
  const key: WithholdingKey = { unit, aggregation, countyCode: scope, year: 2021, quarter };
  const figuresOf = (period: { year: number; quarter: number | null }, some: readonly ActualFact[]) =>
    computeVariance(unit, IndicatorDirection.INCREASE, targets, some, scope, period, { aggregation, today: '2022-06-01' });
  return withheldFromCaller(
    key,
    figuresOf({ year: 2021, quarter }, lines),
    lines,
    lines.filter((line) => !reads(line)),
    figuresOf,
  );
}

const nobody = () => false;
const everyone = () => true;

describe('withholding figures about children harmed', () => {
  it('withholds a national percentage of fewer than 5 children, however many counties reported it', () => {
    const percent = (countyCode: string, value: number, denominator: number): ActualFact => ({
      ...line(countyCode, 1, value),
      denominator,
    });
    // 100% of 2 victims in Mombasa and of 1 in Kilifi: every one of the three was reintegrated.
    expect(withheld([percent('001', 100, 2), percent('003', 100, 1)], nobody, null, 1, { unit: IndicatorUnit.PERCENT })).toBe(true);
    expect(withheld([percent('001', 100, 6), percent('003', 50, 4)], nobody, null, 1, { unit: IndicatorUnit.PERCENT })).toBe(false);
    // Read in full, the caller learns nothing from it.
    expect(withheld([percent('001', 100, 2), percent('003', 100, 1)], everyone, null, 1, { unit: IndicatorUnit.PERCENT })).toBe(false);
    // Counted over the lines the figure is made of: Nairobi's 40 children, without a target, are not in a national
    // figure made of Mombasa's and Kilifi's targets.
    const targets = [target('001', 1, 80), target('003', 1, 50)];
    const withNairobi = [percent('001', 100, 2), percent('003', 100, 1), percent('047', 60, 40)];
    expect(withheld(withNairobi, nobody, null, 1, { unit: IndicatorUnit.PERCENT, targets })).toBe(true);
    // A year's percentage goes with its quarters: the same two children reported each quarter are not eight.
    const yearly = [1, 2, 3, 4].flatMap((q) => [
      { ...percent('001', 100, 1), quarter: q },
      { ...percent('003', 100, 1), quarter: q },
    ]);
    expect(withheld(yearly, nobody, null, null, { unit: IndicatorUnit.PERCENT })).toBe(true);
    // Judged on the year figure's own lines: with yearly targets for Mombasa and Kilifi only, their two children a
    // quarter are withheld however many Nairobi reports without a target; and an officer who reads every line of
    // the year figure (Mombasa's and Kilifi's) is not refused it for Nairobi's, which are not in it.
    const yearlyTargets = [target('001', null, 80), target('003', null, 50)];
    const withOthers = [...yearly, ...[1, 2, 3, 4].map((q) => ({ ...percent('047', 60, 40), quarter: q }))];
    expect(withheld(withOthers, nobody, null, null, { unit: IndicatorUnit.PERCENT, targets: yearlyTargets })).toBe(true);
    const coastOfficer = (l: ActualFact) => l.countyCode !== '047';
    expect(withheld(withOthers, coastOfficer, null, null, { unit: IndicatorUnit.PERCENT, targets: yearlyTargets })).toBe(false);
  });

  it('says when a national percentage target is made of county targets weighted by their children', () => {
    const percent = (countyCode: string, value: number, denominator: number): ActualFact => ({
      ...line(countyCode, 1, value),
      denominator,
    });
    const lines = [percent('001', 100, 6), percent('003', 50, 3)];
    const national = (targets: TargetFact[]) =>
      computeVariance(
        IndicatorUnit.PERCENT,
        IndicatorDirection.INCREASE,
        targets,
        lines,
        null,
        { year: 2021, quarter: 1 },
        { today: '2022-06-01' },
      );
    expect(national([target('001', 1, 80), target('003', 1, 50)])).toMatchObject({ target: 70, targetWeighted: true });
    expect(national([target(null, 1, 75)])).toMatchObject({ target: 75, targetWeighted: false });
  });

  it('gives the public a national figure of several counties, and withholds one of a single county or of 1 to 4 children', () => {
    expect(withheld([line('047', 1, 40), line('001', 1, 30)], nobody, null, 1)).toBe(false);
    expect(withheld([line('047', 1, 40)], nobody, null, 1)).toBe(true);
    expect(withheld([line('047', 1, 2), line('001', 1, 1)], nobody, null, 1)).toBe(true);
    expect(withheld([line('047', 1, 40), line('001', 1, 30)], nobody, '047', 1)).toBe(true);
  });

  it('withholds from a county officer a national figure that, less their own county, is one other county’s', () => {
    // The review's case: Nairobi's officer reads Nairobi's 4; the nation's 7 would give Mombasa's 3.
    const lines = [line('047', 1, 4), line('001', 1, 3)];
    const nairobi = (l: ActualFact) => l.agencyId === 'dcs' && l.countyCode === '047';
    expect(withheld(lines, nairobi, '047', 1)).toBe(false);
    expect(withheld(lines, nairobi, null, 1)).toBe(true);
    // Beside two other counties' 30 and 20, the nation's figure tells only their sum.
    expect(withheld([...lines, line('002', 1, 30), line('003', 1, 20)], nairobi, null, 1)).toBe(false);
  });

  it('shows a county figure only to whoever reads every line it is made of', () => {
    const lines = [line('047', 1, 4, 'dcs'), line('047', 1, 9, 'nps')];
    const dcs = (l: ActualFact) => l.agencyId === 'dcs';
    // DCS's own line alone: the county's figure is DCS's to read; beside the police's, it would give theirs.
    expect(withheld([lines[0]], dcs, '047', 1)).toBe(false);
    expect(withheld(lines, dcs, '047', 1)).toBe(true);
    expect(withheld([lines[0]], (l) => l.agencyId === 'nps', '047', 1)).toBe(true);
    expect(withheld(lines, everyone, '047', 1)).toBe(false);
  });

  it('withholds a national year whose quarter is withheld, or which is not what its quarters make', () => {
    const quarters = [1, 2, 3, 4].flatMap((q) => [line('047', q, 10), line('001', q, q === 4 ? 3 : 10)]);
    // The fourth quarter's 13 is public; so is the year.
    expect(withheld(quarters, nobody, null, null)).toBe(false);
    const small = [1, 2, 3, 4].flatMap((q) => [line('047', q, q === 4 ? 2 : 10), line('001', q, q === 4 ? 1 : 10)]);
    expect(withheld(small, nobody, null, 4)).toBe(true);
    expect(withheld(small, nobody, null, null)).toBe(true);
    // The review's case: Isiolo has no fourth-quarter target, so its 4 children of three quarters are in each
    // quarter's national figure and not in the year's; the difference would be Isiolo's.
    const targets = [
      ...[1, 2, 3, 4].flatMap((q) => [target('047', q, 10), target('001', q, 10)]),
      ...[1, 2, 3].map((q) => target('011', q, 5)),
    ];
    const withIsiolo = [...quarters, line('011', 1, 2), line('011', 2, 1), line('011', 3, 1), line('011', 4, 3)];
    expect(withheld(withIsiolo, nobody, null, 1, { targets })).toBe(false);
    expect(withheld(withIsiolo, nobody, null, null, { targets })).toBe(true);
    expect(withheld(withIsiolo, everyone, null, null, { targets })).toBe(false);
  });

  it('withholds a level’s national year that is not its fourth quarter’s', () => {
    const level = IndicatorAggregation.LEVEL;
    const reported = [1, 2, 3, 4].flatMap((q) => [line('047', q, 20), line('001', q, 30)]);
    expect(withheld(reported, nobody, null, null, { aggregation: level })).toBe(false);
    // An agency whose last report is the third quarter counts in the year and not in the fourth quarter.
    const stopped = [...reported, line('002', 3, 12, 'ngo')];
    expect(withheld(stopped, nobody, null, null, { aggregation: level })).toBe(true);
  });
});
