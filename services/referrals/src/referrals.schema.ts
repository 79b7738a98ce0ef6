import { buildFederatedSchema } from '@kinga/shared';
import { indicatorObservation } from './modules/indicator/indicator.resolver';
import type { GraphQLSchema } from 'graphql';
import { agencyTypeMutationRules, agencyTypeTypeRules } from './modules/agency-type/agency-type.policy';
import { AgencyTypeResolver } from './modules/agency-type/agency-type.resolver';
import { referralAuditTrail } from './modules/audit/referral-audit-trail';
import { caseReference, CaseResolver } from './modules/case/case.resolver';
import { erasureMutationRules, erasureTypeRules } from './modules/erasure/erasure.policy';
import { ErasureResolver } from './modules/erasure/erasure.resolver';
import { referralMutationRules, referralQueryRules, referralTypeRules } from './modules/referral/referral.policy';
import { referralReference, ReferralEventResolver, ReferralResolver } from './modules/referral/referral.resolver';
import { ServiceRecordResolver } from './modules/service-record/service-record.resolver';
import { serviceProviderReference, ServiceProviderReferralsResolver } from './modules/service-provider/service-provider.resolver';
import { statisticsQueryRules, statisticsTypeRules } from './modules/statistics/referral-statistics.policy';
import { ReferralStatisticsResolver } from './modules/statistics/referral-statistics.resolver';
import { subjectAccessTypeRules } from './modules/subject-access/subject-access.policy';
import { SubjectAccessRequestResolver, subjectAccessRequestReference } from './modules/subject-access/subject-access.resolver';
import { SubjectAccessRequest } from './modules/subject-access/subject-access.type';

export function buildReferralsSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    // Reached only through its field resolver and entity references, so named here.
    orphanedTypes: [indicatorObservation.type, SubjectAccessRequest],
    resolvers: [
      ReferralResolver,
      ReferralEventResolver,
      ServiceRecordResolver,
      CaseResolver,
      ServiceProviderReferralsResolver,
      ReferralStatisticsResolver,
      referralAuditTrail.resolver,
      SubjectAccessRequestResolver,
      ErasureResolver,
      AgencyTypeResolver,
      indicatorObservation.resolver,
    ],
    referenceResolvers: {
      Referral: referralReference,
      Case: caseReference,
      ServiceProvider: serviceProviderReference,
      Indicator: indicatorObservation.reference,
      SubjectAccessRequest: subjectAccessRequestReference,
    },
    permissions: {
      Query: { ...referralQueryRules, ...statisticsQueryRules, ...referralAuditTrail.queryRules },
      Mutation: { ...referralMutationRules, ...erasureMutationRules, ...agencyTypeMutationRules },
      ...referralTypeRules,
      ...statisticsTypeRules,
      ...referralAuditTrail.typeRules,
      ...subjectAccessTypeRules,
      ...erasureTypeRules,
      ...agencyTypeTypeRules,
      ...indicatorObservation.rules,
    },
  });
}
