import { AgencyType, ConsentGrant } from '@kinga/shared';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * A sender or recipient of a referral of a case while its part lasts (`partiesInState`): the fact the cases subgraph's rules need
 * (DESIGN.md "Entities across subgraphs"). Clients never see it: only the gateway asks for it.
 */
@Directive('@shareable')
@Directive('@inaccessible')
@ObjectType('ReferralParty')
export class ReferralParty {
  @Field(() => ID)
  providerId: string;

  @Field(() => ID)
  agencyId: string;

  @Field(() => AgencyType, { nullable: true, description: 'The directory AgencyType of that agency, recorded when the referral was made.' })
  agencyType: AgencyType | null;
}

/** The cases subgraph owns cases; referrals adds their referrals and the parties of the open ones. */
@Directive('@key(fields: "id")')
@ObjectType('Case')
export class Case {
  @Field(() => ID)
  id: string;

  /** The cases subgraph's facts, carried by the gateway where a referral's rules `@requires` them. */
  @Directive('@external')
  @Field(() => [ConsentGrant])
  liveConsents?: ConsentGrant[];

  @Directive('@external')
  @Field(() => Boolean)
  subjectAccessGrant?: boolean;
}
