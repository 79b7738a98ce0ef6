import {
  forbidden,
  hasRole,
  hasRoleForRecord,
  isPublic,
  Role,
  recordIdsInArguments,
  worksInCounty,
  type ShieldRule,
  type SubgraphContext,
} from '@kinga/shared';
import type { GraphQLResolveInfo } from 'graphql';
import { rule } from 'graphql-shield';
import { ProviderType, ServiceType } from './service-provider.enums';

/**
 * Who may know where a shelter is (a safe house, or any provider but a public office that offers a safe
 * shelter: a child protection centre, a children's home, an NGO's shelter) and how to reach it: those who place a child there or work a case
 * with one (DESIGN.md's referral parties), and the directory's maintainers. Its name, county, services and
 * hours stay public, so that it can be found to refer to; an abuser or trafficker looking for the children it
 * shelters must not be able to read its location from the public directory.
 */
export const SHELTER_WHEREABOUTS_ROLES: readonly Role[] = [
  Role.DCS_OFFICER,
  Role.DCS_SUPERVISOR,
  Role.POLICE_CPU,
  Role.GBVRC_CLINICIAN,
  Role.NGO_CASEWORKER,
  Role.DIRECTORY_ADMIN,
];

/** The fields of a provider that say where it is, how to reach it and how many children it holds. */
export const WHEREABOUTS_FIELDS = ['subCounty', 'address', 'phone', 'email', 'capacity'] as const;

export function mayKnowShelterWhereabouts(ctx: Pick<SubgraphContext, 'caller'>): boolean {
  return ctx.caller !== null && SHELTER_WHEREABOUTS_ROLES.includes(ctx.caller.role);
}

/** Public offices: their addresses are public whatever they offer (every police CPU offers a place of safety). */
const PUBLIC_OFFICE_TYPES: readonly ProviderType[] = [
  ProviderType.POLICE_CPU,
  ProviderType.CHILDREN_OFFICE,
  ProviderType.GBVRC,
  ProviderType.HOSPITAL,
];

/**
 * Places where children live: shelters by what they are, whatever services an administrator ticks (a children's
 * home registered without `SAFE_SHELTER`, or with it dropped later, must not become findable by its address).
 */
const RESIDENTIAL_TYPES: readonly ProviderType[] = [
  ProviderType.SAFE_HOUSE,
  ProviderType.CHARITABLE_CHILDREN_INSTITUTION,
  ProviderType.CHILD_PROTECTION_CENTRE,
  ProviderType.REHABILITATION_CENTRE,
];

export function isShelter(provider: { type: ProviderType; services: readonly ServiceType[] }): boolean {
  if (RESIDENTIAL_TYPES.includes(provider.type)) return true;
  return provider.services.includes(ServiceType.SAFE_SHELTER) && !PUBLIC_OFFICE_TYPES.includes(provider.type);
}

const sqlList = (types: readonly ProviderType[]) => types.map((t) => `'${t}'`).join(', ');

/** The same test in SQL, for a search that must not match a shelter's address for whoever may not read it. */
export const IS_SHELTER_SQL = `(type IN (${sqlList(RESIDENTIAL_TYPES)}) OR (services @> ARRAY['SAFE_SHELTER']::directory.service_type[] AND type NOT IN (${sqlList(PUBLIC_OFFICE_TYPES)})))`;

/** Public for every provider but a shelter; a shelter's reads are audited, its refusals too. */
const whereabouts: ShieldRule = rule('directory:whereabouts', { cache: 'no_cache' })((
  provider: { id: string; type: ProviderType; services: ServiceType[] },
  _args,
  ctx: SubgraphContext,
  info: GraphQLResolveInfo,
) => {
  if (!isShelter(provider)) return true;
  if (mayKnowShelterWhereabouts(ctx)) {
    ctx.audit.read('ServiceProvider', provider.id, info.fieldName);
    return true;
  }
  // FORBIDDEN for an anonymous caller too, as for every caller whose role does not refer children: signing in
  // opens it only to those (the message says so).
  const refusal = forbidden(
    ctx.caller
      ? "A shelter's location and contacts are for the agencies that refer children to it"
      : "A shelter's location and contacts are for the agencies that refer children to it: sign in as one",
    info,
  );
  return ctx.audit.refuse('ServiceProvider', provider.id, info.fieldName, refusal);
});

export const serviceProviderQueryRules = { serviceProviders: isPublic, serviceProvider: isPublic };
export const serviceProviderMutationRules = {
  // A provider not yet made has no trail of its own: a refused attempt is on its agency's.
  createServiceProvider: hasRoleForRecord([Role.DIRECTORY_ADMIN], {
    recordType: 'Agency',
    findRecordId: async (args) => recordIdsInArguments(args, ['agencyId'])[0] ?? null,
  }),
  updateServiceProvider: hasRole(Role.DIRECTORY_ADMIN),
  deactivateServiceProvider: hasRole(Role.DIRECTORY_ADMIN),
  reactivateServiceProvider: hasRole(Role.DIRECTORY_ADMIN),
};
export const serviceProviderTypeRules = {
  ServiceProvider: {
    ...Object.fromEntries(
      ['id', 'name', 'type', 'services', 'acceptingReferrals', 'active', 'isDemo', 'agency', 'county', 'openingHours'].map((field) => [
        field,
        isPublic,
      ]),
    ),
    ...Object.fromEntries(WHEREABOUTS_FIELDS.map((field) => [field, whereabouts])),
  },
  ServiceProviderConnection: isPublic,
  ServiceProviderEdge: isPublic,
  ServiceProviderPayload: isPublic,
  OpeningHours: isPublic,
  OpeningWindow: isPublic,
  PageInfo: isPublic,
};

/**
 * A directory administrator whose token names counties keeps the entries of those counties only (DESIGN.md:
 * `counties` is where the caller works, `[]` national). Refused, the attempt is on the trail of `record`: the
 * provider, or for one not yet made its agency (as the role rule on createServiceProvider does).
 */
export function assertAdministersCounty(
  ctx: SubgraphContext,
  mutation: string,
  countyCode: string,
  record: { type: 'ServiceProvider' | 'Agency'; id: string | null },
  field = 'input.countyCode',
): void {
  if (ctx.caller && worksInCounty(ctx.caller, countyCode)) return;
  const refusal = forbidden(`${field}: this service provider is in a county your token does not name`);
  throw ctx.audit.refuse(record.type, record.id, mutation, refusal);
}
