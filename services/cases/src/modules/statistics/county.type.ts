import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The directory's county; the cases subgraph adds `caseStatistics`. */
@Directive('@key(fields: "code")')
@ObjectType('County')
export class County {
  @Field(() => ID)
  code: string;
}
