import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * The directory owns counties and agencies; this subgraph only knows their keys and adds fields to them
 * (`County.indicatorProgress`, `Agency.objectivesLed`, `Agency.progressReports`).
 */
@Directive('@key(fields: "code")')
@ObjectType('County')
export class CountyRef {
  @Field(() => ID)
  code: string;
}

@Directive('@key(fields: "id")')
@ObjectType('Agency')
export class AgencyRef {
  @Field(() => ID)
  id: string;
}
