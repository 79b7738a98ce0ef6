import { decodePageCursor, PageArgs, pageSize, type ConnectionShape } from '@kinga/shared';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { checkId } from '../../common/ids';
import { ProgrammePeriod } from '../../common/period';
import type { ProgrammesContext } from '../../programmes.context';
import type { IndicatorEntity } from '../framework/framework.entity';
import { Indicator } from '../framework/framework.type';
import { AgencyRef, CountyRef } from '../federation/federation.types';
import { canSeeReport } from './report.access';
import type { ProgressReportEntity, ProgressReportEventEntity } from './report.entity';
import { ProgressReportStatus } from './report.enums';
import {
  ApproveProgressReportInput,
  CreateProgressReportInput,
  ProgressReportFilter,
  ProgressReportIdInput,
  ReturnProgressReportInput,
  UpdateProgressReportInput,
} from './report.input';
import {
  approveProgressReport,
  createProgressReport,
  listProgressReports,
  returnProgressReport,
  reviseProgressReport,
  submitProgressReport,
  updateProgressReport,
} from './report.service';
import { REPORT_LINE_STEPS } from './report.loader';
import {
  ProgressReport,
  ProgressReportConnection,
  ProgressReportEvent,
  ProgressReportEventConnection,
  ProgressReportPayload,
} from './report.type';

@Resolver(() => ProgressReport)
export class ProgressReportResolver {
  @Query(() => ProgressReportConnection, {
    description: 'Progress reports, oldest first: approved ones for everyone; the others for their agency and NCCS.',
  })
  progressReports(
    @Arg('filter', () => ProgressReportFilter, { nullable: true }) filter: ProgressReportFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: ProgrammesContext,
  ) {
    return listProgressReports(ctx, filter, page);
  }

  @Query(() => ProgressReport, { nullable: true })
  progressReport(@Arg('id', () => ID) id: string, @Ctx() ctx: ProgrammesContext): Promise<ProgressReportEntity | null> {
    return ctx.loaders.report.load(checkId(id, 'id', 'a progress report'));
  }

  @Mutation(() => ProgressReportPayload, {
    description: "An agency's programme officer starts a DRAFT report for an indicator, county and quarter.",
  })
  async createProgressReport(
    @Arg('input', () => CreateProgressReportInput) input: CreateProgressReportInput,
    @Ctx() ctx: ProgrammesContext,
  ): Promise<ProgressReportPayload> {
    return { report: await createProgressReport(ctx, input) };
  }

  @Mutation(() => ProgressReportPayload, { description: 'The reporting agency changes its DRAFT or RETURNED report.' })
  async updateProgressReport(
    @Arg('input', () => UpdateProgressReportInput) input: UpdateProgressReportInput,
    @Ctx() ctx: ProgrammesContext,
  ): Promise<ProgressReportPayload> {
    return { report: await updateProgressReport(ctx, input) };
  }

  @Mutation(() => ProgressReportPayload, { description: 'The reporting agency sends its DRAFT or RETURNED report to NCCS.' })
  async submitProgressReport(
    @Arg('input', () => ProgressReportIdInput) input: ProgressReportIdInput,
    @Ctx() ctx: ProgrammesContext,
  ): Promise<ProgressReportPayload> {
    return { report: await submitProgressReport(ctx, input) };
  }

  @Mutation(() => ProgressReportPayload, { description: 'NCCS sends a SUBMITTED report back, saying what to correct.' })
  async returnProgressReport(
    @Arg('input', () => ReturnProgressReportInput) input: ReturnProgressReportInput,
    @Ctx() ctx: ProgrammesContext,
  ): Promise<ProgressReportPayload> {
    return { report: await returnProgressReport(ctx, input) };
  }

  @Mutation(() => ProgressReportPayload, { description: 'NCCS approves a SUBMITTED report: it becomes public and counts in variance.' })
  async approveProgressReport(
    @Arg('input', () => ApproveProgressReportInput) input: ApproveProgressReportInput,
    @Ctx() ctx: ProgrammesContext,
  ): Promise<ProgressReportPayload> {
    return { report: await approveProgressReport(ctx, input) };
  }

  @Mutation(() => ProgressReportPayload, {
    description:
      'The reporting agency corrects an APPROVED report: a new DRAFT version; the approved one counts until the new one is approved.',
  })
  async reviseProgressReport(
    @Arg('input', () => ProgressReportIdInput) input: ProgressReportIdInput,
    @Ctx() ctx: ProgrammesContext,
  ): Promise<ProgressReportPayload> {
    return { report: await reviseProgressReport(ctx, input) };
  }

  @FieldResolver(() => Indicator)
  indicator(@Root() report: ProgressReportEntity, @Ctx() ctx: ProgrammesContext): Promise<IndicatorEntity | null> {
    return ctx.loaders.indicator.load(report.indicatorId);
  }

  @FieldResolver(() => AgencyRef, { description: 'The reporting agency.' })
  agency(@Root() report: ProgressReportEntity): AgencyRef {
    return { id: report.agencyId };
  }

  @FieldResolver(() => CountyRef)
  county(@Root() report: ProgressReportEntity): CountyRef {
    return { code: report.countyCode };
  }

  @FieldResolver(() => ProgrammePeriod)
  period(@Root() report: ProgressReportEntity): ProgrammePeriod {
    return { year: report.year, quarter: report.quarter };
  }

  @FieldResolver(() => Boolean, {
    description:
      'True for an APPROVED version that a newer approved version of the same line replaces: it no longer counts in variance or spend. Adding up reports, take those where this is false (or filter on `superseded: false`).',
  })
  async superseded(@Root() report: ProgressReportEntity, @Ctx() ctx: ProgrammesContext): Promise<boolean> {
    if (report.status !== ProgressReportStatus.APPROVED) return false;
    const versions = await ctx.loaders.reportVersionsByLineage.load(report.lineageId);
    return versions.some((version) => version.status === ProgressReportStatus.APPROVED && version.version > report.version);
  }

  @FieldResolver(() => [ProgressReport], { description: 'Every version of this report line the caller may see, oldest first.' })
  async versions(@Root() report: ProgressReportEntity, @Ctx() ctx: ProgrammesContext): Promise<ProgressReportEntity[]> {
    const versions = await ctx.loaders.reportVersionsByLineage.load(report.lineageId);
    return versions.filter((version) => canSeeReport(ctx.caller, ctx.settings.nccsAgencyId, version));
  }

  @FieldResolver(() => ProgressReportEventConnection, {
    description: 'The steps of this report line, oldest first: all of them for its agency and NCCS, the approvals for everyone else.',
  })
  async history(
    @Root() report: ProgressReportEntity,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: ProgrammesContext,
  ): Promise<ConnectionShape<ProgressReportEventEntity>> {
    // Whoever may see this agency's working reports sees every step; everyone else the approvals only.
    const seesWorkingSteps = canSeeReport(ctx.caller, ctx.settings.nccsAgencyId, {
      status: ProgressReportStatus.DRAFT,
      agencyId: report.agencyId,
      countyCode: report.countyCode,
    });
    const steps = seesWorkingSteps ? 'all' : 'approvals';
    return ctx.loaders
      .reportStepPage(steps, pageSize(page.first), decodePageCursor(REPORT_LINE_STEPS[steps], page.after))
      .load(report.lineageId);
  }
}

@Resolver(() => ProgressReportEvent)
export class ProgressReportEventResolver {
  @FieldResolver(() => AgencyRef, { nullable: true, description: 'The agency of whoever took the step.' })
  actorAgency(@Root() event: ProgressReportEventEntity): AgencyRef | null {
    return event.actorAgencyId ? { id: event.actorAgencyId } : null;
  }
}
