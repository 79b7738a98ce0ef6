import { directionOf, IndicatorAggregation, IndicatorDirection, IndicatorUnit } from '../framework/framework.enums';
import { AchievementStatus } from '../report/report.enums';
import {
  combineActuals,
  computeVariance,
  hasEnded,
  resolveTarget,
  statusFromRatio,
  type ActualFact,
  type TargetFact,
} from './variance.compute';
import { VarianceStatus } from './variance.enums';

const target = (countyCode: string | null, quarter: number | null, targetValue: number, year = 2021): TargetFact => ({
  countyCode,
  year,
  quarter,
  baseline: null,
  targetValue,
});
const actual = (
  countyCode: string,
  quarter: number,
  actualValue: number | null,
  denominator: number | null = null,
  agencyId = 'dcs',
): ActualFact => ({
  countyCode,
  agencyId,
  year: 2021,
  quarter,
  actualValue,
  denominator,
  achievement: null,
});

describe('variance arithmetic', () => {
  it('classifies by the share of the target reached: 90% on track, 60% at risk, below off track', () => {
    expect(statusFromRatio(90, 100)).toBe(VarianceStatus.ON_TRACK);
    expect(statusFromRatio(89.9, 100)).toBe(VarianceStatus.AT_RISK);
    expect(statusFromRatio(60, 100)).toBe(VarianceStatus.AT_RISK);
    expect(statusFromRatio(59.9, 100)).toBe(VarianceStatus.OFF_TRACK);
    expect(statusFromRatio(0, 0)).toBe(VarianceStatus.ON_TRACK);
  });

  it('reads a less-is-better indicator the other way: at or below the target on track, a ninth above still on track', () => {
    const D = IndicatorDirection.DECREASE;
    expect(statusFromRatio(40, 50, D)).toBe(VarianceStatus.ON_TRACK);
    expect(statusFromRatio(50, 50, D)).toBe(VarianceStatus.ON_TRACK);
    expect(statusFromRatio(55, 50, D)).toBe(VarianceStatus.ON_TRACK);
    expect(statusFromRatio(56, 50, D)).toBe(VarianceStatus.AT_RISK);
    expect(statusFromRatio(83, 50, D)).toBe(VarianceStatus.AT_RISK);
    expect(statusFromRatio(84, 50, D)).toBe(VarianceStatus.OFF_TRACK);
    expect(statusFromRatio(0, 0, D)).toBe(VarianceStatus.ON_TRACK);
    expect(statusFromRatio(3, 0, D)).toBe(VarianceStatus.OFF_TRACK);
    // The same figures more-is-better: the other verdicts.
    expect(statusFromRatio(40, 50)).toBe(VarianceStatus.AT_RISK);
    expect(statusFromRatio(84, 50)).toBe(VarianceStatus.ON_TRACK);
  });

  it('gives a county that brought cases below its target ON_TRACK on a less-is-better indicator', () => {
    const period = { year: 2021, quarter: 1 };
    const reduced = computeVariance(
      IndicatorUnit.COUNT,
      IndicatorDirection.DECREASE,
      [target('047', 1, 100)],
      [actual('047', 1, 70)],
      '047',
      period,
    );
    expect(reduced).toMatchObject({ target: 100, actual: 70, absoluteVariance: -30, status: VarianceStatus.ON_TRACK });
    const risen = computeVariance(
      IndicatorUnit.COUNT,
      IndicatorDirection.DECREASE,
      [target('047', 1, 100)],
      [actual('047', 1, 180)],
      '047',
      period,
    );
    expect(risen.status).toBe(VarianceStatus.OFF_TRACK);
  });

  it('gives no verdict on a less-is-better count until the whole period is reported', () => {
    const D = IndicatorDirection.DECREASE;
    const year = { year: 2021, quarter: null };
    const quarterly = [1, 2, 3, 4].map((q) => target('047', q, 25));
    // One quarter of four: 10 looks far below the yearly 100, but three quarters are missing.
    expect(computeVariance(IndicatorUnit.COUNT, D, quarterly, [actual('047', 1, 10)], '047', year)).toMatchObject({
      target: 100,
      actual: 10,
      status: VarianceStatus.NO_DATA,
    });
    const allYear = [1, 2, 3, 4].map((q) => actual('047', q, 20));
    expect(computeVariance(IndicatorUnit.COUNT, D, quarterly, allYear, '047', year).status).toBe(VarianceStatus.ON_TRACK);
    // Nationally: every county with a target must have reported.
    const national = [target('047', 1, 20), target('001', 1, 20)];
    const q1 = { year: 2021, quarter: 1 };
    expect(computeVariance(IndicatorUnit.COUNT, D, national, [actual('047', 1, 15)], null, q1).status).toBe(VarianceStatus.NO_DATA);
    expect(computeVariance(IndicatorUnit.COUNT, D, national, [actual('047', 1, 15), actual('001', 1, 15)], null, q1).status).toBe(
      VarianceStatus.ON_TRACK,
    );
    // Nationally without county targets: all 47 counties, not only those that reported (the review's CP-6:
    // Nairobi's 200 against a national 1,000 was no reduction).
    const nationalOnly = [target(null, null, 1000)];
    const nairobiYear = [1, 2, 3, 4].map((q) => actual('047', q, 50));
    expect(computeVariance(IndicatorUnit.COUNT, D, nationalOnly, nairobiYear, null, year)).toMatchObject({
      actual: 200,
      status: VarianceStatus.NO_DATA,
    });
  });

  it('asks every county of a national figure to have reported: all 47 against a national target, those making up a combined one', () => {
    const D = IndicatorDirection.DECREASE;
    const year = { year: 2021, quarter: null };
    const nairobiYear = [1, 2, 3, 4].map((q) => actual('047', q, 50));
    // A national target and one county's own: still all 47 for the national figure (the third review's case).
    expect(
      computeVariance(IndicatorUnit.COUNT, D, [target(null, null, 1000), target('047', null, 300)], nairobiYear, null, year).status,
    ).toBe(VarianceStatus.NO_DATA);
    // Combined from the counties with a target in the period: only those (001's yearly target does not
    // make up a first quarter's, so 001 need not have reported it).
    const q1 = { year: 2021, quarter: 1 };
    const targets = [...[1, 2, 3, 4].map((q) => target('047', q, 60)), target('001', null, 200)];
    expect(computeVariance(IndicatorUnit.COUNT, D, targets, nairobiYear, null, q1)).toMatchObject({
      target: 60,
      actual: 50,
      status: VarianceStatus.ON_TRACK,
    });
  });

  it('judges a more-is-better count over part of its period only once it has reached the target', () => {
    const I = IndicatorDirection.INCREASE;
    const year = { year: 2021, quarter: null };
    const yearly = [target('047', null, 400)];
    // A quarter of 100 against a year of 400 is not yet behind: no verdict, the figures still shown.
    expect(computeVariance(IndicatorUnit.COUNT, I, yearly, [actual('047', 1, 100)], '047', year)).toMatchObject({
      target: 400,
      actual: 100,
      status: VarianceStatus.NO_DATA,
    });
    // Reached already: more reports can only add.
    expect(computeVariance(IndicatorUnit.COUNT, I, yearly, [actual('047', 1, 250), actual('047', 2, 150)], '047', year).status).toBe(
      VarianceStatus.ON_TRACK,
    );
    // The whole year in, short of it: behind.
    const allYear = [1, 2, 3, 4].map((q) => actual('047', q, 50));
    expect(computeVariance(IndicatorUnit.COUNT, I, yearly, allYear, '047', year).status).toBe(VarianceStatus.OFF_TRACK);
  });

  it("sets a national target made of some counties' targets beside those counties' reports only", () => {
    const targets = [target('047', 1, 100)];
    const q1 = { year: 2021, quarter: 1 };
    // The review's case: 001 has no target; its 60 must not lift Nairobi's 50 to 110 against 100.
    expect(
      computeVariance(IndicatorUnit.COUNT, IndicatorDirection.INCREASE, targets, [actual('047', 1, 50), actual('001', 1, 60)], null, q1),
    ).toMatchObject({ target: 100, actual: 50, status: VarianceStatus.OFF_TRACK, reportCount: 1 });
  });

  it("weights a national percentage made of counties' targets as the actual is, so counties on target make the nation on target", () => {
    const q1 = { year: 2021, quarter: 1 };
    const targets = [target('047', 1, 50), target('001', 1, 90)];
    const P = IndicatorUnit.PERCENT;
    const I = IndicatorDirection.INCREASE;
    // Nairobi reached its 50% of 1,000 children, Mombasa its 90% of 10: the nation reached 50.4% of what it aimed at, 50.4%.
    const onTarget = computeVariance(P, I, targets, [actual('047', 1, 50, 1000), actual('001', 1, 90, 10)], null, q1);
    expect(onTarget).toMatchObject({ target: 50.396, actual: 50.396, status: VarianceStatus.ON_TRACK, absoluteVariance: 0 });
    // Nairobi short (30% against 50%) is the nation short, where a plain mean of the targets (70) would hide whose.
    const short = computeVariance(P, I, targets, [actual('047', 1, 30, 1000), actual('001', 1, 90, 10)], null, q1);
    expect(short.status).toBe(VarianceStatus.AT_RISK);
    expect(short.target).toBe(50.396);
    // Without every denominator the actual is a plain mean, and so is the target beside it.
    const unweighted = computeVariance(P, I, targets, [actual('047', 1, 50, 1000), actual('001', 1, 90)], null, q1);
    expect(unweighted).toMatchObject({ target: 70, actual: 70, status: VarianceStatus.ON_TRACK });
    // A national target of its own is the nation's, whatever the counties aimed at.
    const national = computeVariance(
      P,
      I,
      [...targets, target(null, 1, 80)],
      [actual('047', 1, 50, 1000), actual('001', 1, 90, 10)],
      null,
      q1,
    );
    expect(national.target).toBe(80);
  });

  it('takes a level (a count of things that stand) at the end of its period, not the sum of its quarters', () => {
    const I = IndicatorDirection.INCREASE;
    const year = { year: 2021, quarter: null };
    const L = IndicatorAggregation.LEVEL;
    // The review's case: 12 centres functional in every quarter are 12, not 48, against 47.
    const twelveEachQuarter = [1, 2, 3, 4].map((q) => actual('047', q, 12));
    expect(
      computeVariance(IndicatorUnit.COUNT, I, [target('047', null, 47)], twelveEachQuarter, '047', year, { aggregation: L }),
    ).toMatchObject({
      actual: 12,
      status: VarianceStatus.OFF_TRACK,
      // The fourth quarter's report is what the figure stands on.
      reportCount: 1,
    });
    expect(computeVariance(IndicatorUnit.COUNT, I, [target('047', null, 47)], twelveEachQuarter, '047', year).actual).toBe(48);
    // Before its last quarter is in, a level can still fall: no verdict, even above the target.
    const threeQuarters = [1, 2, 3].map((q) => actual('047', q, 50));
    expect(
      computeVariance(IndicatorUnit.COUNT, I, [target('047', null, 47)], threeQuarters, '047', year, { aggregation: L }),
    ).toMatchObject({
      actual: 50,
      status: VarianceStatus.NO_DATA,
    });
    // Quarterly targets of a level: the year aims at the fourth quarter's; nationally, the counties' latest levels add up.
    const quarterly = [1, 2, 3, 4].map((q) => target('047', q, 10 * q));
    expect(resolveTarget(IndicatorUnit.COUNT, quarterly, '047', year, L)?.value).toBe(40);
    const national = [...[1, 2, 3, 4].map((q) => actual('047', q, 10 * q)), ...[1, 2, 3, 4].map((q) => actual('001', q, 5))];
    expect(computeVariance(IndicatorUnit.COUNT, I, [target(null, null, 40)], national, null, year, { aggregation: L }).actual).toBe(45);
    // Two agencies' structures in one county: one whose fourth quarter is still a draft counts with its third.
    const twoAgencies = [...[1, 2, 3, 4].map((q) => actual('047', q, 30)), ...[1, 2, 3].map((q) => actual('047', q, 20, null, 'ngo'))];
    expect(computeVariance(IndicatorUnit.COUNT, I, [target('047', null, 45)], twoAgencies, '047', year, { aggregation: L })).toMatchObject({
      actual: 50,
      status: VarianceStatus.ON_TRACK,
    });
  });

  it('counts a county once in a count of counties, however many agencies say it has the thing', () => {
    const I = IndicatorDirection.INCREASE;
    const year = { year: 2021, quarter: null };
    const options = { aggregation: IndicatorAggregation.LEVEL, countsCounties: true, today: '2022-06-01' };
    // The review's case: DCS says 30 counties have a safe house (17 have none), NCCS says so of 20 of the same 30.
    const counties = Array.from({ length: 47 }, (_, i) => String(i + 1).padStart(3, '0'));
    const reports = [
      ...counties.map((code, i) => actual(code, 4, i < 30 ? 1 : 0)),
      ...counties.slice(0, 20).map((code) => actual(code, 4, 1, null, 'nccs')),
    ];
    const national = computeVariance(IndicatorUnit.COUNT, I, [target(null, null, 47)], reports, null, year, options);
    // Each county once: 47 reports stand behind it, not DCS's 47 and NCCS's 20.
    expect(national).toMatchObject({ actual: 30, status: VarianceStatus.AT_RISK, reportCount: 47, countiesReported: 47 });
    // Added up as things that stand in a county, the same reports made 50 of 47, on track.
    expect(
      computeVariance(IndicatorUnit.COUNT, I, [target(null, null, 47)], reports, null, year, { ...options, countsCounties: false }).actual,
    ).toBe(50);
  });

  it('gives no verdict on a count for a period that has not ended, whatever has been reported', () => {
    const D = IndicatorDirection.DECREASE;
    const q4 = { year: 2021, quarter: 4 };
    const reported = [actual('047', 4, 5)];
    const targets = [target('047', 4, 100)];
    // Five cases reported on 2 October are not a quarter brought below 100.
    expect(computeVariance(IndicatorUnit.COUNT, D, targets, reported, '047', q4, { today: '2021-10-02' }).status).toBe(
      VarianceStatus.NO_DATA,
    );
    expect(computeVariance(IndicatorUnit.COUNT, D, targets, reported, '047', q4, { today: '2022-01-01' }).status).toBe(
      VarianceStatus.ON_TRACK,
    );
    expect(hasEnded({ year: 2021, quarter: 1 }, '2021-03-31')).toBe(false);
    expect(hasEnded({ year: 2021, quarter: 1 }, '2021-04-01')).toBe(true);
    expect(hasEnded({ year: 2021, quarter: null }, '2021-12-31')).toBe(false);
  });

  it('takes the direction from the matrix wording', () => {
    expect(directionOf('Decreased number of SEC cases during emergencies')).toBe(IndicatorDirection.DECREASE);
    expect(directionOf('Decrease in the number of child sexual abuse cases during conflict and emergencies')).toBe(
      IndicatorDirection.DECREASE,
    );
    expect(directionOf('Reduction in the % of children exposed to sexual exploitation')).toBe(IndicatorDirection.DECREASE);
    expect(directionOf('Reduced cases of SEC')).toBe(IndicatorDirection.DECREASE);
    expect(directionOf('No. of males engaged in reducing harmful cultural practices per county')).toBe(IndicatorDirection.INCREASE);
    expect(directionOf('% of children reached')).toBe(IndicatorDirection.INCREASE);
  });

  it('sums counts and weights percentages by their denominators', () => {
    expect(combineActuals(IndicatorUnit.COUNT, [actual('047', 1, 10), actual('001', 1, 5)])).toBe(15);
    // 50% of 100 and 100% of 300: 87.5%, not the plain mean of 75%.
    expect(combineActuals(IndicatorUnit.PERCENT, [actual('047', 1, 50, 100), actual('001', 1, 100, 300)])).toBe(87.5);
    expect(combineActuals(IndicatorUnit.PERCENT, [actual('047', 1, 50, 100), actual('001', 1, 100)])).toBe(75);
    expect(combineActuals(IndicatorUnit.COUNT, [])).toBeNull();
  });

  it("makes a year's baseline of its quarters' as its target is made: a count's added up, known only when all four are", () => {
    const withBaseline = (quarter: number, baseline: number | null): TargetFact => ({ ...target('047', quarter, 10), baseline });
    const shuffled = [withBaseline(3, 30), withBaseline(1, 10), withBaseline(4, 40), withBaseline(2, 20)];
    expect(resolveTarget(IndicatorUnit.COUNT, shuffled, '047', { year: 2021, quarter: null })).toMatchObject({ value: 40, baseline: 100 });
    const oneMissing = [withBaseline(1, 10), withBaseline(2, null), withBaseline(3, 30), withBaseline(4, 40)];
    expect(resolveTarget(IndicatorUnit.COUNT, oneMissing, '047', { year: 2021, quarter: null })).toMatchObject({
      value: 40,
      baseline: null,
    });
    // A level's year is its fourth quarter, its baseline where the year began.
    expect(resolveTarget(IndicatorUnit.COUNT, shuffled, '047', { year: 2021, quarter: null }, IndicatorAggregation.LEVEL)).toMatchObject({
      value: 10,
      baseline: 10,
    });
  });

  it('makes a yearly target of four quarterly ones, and a national one of county targets', () => {
    const quarters = [1, 2, 3, 4].map((q) => target('047', q, 10));
    expect(resolveTarget(IndicatorUnit.COUNT, quarters, '047', { year: 2021, quarter: null })?.value).toBe(40);
    expect(resolveTarget(IndicatorUnit.COUNT, quarters.slice(0, 3), '047', { year: 2021, quarter: null })).toBeNull();
    expect(resolveTarget(IndicatorUnit.COUNT, [...quarters, target('001', null, 100)], null, { year: 2021, quarter: null })?.value).toBe(
      140,
    );
    expect(
      resolveTarget(IndicatorUnit.COUNT, [target(null, null, 500), target('001', null, 100)], null, { year: 2021, quarter: null })?.value,
    ).toBe(500);
  });

  it('computes absolute and relative variance', () => {
    const figures = computeVariance(
      IndicatorUnit.COUNT,
      IndicatorDirection.INCREASE,
      [target('047', 1, 100)],
      [actual('047', 1, 70)],
      '047',
      {
        year: 2021,
        quarter: 1,
      },
    );
    expect(figures).toMatchObject({
      target: 100,
      actual: 70,
      absoluteVariance: -30,
      relativeVariance: -0.3,
      status: VarianceStatus.AT_RISK,
      reportCount: 1,
    });
  });

  it('says NO_DATA without a target or without an approved report', () => {
    expect(
      computeVariance(IndicatorUnit.COUNT, IndicatorDirection.INCREASE, [], [actual('047', 1, 70)], '047', { year: 2021, quarter: 1 })
        .status,
    ).toBe(VarianceStatus.NO_DATA);
    expect(
      computeVariance(IndicatorUnit.COUNT, IndicatorDirection.INCREASE, [target('047', 1, 100)], [], '047', { year: 2021, quarter: 1 })
        .status,
    ).toBe(VarianceStatus.NO_DATA);
  });

  it('reads DOCUMENT and QUALITATIVE indicators by the most advanced achievement', () => {
    const reports = [AchievementStatus.NOT_STARTED, AchievementStatus.IN_PROGRESS].map((achievement, i) => ({
      ...actual('047', i + 1, null),
      achievement,
    }));
    const figures = computeVariance(IndicatorUnit.DOCUMENT, IndicatorDirection.INCREASE, [], reports, null, { year: 2021, quarter: null });
    expect(figures).toMatchObject({
      achievement: AchievementStatus.IN_PROGRESS,
      status: VarianceStatus.AT_RISK,
      target: null,
      actual: null,
      achievementCounts: { achieved: 0, inProgress: 1, notStarted: 0, notReported: 46 },
    });
  });

  it('counts the counties of a scope by their own most advanced achievement beside the national status', () => {
    const reports = [
      { ...actual('047', 1, null), achievement: AchievementStatus.ACHIEVED },
      { ...actual('001', 1, null), achievement: AchievementStatus.NOT_STARTED },
      { ...actual('001', 2, null), achievement: AchievementStatus.IN_PROGRESS },
      { ...actual('002', 2, null), achievement: AchievementStatus.NOT_STARTED },
      { ...actual('003', 2, null, null, 'ngo'), achievement: AchievementStatus.NOT_STARTED },
    ];
    const national = computeVariance(IndicatorUnit.QUALITATIVE, IndicatorDirection.INCREASE, [], reports, null, {
      year: 2021,
      quarter: null,
    });
    expect(national).toMatchObject({
      status: VarianceStatus.ON_TRACK,
      achievementCounts: { achieved: 1, inProgress: 1, notStarted: 2, notReported: 43 },
    });
    const county = computeVariance(IndicatorUnit.QUALITATIVE, IndicatorDirection.INCREASE, [], reports, '001', { year: 2021, quarter: 1 });
    expect(county.achievementCounts).toEqual({ achieved: 0, inProgress: 0, notStarted: 1, notReported: 0 });
    const silent = computeVariance(IndicatorUnit.DOCUMENT, IndicatorDirection.INCREASE, [], reports, '010', { year: 2021, quarter: null });
    expect(silent).toMatchObject({
      status: VarianceStatus.NO_DATA,
      achievementCounts: { achieved: 0, inProgress: 0, notStarted: 0, notReported: 1 },
    });
    const numeric = computeVariance(IndicatorUnit.COUNT, IndicatorDirection.INCREASE, [], reports, null, { year: 2021, quarter: null });
    expect(numeric.achievementCounts).toBeNull();
  });
});
