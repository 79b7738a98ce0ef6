import { z } from 'zod';
import { Role } from './roles';

const countyCode = z.string().regex(/^\d{3}$/, 'county codes are three digits, e.g. "047"');

/** The claims of DESIGN.md "Caller identity", checked after the signature. */
export const callerClaimsSchema = z.object({
  sub: z.string().min(1),
  name: z.string().min(1),
  role: z.nativeEnum(Role),
  agencyId: z.string().uuid().optional(),
  providerId: z.string().uuid().optional(),
  counties: z.array(countyCode).default([]),
});

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
