import { AgencyType, ConsentBasis, Tier } from '@kinga/shared';
import { Field, ID, ObjectType } from 'type-graphql';
import '../case/case.enums';
import type { Scoped } from '../case/case-scope';
import type { ConsentEntity } from './consent.entity';

@ObjectType('Consent', {
  description:
    'Permission for agencies that do not own a case to see some of its tiers: who gave it (or the legal basis), for whom, for what, until when.',
})
export class Consent {
  @Field(() => ID)
  id: string;

  @Field(() => ConsentBasis, { nullable: true, description: 'OPERATIONAL.' })
  basis: ConsentBasis | null;

  @Field(() => [ID], { nullable: true, description: 'Directory agency ids it covers. OPERATIONAL.' })
  agencyIds: string[] | null;

  @Field(() => [AgencyType], { nullable: true, description: 'Agency types it covers, e.g. every POLICE agency. OPERATIONAL.' })
  agencyTypes: AgencyType[] | null;

  @Field(() => [Tier], { nullable: true, description: 'Tiers it opens to those agencies. OPERATIONAL.' })
  tiers: Tier[] | null;

  @Field(() => String, {
    nullable: true,
    description: "What the data may be used for, in the officer's words, as every agency the consent names reads them. IDENTIFYING.",
  })
  purpose: string | null;

  @Field(() => Date, { nullable: true, description: 'OPERATIONAL.' })
  givenAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'No longer covers anyone from this instant. OPERATIONAL.' })
  expiresAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'OPERATIONAL.' })
  revokedAt: Date | null;

  @Field(() => String, { nullable: true, description: 'Why it was withdrawn. NARRATIVE.' })
  revocationReason: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Neither expired nor revoked now. OPERATIONAL.' })
  active: boolean | null;
}

export type ConsentView = ConsentEntity & Scoped;
