import { hasRole, isPublic, Role } from '@kinga/shared';

/** The directory is public; only its maintainers change it. */
export const agencyQueryRules = { agencies: isPublic, agency: isPublic };
export const agencyMutationRules = {
  createAgency: hasRole(Role.DIRECTORY_ADMIN),
  updateAgency: hasRole(Role.DIRECTORY_ADMIN),
  deactivateAgency: hasRole(Role.DIRECTORY_ADMIN),
  reactivateAgency: hasRole(Role.DIRECTORY_ADMIN),
};
export const agencyTypeRules = { Agency: isPublic, AgencyConnection: isPublic, AgencyEdge: isPublic, AgencyPayload: isPublic };
