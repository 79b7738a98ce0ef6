import { isPublic, rulesFromTierTable, Tier } from '@kinga/shared';
import { caseFacts } from '../case/case-scope';
import type { CaregiverView, ChildView } from './child.type';

/**
 * Who may see which field of a child: its tier, decided with the facts of the child's case. The date of
 * birth is IDENTIFYING; `ageBand` and `initials` are the OPERATIONAL stand-ins for it and for the name.
 */
export const CHILD_FIELD_TIERS = {
  id: Tier.OPERATIONAL,
  sex: Tier.OPERATIONAL,
  ageBand: Tier.OPERATIONAL,
  initials: Tier.OPERATIONAL,
  countyCode: Tier.OPERATIONAL,
  firstName: Tier.IDENTIFYING,
  middleName: Tier.IDENTIFYING,
  lastName: Tier.IDENTIFYING,
  dateOfBirth: Tier.IDENTIFYING,
  estimatedAgeYears: Tier.IDENTIFYING,
  subCounty: Tier.IDENTIFYING,
  location: Tier.IDENTIFYING,
  school: Tier.IDENTIFYING,
  birthCertificateNumber: Tier.IDENTIFYING,
  disability: Tier.IDENTIFYING,
  caregivers: Tier.IDENTIFYING,
  formerCaregivers: Tier.IDENTIFYING,
} as const satisfies Record<string, Tier>;

export const CAREGIVER_FIELD_TIERS = {
  name: Tier.IDENTIFYING,
  relationship: Tier.IDENTIFYING,
  phone: Tier.IDENTIFYING,
  // When, not who: the list it is in (`formerCaregivers`) is IDENTIFYING.
  removedAt: Tier.OPERATIONAL,
} as const satisfies Record<string, Tier>;

export const childTypeRules = {
  Child: rulesFromTierTable(CHILD_FIELD_TIERS, {
    recordType: 'Child',
    recordId: (c: ChildView) => c.id,
    facts: (c: ChildView, ctx) => caseFacts(c.scope, ctx),
  }),
  Caregiver: rulesFromTierTable(CAREGIVER_FIELD_TIERS, {
    recordType: 'Caregiver',
    recordId: (c: CaregiverView) => c.id,
    facts: (c: CaregiverView, ctx) => caseFacts(c.scope, ctx),
  }),
  // Reached only through `Child.formerCaregivers`, which decides; each caregiver's fields decide again.
  CaregiverConnection: isPublic,
  CaregiverEdge: isPublic,
};
