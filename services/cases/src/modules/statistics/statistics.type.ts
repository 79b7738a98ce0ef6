import { Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { AgeBand, CaseCategory, Sex } from '../case/case.enums';
import { SUPPRESSION_THRESHOLD } from '@kinga/shared';

export enum StatisticsDimension {
  COUNTY = 'COUNTY',
  CATEGORY = 'CATEGORY',
  QUARTER = 'QUARTER',
  SEX = 'SEX',
  AGE_BAND = 'AGE_BAND',
}
registerEnumType(StatisticsDimension, { name: 'StatisticsDimension', description: 'A dimension case statistics can be grouped by.' });

export const STATISTICS_METHOD = `Counts of cases per cell. A cell with fewer than ${SUPPRESSION_THRESHOLD} cases is suppressed (count null, suppressed true). Complementary suppression: along every dimension, each line of the table has no suppressed cell, or at least two whose counts add up to 5 or more, so within one table a line's total minus its published cells never reveals a hidden count. Each grouping's table is suppressed on its own: tables of several groupings taken together can narrow or reveal a hidden count (README, "Small cells"). Filters select cells of the full national table (a filtered dimension is always part of the grouping, and suppression is decided before filtering), so two filtered queries cannot be subtracted either. CATEGORY counts a case once per category it has. AGE_BAND is the age when the case was opened; QUARTER the quarter it was opened in (e.g. 2025-Q3). Combinations without cases are absent, but for a suppressed one hidden beside a complement that would otherwise be the only hidden cell of its line (a coarser grouping's total would give it away): a suppressed cell may be a zero.`;

@InputType('CaseStatisticsFilter', {
  description: 'Selects cells; a filtered dimension is added to the grouping so that the cells shown are those of the full table.',
})
export class CaseStatisticsFilter {
  @Field(() => [String], { nullable: true, description: 'County codes.' })
  counties?: string[] | null;

  @Field(() => [CaseCategory], { nullable: true })
  categories?: CaseCategory[] | null;

  @Field(() => [Sex], { nullable: true })
  sexes?: Sex[] | null;

  @Field(() => [AgeBand], { nullable: true })
  ageBands?: AgeBand[] | null;

  @Field(() => String, { nullable: true, description: 'First quarter, e.g. 2025-Q1.' })
  fromQuarter?: string | null;

  @Field(() => String, { nullable: true, description: 'Last quarter, e.g. 2025-Q4.' })
  toQuarter?: string | null;
}

@ObjectType('CaseStatisticsCell')
export class CaseStatisticsCell {
  @Field(() => String, { nullable: true, description: 'County code, when grouped by COUNTY.' })
  countyCode: string | null;

  @Field(() => CaseCategory, { nullable: true })
  category: CaseCategory | null;

  @Field(() => String, { nullable: true, description: 'e.g. 2025-Q3.' })
  quarter: string | null;

  @Field(() => Sex, { nullable: true })
  sex: Sex | null;

  @Field(() => AgeBand, { nullable: true })
  ageBand: AgeBand | null;

  @Field(() => Int, { nullable: true, description: 'Null when suppressed.' })
  count: number | null;

  @Field()
  suppressed: boolean;
}

@ObjectType('CaseStatisticsColumns', {
  description:
    'The cells as columns: entry i of every list belongs to the i-th cell of `cells`, in the same order. A whole table (county x category x quarter is some 16,000 cells) is a few lists of scalars instead of one object per cell, which is several times cheaper to produce, pass through the gateway and read.',
})
export class CaseStatisticsColumns {
  @Field(() => [String], { nullable: true, description: 'County codes; null when not grouped by COUNTY.' })
  countyCodes: string[] | null;

  @Field(() => [CaseCategory], { nullable: true, description: 'Null when not grouped by CATEGORY.' })
  categories: CaseCategory[] | null;

  @Field(() => [String], { nullable: true, description: 'Quarters, e.g. 2025-Q3; null when not grouped by QUARTER.' })
  quarters: string[] | null;

  @Field(() => [Sex], { nullable: true, description: 'Null when not grouped by SEX.' })
  sexes: Sex[] | null;

  @Field(() => [AgeBand], { nullable: true, description: 'Null when not grouped by AGE_BAND.' })
  ageBands: AgeBand[] | null;

  @Field(() => [Int], { nullable: 'items', description: 'Case counts; null where the cell is suppressed.' })
  counts: Array<number | null>;

  @Field(() => [Boolean])
  suppressed: boolean[];
}

@ObjectType('CaseStatistics', { description: STATISTICS_METHOD })
export class CaseStatistics {
  @Field(() => [StatisticsDimension], { description: 'The grouping the cells come from (what was asked plus any filtered dimension).' })
  groupBy: StatisticsDimension[];

  @Field(() => Int, { description: `Counts below this are suppressed (${SUPPRESSION_THRESHOLD}).` })
  threshold: number;

  @Field(() => [CaseStatisticsCell])
  cells: CaseStatisticsCell[];
}
