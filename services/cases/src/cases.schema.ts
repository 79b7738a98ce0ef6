import { buildFederatedSchema } from '@kinga/shared';
import type { GraphQLSchema } from 'graphql';
import { caseAuditTrail } from './modules/audit/audit-trail';
import { caseMutationRules, caseQueryRules, caseTypeRules } from './modules/case/case.policy';
import { caseReference } from './modules/case/case.reference';
import { CaseResolver } from './modules/case/case.resolver';
import { childTypeRules } from './modules/child/child.policy';
import { ChildResolver } from './modules/child/child.resolver';
import { consentTypeRules } from './modules/consent/consent.policy';
import { ConsentMutationResolver, ConsentResolver } from './modules/consent/consent.resolver';
import { erasureMutationRules, erasureQueryRules, erasureTypeRules } from './modules/erasure/erasure.policy';
import { ErasureRequestResolver } from './modules/erasure/erasure.resolver';
import { indicatorObservation } from './modules/indicator/indicator.resolver';
import { caseNoteTypeRules } from './modules/note/case-note.policy';
import { statisticsQueryRules, statisticsTypeRules } from './modules/statistics/statistics.policy';
import {
  subjectAccessMutationRules,
  subjectAccessQueryRules,
  subjectAccessTypeRules,
} from './modules/subject-access/subject-access.policy';
import { SubjectAccessRequestResolver, subjectAccessRequestReference } from './modules/subject-access/subject-access.resolver';
import { subjectSearchQueryRules, subjectSearchTypeRules } from './modules/subject-search/subject-search.policy';
import { DataSubjectSearchResolver } from './modules/subject-search/subject-search.resolver';
import {
  CaseStatisticsColumnsResolver,
  CountyStatisticsResolver,
  countyReference,
  StatisticsResolver,
} from './modules/statistics/statistics.resolver';

export function buildCasesSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    // Reached only through its field resolver and entity references, so named here.
    orphanedTypes: [indicatorObservation.type],
    resolvers: [
      CaseResolver,
      ChildResolver,
      ConsentResolver,
      ConsentMutationResolver,
      StatisticsResolver,
      CaseStatisticsColumnsResolver,
      CountyStatisticsResolver,
      caseAuditTrail.resolver,
      SubjectAccessRequestResolver,
      ErasureRequestResolver,
      DataSubjectSearchResolver,
      indicatorObservation.resolver,
    ],
    referenceResolvers: {
      Case: caseReference,
      County: countyReference,
      Indicator: indicatorObservation.reference,
      SubjectAccessRequest: subjectAccessRequestReference,
    },
    permissions: {
      Query: {
        ...caseQueryRules,
        ...statisticsQueryRules,
        ...caseAuditTrail.queryRules,
        ...subjectAccessQueryRules,
        ...erasureQueryRules,
        ...subjectSearchQueryRules,
      },
      Mutation: { ...caseMutationRules, ...subjectAccessMutationRules, ...erasureMutationRules },
      ...caseTypeRules,
      ...childTypeRules,
      ...consentTypeRules,
      ...caseNoteTypeRules,
      ...statisticsTypeRules,
      ...caseAuditTrail.typeRules,
      ...subjectAccessTypeRules,
      ...erasureTypeRules,
      ...subjectSearchTypeRules,
      ...indicatorObservation.rules,
    },
  });
}
