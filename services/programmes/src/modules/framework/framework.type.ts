import { LiveMetric } from '@kinga/shared';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Kes } from '../../common/kes.scalar';
import { IndicatorAggregation, IndicatorDirection, IndicatorUnit } from './framework.enums';

@ObjectType('ProgrammePlan', { description: 'A national plan of action: the NPA against SEC 2018-2022, and the plans after it.' })
export class ProgrammePlan {
  @Field(() => ID)
  id: string;

  @Field({ description: 'e.g. "NPA-SEC-2018-2022".' })
  code: string;

  @Field()
  name: string;

  @Field(() => String, { nullable: true, description: 'Where the matrix was transcribed from.' })
  source: string | null;

  @Field(() => Int)
  startYear: number;

  @Field(() => Int)
  endYear: number;

  @Field(() => [String], { description: 'Notes on the transcription of the matrix, as the data file gives them.' })
  notes: string[];
}

@ObjectType('ProgrammePlanAgency', { description: "An acronym of the plan's list of acronyms, with its expansion." })
export class ProgrammePlanAgency {
  @Field()
  acronym: string;

  @Field()
  name: string;

  @Field(() => String, { nullable: true, description: 'Whether the entry comes from the acronyms list or from the matrix.' })
  origin: string | null;
}

@ObjectType('ProgrammeFocusArea', { description: 'A thematic area of a plan, e.g. Prevention.' })
export class ProgrammeFocusArea {
  @Field(() => ID)
  id: string;

  @Field({ description: 'e.g. "PREVENTION".' })
  code: string;

  @Field()
  name: string;

  @Field(() => Int, { description: 'Order in the plan, from 1.' })
  position: number;

  @Field(() => [String], { description: 'The planned activities of the narrative section.' })
  plannedActivities: string[];

  @Field(() => String, { nullable: true, description: 'Why rows are missing or merged in the source, where they are.' })
  notes: string | null;

  planId: string;
}

@ObjectType('ProgrammeObjective', { description: 'An objective of the implementation matrix, with its activities and indicators.' })
export class ProgrammeObjective {
  @Field(() => ID)
  id: string;

  @Field({ description: 'e.g. "PREV-1".' })
  code: string;

  @Field(() => Int, { description: 'Order within its focus area, from 1.' })
  position: number;

  @Field(() => String, { nullable: true, description: 'Null where the objective text is unreadable in the source; never invented.' })
  title: string | null;

  @Field(() => String, { nullable: true, description: 'Merged or garbled rows of the source, explained.' })
  notes: string | null;

  @Field(() => [String])
  targetGroups: string[];

  @Field(() => [String], { description: 'Partners as the matrix writes them (free text).' })
  partners: string[];

  @Field(() => [String], { description: 'Expected results.' })
  results: string[];

  @Field(() => [String])
  resources: string[];

  @Field(() => Kes, { nullable: true, description: 'Indicative budget for the whole plan period, in KES.' })
  indicativeBudgetKes: number | null;

  @Field(() => Int, { nullable: true, description: 'First year of the timeline; null where the matrix gives none.' })
  timelineStart: number | null;

  @Field(() => Int, { nullable: true, description: 'Last year of the timeline.' })
  timelineEnd: number | null;

  focusAreaId: string;
  planId: string;
  leadAgencies: string[];
}

@ObjectType('ProgrammeActivity', { description: 'An activity of an objective in the implementation matrix.' })
export class ProgrammeActivity {
  @Field(() => ID)
  id: string;

  @Field(() => Int)
  position: number;

  @Field()
  description: string;

  objectiveId: string;
}

@Directive('@key(fields: "id")')
@ObjectType('Indicator', {
  description:
    'A performance indicator of an objective. Subgraphs that hold the underlying records contribute observed values where `liveMetric` is set.',
})
export class Indicator {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => IndicatorUnit)
  unit: IndicatorUnit;

  @Field(() => IndicatorDirection, { description: 'Whether more or less is better: how variance reads the actuals against the target.' })
  direction: IndicatorDirection;

  @Field(() => IndicatorAggregation, {
    description: 'For a COUNT: whether its quarters add up (FLOW) or the latest stands for the period (LEVEL).',
  })
  aggregation: IndicatorAggregation;

  @Field(() => Int, { description: 'Order within its objective, from 1.' })
  position: number;

  @Field(() => LiveMetric, { nullable: true, description: 'The figure Kinga computes from its own records for this indicator, if any.' })
  liveMetric: LiveMetric | null;

  objectiveId: string;
  planId: string;
}
