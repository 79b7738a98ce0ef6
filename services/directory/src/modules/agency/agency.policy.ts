import { forbidden, hasRole, isPublic, recordIdsInArguments, Role, type ShieldRule, type SubgraphContext } from '@kinga/shared';
import type { GraphQLResolveInfo } from 'graphql';
import { chain, rule } from 'graphql-shield';

/**
 * An agency spans counties (deactivating one closes its every desk in the country), so a directory
 * administrator whose token names counties, who keeps the entries of those counties, does not change agencies.
 */
const nationalAdministrator = rule('directory:nationalAdministrator', { cache: 'no_cache' })((
  _parent,
  args: unknown,
  ctx: SubgraphContext,
  info: GraphQLResolveInfo,
) => {
  if (ctx.caller && ctx.caller.counties.length === 0) return true;
  const refusal = forbidden('An agency spans counties: a national directory administrator (a token without counties) changes it', info);
  return ctx.audit.refuse('Agency', recordIdsInArguments(args), info.fieldName, refusal);
});
// In turn: a caller without the role is refused (and audited) once, by the role rule.
const agencyAdministrator: ShieldRule = chain(hasRole(Role.DIRECTORY_ADMIN), nationalAdministrator);

/** The directory is public; only its maintainers change it. */
export const agencyQueryRules = { agencies: isPublic, agency: isPublic };
export const agencyMutationRules: Record<string, ShieldRule> = {
  createAgency: agencyAdministrator,
  updateAgency: agencyAdministrator,
  deactivateAgency: agencyAdministrator,
  reactivateAgency: agencyAdministrator,
};
export const agencyTypeRules = { Agency: isPublic, AgencyConnection: isPublic, AgencyEdge: isPublic, AgencyPayload: isPublic };
