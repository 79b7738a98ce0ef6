import { forbidden, isPublic, recordIdsInArguments, Role, unauthenticated, type ShieldRule, type SubgraphContext } from '@kinga/shared';
import type { GraphQLResolveInfo } from 'graphql';
import { chain, rule, type IRules } from 'graphql-shield';
import { programmeAuditTrail } from './modules/audit/programmes-audit-trail';
import { isAboutChildrenHarmed } from './modules/framework/child-figures';
import type { ProgrammesContext } from './programmes.context';
import { canSeeReport, isNccsProgrammeOfficer, worksOnReport } from './modules/report/report.access';
import type { ProgressReportEntity, ProgressReportEventEntity } from './modules/report/report.entity';

/** NCCS programme officers: targets, reviews and agency links. Refusals are audited, each field (so not cached: hasRole). */
export const isNccsOfficer: ShieldRule = rule('programmes:isNccsProgrammeOfficer', { cache: 'no_cache' })((
  _parent,
  args: unknown,
  ctx: SubgraphContext,
  info: GraphQLResolveInfo,
) => {
  const context = ctx as ProgrammesContext;
  if (isNccsProgrammeOfficer(context.caller, context.settings.nccsAgencyId)) return true;
  const refusal = context.caller ? forbidden('Only NCCS programme officers may do this') : unauthenticated('Sign in to use this');
  return context.audit.refuse(info.parentType.name, recordIdsInArguments(args), info.fieldName, refusal);
});

/** Any agency's programme officer (which report they may touch is decided with the report, in the service). */
export const isProgrammeOfficer: ShieldRule = rule('programmes:isProgrammeOfficer', { cache: 'no_cache' })((
  _parent,
  args: unknown,
  ctx: SubgraphContext,
  info: GraphQLResolveInfo,
) => {
  if (ctx.caller?.role === Role.PROGRAMME_OFFICER && ctx.caller.agencyId) return true;
  const refusal = ctx.caller ? forbidden("This needs an agency's PROGRAMME_OFFICER role") : unauthenticated('Sign in to use this');
  return ctx.audit.refuse(info.parentType.name, recordIdsInArguments(args), info.fieldName, refusal);
});

/** Approved reports are public; the others belong to their agency and NCCS (the same test the lists apply in SQL). */
export const canSeeProgressReport: ShieldRule = rule('programmes:canSeeProgressReport', { cache: 'no_cache' })((
  parent: ProgressReportEntity,
  _args,
  ctx: SubgraphContext,
  info: GraphQLResolveInfo,
) => {
  const context = ctx as ProgrammesContext;
  if (canSeeReport(context.caller, context.settings.nccsAgencyId, parent)) return true;
  const refusal = context.caller
    ? forbidden('Only the reporting agency and NCCS see a report before it is approved')
    : unauthenticated('Sign in to see this');
  return context.audit.refuse('ProgressReport', parent.id, info.fieldName, refusal);
});

/**
 * Whether the caller may read what a report line says of children harmed, on the line's indicator: those whose
 * work the line is (`worksOnReport`). Their read is on the report's trail, as a refusal to anyone else is: it can
 * be a child or two, and its words can describe them. Other programme officers get aggregates (variance).
 */
async function readsChildrenHarmedFigures(
  context: ProgrammesContext,
  report: { id: string; indicatorId: string; agencyId: string; countyCode: string },
  fieldName: string,
): Promise<true | Error> {
  const indicator = await context.loaders.indicator.load(report.indicatorId);
  if (indicator && !isAboutChildrenHarmed(indicator)) return true;
  if (worksOnReport(context.caller, context.settings.nccsAgencyId, report)) {
    context.audit.read('ProgressReport', report.id, fieldName);
    return true;
  }
  // FORBIDDEN to anonymous callers too, as to anyone whose work the line is not: signing in does not open it.
  const refusal = forbidden(
    `Only NCCS and the reporting agency's programme officers in its county see ${fieldName} of a report line about children harmed; the figures are in variance`,
  );
  return context.audit.refuse('ProgressReport', report.id, fieldName, refusal);
}

/**
 * What a report line says of children harmed (its value, denominator, narrative and evidence, on an indicator
 * that counts them) is for those who write and review it: one agency's figure for one county and quarter can be
 * a child or two, and its words can describe them.
 */
export const seesChildrenHarmedLine: ShieldRule = rule('programmes:seesChildrenHarmedLine', { cache: 'no_cache' })(
  (parent: ProgressReportEntity, _args, ctx: SubgraphContext, info: GraphQLResolveInfo) =>
    readsChildrenHarmedFigures(ctx as ProgrammesContext, parent, info.fieldName),
);

/** A step's comment (NCCS returning or approving a line) follows the line's figure: it can quote it. */
const seesChildrenHarmedStepComment: ShieldRule = rule('programmes:seesChildrenHarmedStepComment', { cache: 'no_cache' })(async (
  parent: ProgressReportEventEntity,
  _args,
  ctx: SubgraphContext,
  info: GraphQLResolveInfo,
) => {
  const context = ctx as ProgrammesContext;
  const report = await context.loaders.report.load(parent.reportId);
  if (!report) return forbidden('The report of this step is not found');
  return readsChildrenHarmedFigures(context, report, `history.${info.fieldName}`);
});

// In turn, not at once (and()): a refused report must not be recorded as read by the second rule.
const reportFigureAboutChildren = chain(canSeeProgressReport, seesChildrenHarmedLine);

/** Deny by default: every type of this subgraph is named here. The framework and approved figures are public. */
export const programmesPermissions: IRules = {
  Query: {
    programmePlans: isPublic,
    programmePlan: isPublic,
    focusAreas: isPublic,
    programmeObjective: isPublic,
    indicator: isPublic,
    variance: isPublic,
    programmeTargets: isPublic,
    // Visibility of each report is decided in SQL for lists and by the ProgressReport rule for every field.
    progressReports: isPublic,
    progressReport: isPublic,
    ...programmeAuditTrail.queryRules,
  },
  Mutation: {
    setProgrammeTarget: isNccsOfficer,
    linkProgrammeAgency: isNccsOfficer,
    returnProgressReport: isNccsOfficer,
    approveProgressReport: isNccsOfficer,
    createProgressReport: isProgrammeOfficer,
    updateProgressReport: isProgrammeOfficer,
    submitProgressReport: isProgrammeOfficer,
    reviseProgressReport: isProgrammeOfficer,
  },
  ProgrammePlan: isPublic,
  ProgrammePlanAgency: isPublic,
  ProgrammeFocusArea: isPublic,
  ProgrammeObjective: isPublic,
  ProgrammeActivity: isPublic,
  Indicator: isPublic,
  ProgrammePeriod: isPublic,
  ProgrammeTarget: isPublic,
  ProgrammeTargetConnection: isPublic,
  ProgrammeTargetEdge: isPublic,
  ProgrammeTargetPayload: isPublic,
  ProgrammeAgencyLink: isPublic,
  ProgrammeAgencyLinkPayload: isPublic,
  IndicatorVariance: isPublic,
  VarianceStatusCounts: isPublic,
  AchievementCounts: isPublic,
  ObjectiveVariance: isPublic,
  FocusAreaVariance: isPublic,
  County: isPublic,
  Agency: isPublic,
  PageInfo: isPublic,
  ProgressReport: {
    '*': canSeeProgressReport,
    actualValue: reportFigureAboutChildren,
    denominator: reportFigureAboutChildren,
    narrative: reportFigureAboutChildren,
    evidence: reportFigureAboutChildren,
    // NCCS's comment can quote the figure it approves or returns.
    reviewComment: reportFigureAboutChildren,
  },
  ProgressReportConnection: isPublic,
  ProgressReportEdge: isPublic,
  ProgressReportPayload: isPublic,
  // Reached only through a report the caller may see; `history` filters the steps themselves.
  ProgressReportEvent: { '*': isPublic, comment: seesChildrenHarmedStepComment },
  ProgressReportEventConnection: isPublic,
  ProgressReportEventEdge: isPublic,
  ...programmeAuditTrail.typeRules,
};
