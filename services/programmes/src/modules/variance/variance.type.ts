import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Kes } from '../../common/kes.scalar';
import { ProgrammePeriod } from '../../common/period';
import { IndicatorUnit } from '../framework/framework.enums';
import { AchievementStatus } from '../report/report.enums';
import { VarianceStatus } from './variance.enums';

const NATIONAL = 'Null: national.';

@ObjectType('AchievementCounts', {
  description:
    "The counties of a scope (one county, or all 47 nationally) by the most advanced achievement each one's approved reports for the period state.",
})
export class AchievementCountsType {
  @Field(() => Int)
  achieved: number;

  @Field(() => Int)
  inProgress: number;

  @Field(() => Int)
  notStarted: number;

  @Field(() => Int, { description: 'Counties with no approved report for the period.' })
  notReported: number;
}

@ObjectType('IndicatorVariance', {
  description: `Target against actual for one indicator, scope and period, from APPROVED reports only (the newest approved version of each report line).
Actual: COUNT = the sum of the reports (over agencies, quarters and, nationally, counties), except a LEVEL count (Indicator.aggregation: things that stand, such as functional centres), which takes each agency's latest reported quarter in each county, and a count of counties, which counts each county once (0 or 1); PERCENT = the mean weighted by each report's denominator when every report gives one, else the plain mean.
Target: the scope's own target for the period; for a year without a yearly target, its four quarterly targets (sum, or mean for PERCENT; for a LEVEL count the fourth quarter's, with the first quarter's baseline); nationally without a national target, the county targets combined the same way, a PERCENT one weighted as the actual is (by the denominators each county's reports give), so that every county on its own target makes the nation on its target (null beside a SUPPRESSED figure, whose counties' children the weights would tell).
Status: ON_TRACK when actual >= 90% of target, AT_RISK 60-90%, OFF_TRACK < 60%, NO_DATA without target or approved report. On a DECREASE indicator (see Indicator.direction) the target is read as a share of the actual instead: ON_TRACK at or below the target or up to a ninth above it, AT_RISK up to two thirds above, OFF_TRACK beyond. A COUNT is judged once its period has ended and every quarter of it has an approved report from every county the figure is about (the county; nationally, the counties whose targets make up the national one, or all 47 against a national target); before that it is ON_TRACK if an INCREASE count has already reached the target and NO_DATA otherwise, since a sum over part of the period only grows (and would look like a reduction on a DECREASE one); a LEVEL count (Indicator.aggregation) is NO_DATA until then. DOCUMENT/QUALITATIVE indicators take the most advanced achievement reported (nationally, any county's): ACHIEVED = ON_TRACK, IN_PROGRESS = AT_RISK, NOT_STARTED = OFF_TRACK; achievementCounts says how many counties stand where.`,
})
export class IndicatorVariance {
  @Field(() => String, { nullable: true, description: `Three-digit county code. ${NATIONAL}` })
  countyCode: string | null;

  @Field(() => ProgrammePeriod)
  period: ProgrammePeriod;

  @Field(() => IndicatorUnit)
  unit: IndicatorUnit;

  @Field(() => Float, { nullable: true })
  target: number | null;

  @Field(() => Float, { nullable: true })
  baseline: number | null;

  @Field(() => Float, { nullable: true, description: 'Null for DOCUMENT/QUALITATIVE indicators and where nothing is approved.' })
  actual: number | null;

  @Field(() => AchievementStatus, { nullable: true, description: 'DOCUMENT/QUALITATIVE indicators only.' })
  achievement: AchievementStatus | null;

  @Field(() => AchievementCountsType, {
    nullable: true,
    description: 'DOCUMENT/QUALITATIVE indicators only: where the counties stand, since one county can carry the national status.',
  })
  achievementCounts: AchievementCountsType | null;

  @Field(() => Float, {
    nullable: true,
    description:
      "actual - target: below zero is short of the target on an INCREASE indicator and better than it on a DECREASE one (the indicator's `direction`).",
  })
  absoluteVariance: number | null;

  @Field(() => Float, { nullable: true, description: '(actual - target) / target, e.g. -0.25 for 25% below; null when the target is 0.' })
  relativeVariance: number | null;

  @Field(() => VarianceStatus)
  status: VarianceStatus;

  @Field(() => Int, {
    description:
      "The approved reports the actual stands on (a LEVEL: each agency's latest quarter, and a county once where counties are counted).",
  })
  reportCount: number;

  indicatorId: string;
}

@ObjectType('VarianceStatusCounts', { description: 'How many indicators are in each status.' })
export class VarianceStatusCounts {
  @Field(() => Int)
  onTrack: number;

  @Field(() => Int)
  atRisk: number;

  @Field(() => Int)
  offTrack: number;

  @Field(() => Int)
  noData: number;

  @Field(() => Int, { description: 'Indicators whose figure is withheld from you (SUPPRESSED).' })
  suppressed: number;
}

@ObjectType('ObjectiveVariance', {
  description: "An objective's indicators for a scope and period, and its budget against reported spend.",
})
export class ObjectiveVariance {
  @Field(() => String, { nullable: true, description: `Three-digit county code. ${NATIONAL}` })
  countyCode: string | null;

  @Field(() => ProgrammePeriod)
  period: ProgrammePeriod;

  @Field(() => [IndicatorVariance])
  indicators: IndicatorVariance[];

  @Field(() => VarianceStatusCounts)
  statusCounts: VarianceStatusCounts;

  @Field(() => Kes, { nullable: true, description: 'The indicative budget for the whole plan period.' })
  indicativeBudgetKes: number | null;

  @Field(() => Kes, {
    description: "The spend of the objective's approved report lines (newest versions) for this scope within the period, added up.",
  })
  reportedSpendKes: number;

  @Field(() => Kes, { description: 'Spend in approved reports for this scope over the whole plan period.' })
  cumulativeSpendKes: number;

  @Field(() => Float, { nullable: true, description: 'cumulativeSpendKes as a percentage of the indicative budget.' })
  budgetUsedPercent: number | null;

  objectiveId: string;
}

@ObjectType('FocusAreaVariance', { description: "The roll-up of a focus area's objectives for a scope and period." })
export class FocusAreaVariance {
  @Field(() => String, { nullable: true, description: `Three-digit county code. ${NATIONAL}` })
  countyCode: string | null;

  @Field(() => ProgrammePeriod)
  period: ProgrammePeriod;

  @Field(() => [ObjectiveVariance])
  objectives: ObjectiveVariance[];

  @Field(() => VarianceStatusCounts, { description: 'Over all indicators of the focus area.' })
  statusCounts: VarianceStatusCounts;

  @Field(() => Kes, { nullable: true, description: "Its objectives' indicative budgets added up; null where none has one." })
  indicativeBudgetKes: number | null;

  @Field(() => Kes)
  reportedSpendKes: number;

  @Field(() => Kes)
  cumulativeSpendKes: number;

  focusAreaId: string;
}
