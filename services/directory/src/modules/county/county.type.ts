import { Directive, Field, ID, ObjectType } from 'type-graphql';

@Directive('@key(fields: "code")')
@ObjectType('County', { description: 'One of the 47 counties of Kenya (Constitution of Kenya 2010, First Schedule).' })
export class County {
  @Field(() => ID, { description: 'Official three-digit code, e.g. "047" for Nairobi.' })
  code: string;

  @Field()
  name: string;

  @Field({ description: 'Former province, e.g. "Coast".' })
  region: string;
}
