import { Arg, Ctx, Directive, Field, FieldResolver, ID, Int, ObjectType, Resolver, Root } from 'type-graphql';
import { badUserInput } from '../errors/errors';
import { LiveMetric } from '../domain/live-metric';
import { isPublic } from '../permissions/rules';
import { isKenyanCountyCode } from '../domain/counties';
import { reportingPeriod, type ObservedCounts, type ReportingPeriod } from '../statistics/observed-counts';

export interface ObservedIndicator {
  id: string;
  liveMetric: LiveMetric | null;
}

export interface ObservedIndicatorOptions<Ctx> {
  metric: LiveMetric;
  /** The field this subgraph contributes to `Indicator`, e.g. `observedCaseCount`. */
  field: string;
  /** What is counted, for the schema description. */
  counts: string;
  /** The published (suppressed) counts per county for a period, from its year's table (`publishObservedYear`); batch it per request. */
  load(ctx: Ctx, period: ReportingPeriod): Promise<ObservedCounts>;
}

/**
 * The `Indicator` entity (owned by programmes) as a subgraph that observes one of its live metrics sees it,
 * with a resolver contributing `<field>(year, quarter, countyCode): Int`, computed only for the indicators
 * linked to `metric` and published with small-number suppression (null where suppressed). The class is made
 * per subgraph: type-graphql attaches field resolvers to a class for every schema built in the process.
 */
export function observedIndicator<Ctx>(options: ObservedIndicatorOptions<Ctx>) {
  @Directive('@key(fields: "id")')
  @ObjectType('Indicator')
  class IndicatorType implements ObservedIndicator {
    @Field(() => ID)
    id: string;

    @Directive('@external')
    @Field(() => LiveMetric, { nullable: true })
    liveMetric: LiveMetric | null;
  }

  @Resolver(() => IndicatorType)
  class ObservedIndicatorResolver {
    @Directive('@requires(fields: "liveMetric")')
    @FieldResolver(() => Int, {
      name: options.field,
      nullable: true,
      description:
        `For an indicator whose liveMetric is ${options.metric}: ${options.counts} in the county (or nationally) and year or quarter, ` +
        'to set beside the reported figure. Null for other indicators, and where the count is suppressed (below 5, with ' +
        'complementary suppression across counties, quarters and the year, so that no hidden count follows from subtracting published ones; ' +
        'a complement may hide a zero).',
    })
    async observed(
      @Root() indicator: ObservedIndicator,
      @Arg('year', () => Int) year: number,
      @Arg('quarter', () => Int, { nullable: true }) quarter: number | null,
      @Arg('countyCode', () => String, { nullable: true, description: 'Omit for the national figure.' }) countyCode: string | null,
      @Ctx() ctx: Ctx,
    ): Promise<number | null> {
      if (countyCode && !isKenyanCountyCode(countyCode)) {
        throw badUserInput('countyCode must be one of the 47 county codes, e.g. "047"', 'countyCode');
      }
      const period = reportingPeriod(year, quarter);
      if (indicator.liveMetric !== options.metric) return null;
      const counts = await options.load(ctx, period);
      return countyCode ? (counts.byCounty.get(countyCode) ?? null) : counts.national;
    }
  }
  return {
    type: IndicatorType,
    resolver: ObservedIndicatorResolver,
    reference: {
      __resolveReference: (reference: { id: string; liveMetric?: LiveMetric | null }): ObservedIndicator => ({
        id: reference.id,
        liveMetric: reference.liveMetric ?? null,
      }),
    },
    /** Observed counts are suppressed aggregates: public, as DESIGN says of aggregates. */
    rules: { Indicator: isPublic },
  };
}
