import { hasRole, isPublic, Role } from '@kinga/shared';

export const serviceProviderQueryRules = { serviceProviders: isPublic, serviceProvider: isPublic };
export const serviceProviderMutationRules = {
  createServiceProvider: hasRole(Role.DIRECTORY_ADMIN),
  updateServiceProvider: hasRole(Role.DIRECTORY_ADMIN),
  deactivateServiceProvider: hasRole(Role.DIRECTORY_ADMIN),
};
export const serviceProviderTypeRules = {
  ServiceProvider: isPublic,
  ServiceProviderConnection: isPublic,
  ServiceProviderEdge: isPublic,
  ServiceProviderPayload: isPublic,
  OpeningHours: isPublic,
  OpeningWindow: isPublic,
  PageInfo: isPublic,
};
