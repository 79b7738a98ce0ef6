import { buildFederatedSchema } from '@kinga/shared';
import type { GraphQLSchema } from 'graphql';
import { directoryAuditTrail } from './modules/audit/directory-audit-trail';
import { agencyMutationRules, agencyQueryRules, agencyTypeRules } from './modules/agency/agency.policy';
import { agencyReference, AgencyResolver } from './modules/agency/agency.resolver';
import { countyQueryRules, countyTypeRules } from './modules/county/county.policy';
import { countyReference, CountyResolver } from './modules/county/county.resolver';
import {
  serviceProviderMutationRules,
  serviceProviderQueryRules,
  serviceProviderTypeRules,
} from './modules/service-provider/service-provider.policy';
import { serviceProviderReference, ServiceProviderResolver } from './modules/service-provider/service-provider.resolver';

export function buildDirectorySchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [CountyResolver, AgencyResolver, ServiceProviderResolver, directoryAuditTrail.resolver],
    referenceResolvers: { County: countyReference, Agency: agencyReference, ServiceProvider: serviceProviderReference },
    permissions: {
      Query: { ...countyQueryRules, ...agencyQueryRules, ...serviceProviderQueryRules, ...directoryAuditTrail.queryRules },
      Mutation: { ...agencyMutationRules, ...serviceProviderMutationRules },
      ...countyTypeRules,
      ...agencyTypeRules,
      ...serviceProviderTypeRules,
      ...directoryAuditTrail.typeRules,
    },
  });
}
