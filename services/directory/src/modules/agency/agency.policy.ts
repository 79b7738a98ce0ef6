import { isPublic, nationalDirectoryAdministrator, type ShieldRule } from '@kinga/shared';

/** The directory is public; only its maintainers change it. */
export const agencyQueryRules = { agencies: isPublic, agency: isPublic };
export const agencyMutationRules: Record<string, ShieldRule> = {
  createAgency: nationalDirectoryAdministrator,
  updateAgency: nationalDirectoryAdministrator,
  deactivateAgency: nationalDirectoryAdministrator,
  reactivateAgency: nationalDirectoryAdministrator,
};
export const agencyTypeRules = { Agency: isPublic, AgencyConnection: isPublic, AgencyEdge: isPublic, AgencyPayload: isPublic };
