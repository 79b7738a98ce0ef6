import { isPublic, rulesFromTierTable, Tier } from '@kinga/shared';
import { caseFacts } from '../case/case-scope';
import type { ConsentView } from './consent.type';

/**
 * A consent is about the sharing, not the child, so a party it covers may read it (OPERATIONAL) and know
 * what it may do with the data. Its purpose is the officer's own words, which can name the family, so it is
 * read (and audited) as IDENTIFYING; why it was withdrawn can tell a story about the family (NARRATIVE).
 */
export const CONSENT_FIELD_TIERS = {
  id: Tier.OPERATIONAL,
  basis: Tier.OPERATIONAL,
  agencyIds: Tier.OPERATIONAL,
  agencyTypes: Tier.OPERATIONAL,
  tiers: Tier.OPERATIONAL,
  purpose: Tier.IDENTIFYING,
  givenAt: Tier.OPERATIONAL,
  expiresAt: Tier.OPERATIONAL,
  revokedAt: Tier.OPERATIONAL,
  active: Tier.OPERATIONAL,
  revocationReason: Tier.NARRATIVE,
} as const satisfies Record<string, Tier>;

export const consentTypeRules = {
  Consent: rulesFromTierTable(CONSENT_FIELD_TIERS, {
    recordType: 'Consent',
    recordId: (c: ConsentView) => c.id,
    facts: (c: ConsentView, ctx) => caseFacts(c.scope, ctx),
  }),
  ConsentPayload: isPublic,
};
