import { buildFederatedSchema } from '@kinga/shared';
import { programmeAuditTrail } from './modules/audit/programmes-audit-trail';
import type { GraphQLSchema } from 'graphql';
import {
  AgencyProgrammesResolver,
  agencyReference,
  CountyProgrammesResolver,
  countyReference,
} from './modules/federation/federation.resolver';
import { AgencyLinkResolver } from './modules/framework/framework-mutation.resolver';
import {
  FocusAreaResolver,
  IndicatorResolver,
  indicatorReference,
  ObjectiveResolver,
  PlanResolver,
} from './modules/framework/framework.resolver';
import { ProgressReportEventResolver, ProgressReportResolver } from './modules/report/report.resolver';
import { TargetResolver } from './modules/target/target.resolver';
import { FocusAreaVarianceResolver, ObjectiveVarianceResolver, VarianceResolver } from './modules/variance/variance.resolver';
import { programmesPermissions } from './programmes.policy';

export function buildProgrammesSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [
      PlanResolver,
      FocusAreaResolver,
      ObjectiveResolver,
      IndicatorResolver,
      AgencyLinkResolver,
      TargetResolver,
      ProgressReportResolver,
      ProgressReportEventResolver,
      VarianceResolver,
      ObjectiveVarianceResolver,
      FocusAreaVarianceResolver,
      CountyProgrammesResolver,
      AgencyProgrammesResolver,
      programmeAuditTrail.resolver,
    ],
    referenceResolvers: { Indicator: indicatorReference, County: countyReference, Agency: agencyReference },
    permissions: programmesPermissions,
  });
}
