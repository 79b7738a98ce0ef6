import { AgencyType } from '@kinga/shared';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The directory's agency: the cases subgraph only names it by id. */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('Agency')
export class AgencyReference {
  @Field(() => ID)
  id: string;
}

/** The directory's service point: the cases subgraph only names it by id. */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType('ServiceProvider')
export class ServiceProviderReference {
  @Field(() => ID)
  id: string;
}

/**
 * A provider and agency that is a party to a case through one of its referrals. Contributed by the
 * referrals subgraph (`Case.referralParties`), never visible to clients; the cases subgraph receives it in
 * entity representations and decides with it.
 */
@Directive('@shareable')
@Directive('@inaccessible')
@ObjectType('ReferralParty')
export class ReferralPartyType {
  @Field(() => ID)
  providerId: string;

  @Field(() => ID)
  agencyId: string;

  @Field(() => AgencyType, { nullable: true })
  agencyType: AgencyType | null;
}
