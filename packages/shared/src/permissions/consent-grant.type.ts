import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { AgencyType } from '../domain/directory-vocabulary';
import { ConsentBasis, type ConsentFacts } from './access';
import { Tier } from './tiers';

registerEnumType(ConsentBasis, {
  name: 'ConsentBasis',
  description: 'Who gave consent (CHILD, CAREGIVER, COURT_ORDER), or the legal basis that replaces it (MANDATORY_REPORTING, for police).',
});
registerEnumType(Tier, { name: 'Tier', description: 'Sensitivity tier of a field (DESIGN.md "Sensitivity tiers").' });

/**
 * A live consent of a case as a fact for another subgraph's rules: the cases subgraph contributes
 * `Case.liveConsents`, and the referrals subgraph `@requires` it to decide the IDENTIFYING fields of a
 * referral for an agency that does not own the case (DESIGN.md rule 3). Clients never see it.
 */
@Directive('@shareable')
@Directive('@inaccessible')
@ObjectType('ConsentGrant')
export class ConsentGrant {
  @Field(() => ConsentBasis)
  basis: ConsentBasis;

  @Field(() => [ID])
  agencyIds: string[];

  @Field(() => [AgencyType])
  agencyTypes: AgencyType[];

  @Field(() => [Tier])
  tiers: Tier[];

  @Field(() => Date, { nullable: true })
  expiresAt: Date | null;
}

const isStringList = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string');

/**
 * Consent grants as an entity representation carries them (JSON: instants as strings), back as facts.
 * Anything malformed is dropped: a grant that cannot be read opens nothing.
 */
export function consentFactsFromRepresentation(value: unknown): ConsentFacts[] {
  if (!Array.isArray(value)) return [];
  const facts: ConsentFacts[] = [];
  for (const item of value as Array<Record<string, unknown> | null>) {
    if (!item || typeof item !== 'object') continue;
    const { basis, agencyIds, agencyTypes, tiers, expiresAt } = item;
    if (typeof basis !== 'string' || !isStringList(agencyIds) || !isStringList(agencyTypes) || !isStringList(tiers)) continue;
    const expiry = expiresAt === null || expiresAt === undefined ? null : new Date(String(expiresAt));
    if (expiry && Number.isNaN(expiry.getTime())) continue;
    facts.push({ basis: basis as ConsentBasis, agencyIds, agencyTypes, tiers: tiers as Tier[], expiresAt: expiry, revokedAt: null });
  }
  return facts;
}
