import { Connection } from '@kinga/shared';
import { Field, Float, ID, ObjectType } from 'type-graphql';

@ObjectType('ProgrammeTarget', { description: 'What NCCS aims for on an indicator in a county (or nationally) in a year or quarter.' })
export class ProgrammeTarget {
  @Field(() => ID)
  id: string;

  @Field(() => String, { nullable: true, description: 'Three-digit county code; null for the national target.' })
  countyCode: string | null;

  @Field(() => Float, { nullable: true, description: 'Where the indicator stood before the period.' })
  baseline: number | null;

  @Field(() => Float)
  targetValue: number;

  @Field()
  setAt: Date;

  indicatorId: string;
  year: number;
  quarter: number | null;
}

@ObjectType('ProgrammeTargetConnection')
export class ProgrammeTargetConnection extends Connection(ProgrammeTarget, 'ProgrammeTarget') {}

@ObjectType('ProgrammeTargetPayload')
export class ProgrammeTargetPayload {
  @Field(() => ProgrammeTarget)
  target: ProgrammeTarget;
}
