import { z } from 'zod';
import { Role } from './roles';

const countyCode = z.string().regex(/^\d{3}$/, 'county codes are three digits, e.g. "047"');

/**
 * Roles whose reach is the counties they work in, so a token of theirs must say which: an empty list is national
 * (DESIGN.md), and an identity provider that forgot the claim must not make a county officer national. A
 * programme officer's drafts and reviews follow their counties too, and so does a directory maintainer's reach:
 * a national one may deactivate a whole agency, every police station of the country with it.
 */
const COUNTY_SCOPED_ROLES: ReadonlySet<Role> = new Set([
  Role.DCS_OFFICER,
  Role.DCS_SUPERVISOR,
  Role.PROGRAMME_OFFICER,
  Role.DIRECTORY_ADMIN,
]);

/**
 * Roles whose reach is the referrals of their service point (`providerId`), or of their agency for a machine
 * client (`agencyId`): a token without the claim reached nothing, silently: a partner's nightly sync reported
 * "nothing changed" for ever. Such a token is refused, naming the claim, as one without `counties` is.
 */
const PARTY_CLAIM_OF_ROLE: Partial<Record<Role, 'agencyId' | 'providerId'>> = {
  [Role.PARTNER_SYSTEM]: 'agencyId',
  [Role.POLICE_CPU]: 'providerId',
  [Role.GBVRC_CLINICIAN]: 'providerId',
  [Role.NGO_CASEWORKER]: 'providerId',
};

/** The claims of DESIGN.md "Caller identity", checked after the signature. */
export const callerClaimsSchema = z
  .object({
    sub: z.string().min(1),
    name: z.string().min(1),
    role: z.nativeEnum(Role),
    // PostgreSQL gives ids in lower case, and ownership and party are compared in code: an identity provider that
    // writes GUIDs in capitals (as .NET tooling does) must not lock its own officers out of their cases.
    agencyId: z.string().uuid().toLowerCase().optional(),
    providerId: z.string().uuid().toLowerCase().optional(),
    counties: z.array(countyCode).optional(),
  })
  .superRefine((claims, issue) => {
    if (claims.counties === undefined && COUNTY_SCOPED_ROLES.has(claims.role))
      issue.addIssue({ code: 'custom', path: ['counties'], message: `${claims.role} needs a counties claim ([] for national)` });
    const partyClaim = PARTY_CLAIM_OF_ROLE[claims.role];
    if (partyClaim && claims[partyClaim] === undefined)
      issue.addIssue({
        code: 'custom',
        path: [partyClaim],
        message: `${claims.role} needs ${partyClaim === 'agencyId' ? 'an agencyId claim: the agency it acts for' : 'a providerId claim: the service point the caller works at'}`,
      });
  })
  .transform((claims) => ({ ...claims, counties: claims.counties ?? [] }));

export type CallerClaims = z.input<typeof callerClaimsSchema>;

export interface Caller {
  readonly sub: string;
  readonly name: string;
  readonly role: Role;
  readonly agencyId?: string;
  readonly providerId?: string;
  /** County codes the caller works in; empty means national. */
  readonly counties: readonly string[];
}

export function worksInCounty(caller: Caller, county: string): boolean {
  return caller.counties.length === 0 || caller.counties.includes(county);
}
