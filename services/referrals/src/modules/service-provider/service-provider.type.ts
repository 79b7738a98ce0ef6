import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The directory owns service providers; referrals adds the referrals they sent and received. */
@Directive('@key(fields: "id")')
@ObjectType('ServiceProvider')
export class ServiceProvider {
  @Field(() => ID)
  id: string;
}
