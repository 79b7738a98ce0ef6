import { Field, Float, GraphQLISODateTime, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { SUPPRESSION_THRESHOLD } from '@kinga/shared';
import { ReferralStatus, ServiceType, Urgency } from '../referral/referral.enums';

export enum ReferralStatisticsDimension {
  COUNTY = 'COUNTY',
  SERVICE = 'SERVICE',
  URGENCY = 'URGENCY',
  STATUS = 'STATUS',
  MONTH = 'MONTH',
}

registerEnumType(ReferralStatisticsDimension, {
  name: 'ReferralStatisticsDimension',
  description: 'What referral statistics can be grouped by.',
});

export const STATISTICS_METHOD = `Counts of referrals per cell, with the median hours from sending to acknowledgement, acceptance and completion and the share of completed referrals that met both SLA clocks. A cell with fewer than ${SUPPRESSION_THRESHOLD} referrals is suppressed (count and measures null, suppressed true), and a measure taken over fewer than ${SUPPRESSION_THRESHOLD} of a published cell's referrals (the median hours to complete over its completed ones, say) is null. Complementary suppression, as for case statistics: along every dimension each line of the table has no suppressed cell or at least two, so a total from a coarser query minus the published cells never reveals one hidden count. Filters select cells of the full national table (a filtered dimension is always part of the grouping, and suppression is decided before filtering), so two filtered queries cannot be subtracted either. COUNTY is the case's county, MONTH the Kenyan month the referral was sent (e.g. 2026-03), STATUS how the referral stands or ended (a closed referral counts as COMPLETED or DECLINED, as it was before its sender closed it). Combinations without referrals are absent, but for a suppressed one hidden beside a complement that would otherwise be the only hidden cell of its line: a suppressed cell may be a zero. The national tables are reused for a few minutes (by default) rather than computed for every query: asOf says which moment the answer shows, and a referral written since then is counted once the table is recomputed.`;

@InputType({ description: 'Selects cells of the national table; each filtered dimension is part of the grouping.' })
export class ReferralStatisticsFilter {
  @Field(() => [String], { nullable: true, description: 'County codes, e.g. ["047"].' })
  counties?: string[] | null;

  @Field(() => [ServiceType], { nullable: true })
  services?: ServiceType[] | null;

  @Field(() => [Urgency], { nullable: true })
  urgencies?: Urgency[] | null;

  @Field(() => [ReferralStatus], { nullable: true })
  statuses?: ReferralStatus[] | null;

  @Field(() => String, { nullable: true, description: 'First month, YYYY-MM (Kenyan time).' })
  fromMonth?: string | null;

  @Field(() => String, { nullable: true, description: 'Last month, YYYY-MM.' })
  toMonth?: string | null;
}

@ObjectType('ReferralStatisticsCell', { description: 'One group of referrals; the dimensions not grouped by are null.' })
export class ReferralStatisticsCell {
  @Field(() => String, { nullable: true })
  county: string | null;

  @Field(() => ServiceType, { nullable: true })
  service: ServiceType | null;

  @Field(() => Urgency, { nullable: true })
  urgency: Urgency | null;

  @Field(() => ReferralStatus, { nullable: true })
  status: ReferralStatus | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM, Kenyan time.' })
  month: string | null;

  @Field({
    description: `True when no count or measure is given: fewer than ${SUPPRESSION_THRESHOLD} referrals or children in the cell, or a cell hidden beside such a one so that a line's total less its published cells gives no single hidden count (such a cell may be a combination with no referral).`,
  })
  suppressed: boolean;

  @Field(() => Int, {
    nullable: true,
    description: 'Referrals in the cell; null when suppressed.',
  })
  count: number | null;

  @Field(() => Float, { nullable: true, description: 'Median hours from sent to acknowledged, over the acknowledged ones.' })
  medianHoursToAcknowledge: number | null;

  @Field(() => Float, { nullable: true, description: 'Median hours from sent to accepted.' })
  medianHoursToAccept: number | null;

  @Field(() => Float, { nullable: true, description: 'Median hours from sent to completed.' })
  medianHoursToComplete: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Of the completed referrals, the share (0 to 1) acknowledged and started within their SLA clocks.',
  })
  shareCompletedWithinSla: number | null;
}

@ObjectType('ReferralStatistics')
export class ReferralStatistics {
  @Field({ description: 'How the cells are counted and protected.' })
  method: string;

  @Field(() => [ReferralStatisticsDimension])
  groupBy: ReferralStatisticsDimension[];

  @Field(() => Int)
  suppressionThreshold: number;

  @Field(() => [ReferralStatisticsCell])
  cells: ReferralStatisticsCell[];

  @Field(() => GraphQLISODateTime, {
    description:
      'The moment the national table shows: referrals written after it are not counted yet. A table is reused for REFERRAL_STATISTICS_MAX_AGE_SECONDS (300 by default, 0: computed for every query), and for as long again served while a new one is computed: an answer is never more than twice that old (plus the time one computation takes).',
  })
  asOf: Date;
}
