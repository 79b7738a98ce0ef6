import { Role } from '../auth/roles';

/** Sensitivity tiers of DESIGN.md; every field that describes a child or a case carries one. */
export enum Tier {
  PUBLIC = 'PUBLIC',
  OPERATIONAL = 'OPERATIONAL',
  IDENTIFYING = 'IDENTIFYING',
  CLINICAL = 'CLINICAL',
  NARRATIVE = 'NARRATIVE',
}

export const ALL_TIERS = Object.values(Tier);

/** Tiers whose every read leaves an audit row. */
export const AUDITED_TIERS: ReadonlySet<Tier> = new Set([Tier.IDENTIFYING, Tier.CLINICAL, Tier.NARRATIVE]);

/**
 * Which tiers each role may read at all (rule 1 of DESIGN.md "Sensitivity tiers"). A role that may read a
 * tier still needs a relationship to the record, and consent where its agency does not own it.
 */
export const TIERS_BY_ROLE: Readonly<Record<Role, readonly Tier[]>> = {
  [Role.DCS_OFFICER]: [Tier.PUBLIC, Tier.OPERATIONAL, Tier.IDENTIFYING, Tier.CLINICAL, Tier.NARRATIVE],
  [Role.DCS_SUPERVISOR]: [Tier.PUBLIC, Tier.OPERATIONAL, Tier.IDENTIFYING, Tier.CLINICAL, Tier.NARRATIVE],
  [Role.POLICE_CPU]: [Tier.PUBLIC, Tier.OPERATIONAL, Tier.IDENTIFYING],
  [Role.GBVRC_CLINICIAN]: [Tier.PUBLIC, Tier.OPERATIONAL, Tier.IDENTIFYING, Tier.CLINICAL],
  [Role.NGO_CASEWORKER]: [Tier.PUBLIC, Tier.OPERATIONAL, Tier.IDENTIFYING],
  [Role.PARTNER_SYSTEM]: [Tier.PUBLIC, Tier.OPERATIONAL],
  [Role.PROGRAMME_OFFICER]: [Tier.PUBLIC],
  [Role.ANALYST]: [Tier.PUBLIC],
  [Role.DIRECTORY_ADMIN]: [Tier.PUBLIC],
  [Role.DATA_PROTECTION_OFFICER]: [Tier.PUBLIC],
};

export function roleMayReadTier(role: Role, tier: Tier): boolean {
  return TIERS_BY_ROLE[role].includes(tier);
}
