import { Connection } from '@kinga/shared';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { ProviderType, ServiceType, Weekday } from './service-provider.enums';

@ObjectType('OpeningWindow', { description: 'Open from `opens` until `closes` on `day`, in Kenyan time (EAT).' })
export class OpeningWindow {
  @Field(() => Weekday)
  day: Weekday;

  @Field({ description: '"HH:MM", 24-hour clock.' })
  opens: string;

  @Field({ description: '"HH:MM", 24-hour clock; later than `opens`; "24:00" for a window that runs to midnight.' })
  closes: string;
}

@ObjectType('OpeningHours')
export class OpeningHours {
  @Field({ description: 'Open day and night, every day (24/7).' })
  open24Hours: boolean;

  @Field(() => [OpeningWindow], { description: 'Weekly windows; empty when open 24/7.' })
  weekly: OpeningWindow[];

  @Field({ description: 'Open at the moment of the request, by these hours.' })
  openNow: boolean;

  @Field(() => Date, {
    nullable: true,
    description:
      'When it next opens, if closed now (within the coming week): an emergency referral sent to it waits until then. Null when open now.',
  })
  opensNext: Date | null;
}

@Directive('@key(fields: "id")')
@ObjectType('ServiceProvider', {
  description: 'A service point: a children office, a police CPU, a GBV recovery centre, a helpline, an NGO programme.',
})
export class ServiceProvider {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => ProviderType)
  type: ProviderType;

  @Field(() => String, { nullable: true })
  subCounty: string | null;

  @Field(() => String, { nullable: true })
  address: string | null;

  @Field(() => String, { nullable: true })
  phone: string | null;

  @Field(() => String, { nullable: true })
  email: string | null;

  @Field(() => [ServiceType])
  services: ServiceType[];

  @Field(() => Int, { nullable: true, description: 'How many children it can take at once, where that applies (shelters, centres).' })
  capacity: number | null;

  @Field()
  acceptingReferrals: boolean;

  @Field()
  active: boolean;

  @Field({ description: 'True for invented entries of the demo data set.' })
  isDemo: boolean;

  /** Foreign keys, resolved to `agency` and `county` by field resolvers. */
  agencyId: string;
  countyCode: string;
  open24Hours: boolean;
}

@ObjectType('ServiceProviderConnection')
export class ServiceProviderConnection extends Connection(ServiceProvider, 'ServiceProvider') {}
