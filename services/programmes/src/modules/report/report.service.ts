import {
  checkFilterList,
  badUserInput,
  conflict,
  decodeTypedCursor,
  forbidden,
  isUniqueViolation,
  notFound,
  pageSize,
  Role,
  toConnection,
  unauthenticated,
  validateInput,
  type ConnectionShape,
  type PageArgs,
} from '@kinga/shared';
import { In, type EntityManager } from 'typeorm';
import { checkId } from '../../common/ids';
import type { ProgrammesContext } from '../../programmes.context';
import { IndicatorEntity } from '../framework/framework.entity';
import { IndicatorUnit, NUMERIC_UNITS } from '../framework/framework.enums';
import { checkIndicatorValue, checkPeriod, checkPeriodHasBegun, indicatorWithPlan } from '../framework/framework.validation';
import { isNccsProgrammeOfficer, reachesCounty, reportVisibilitySql } from './report.access';
import { ProgressReportEntity, ProgressReportEventEntity } from './report.entity';
import { AchievementStatus, ProgressReportAction, ProgressReportStatus } from './report.enums';
import {
  approveReportSchema,
  createReportSchema,
  listFilterSchema,
  reportIdSchema,
  returnReportSchema,
  updateReportSchema,
  type ApproveProgressReportInput,
  type CreateProgressReportInput,
  type ProgressReportFilter,
  type ProgressReportIdInput,
  type ReturnProgressReportInput,
  type UpdateProgressReportInput,
} from './report.input';

const VALUE_FIELDS = ['actualValue', 'denominator', 'achievement', 'evidence', 'spendKes', 'narrative'] as const;
type ValueField = (typeof VALUE_FIELDS)[number];
type ReportValues = Partial<Pick<ProgressReportEntity, ValueField>>;

/** The checks that depend on the indicator's unit; every message names its field. */
export function checkValuesForUnit(indicator: { name: string; unit: IndicatorUnit }, values: ReportValues): void {
  const { unit } = indicator;
  const numeric = NUMERIC_UNITS.has(unit);
  if (!numeric && values.actualValue !== null && values.actualValue !== undefined) {
    throw badUserInput('input.actualValue: this indicator is reported as an achievement status, not a number', 'input.actualValue');
  }
  if (numeric && values.achievement !== null && values.achievement !== undefined) {
    throw badUserInput('input.achievement: this indicator is reported as a number (actualValue)', 'input.achievement');
  }
  if (unit !== IndicatorUnit.PERCENT && values.denominator !== null && values.denominator !== undefined) {
    throw badUserInput('input.denominator: only a percentage has a denominator', 'input.denominator');
  }
  // A report line is always one county's.
  checkIndicatorValue(indicator, 'COUNTY', values.actualValue, 'input.actualValue');
}

/**
 * Two officers on one report: the second, acting on a copy read before the first's change, would edit, submit,
 * approve or return what they never saw.
 */
function checkUnchangedSince(report: ProgressReportEntity, expectedUpdatedAt: Date | null | undefined): void {
  if (expectedUpdatedAt && expectedUpdatedAt.getTime() !== report.updatedAt.getTime()) {
    throw reportConflict(
      report,
      `This report was changed since you read it (at ${report.updatedAt.toISOString()}); read it again and act on the current one`,
    );
  }
}

/**
 * A CONFLICT on a report as it is now, its status and `updatedAt` with it: a client that acted on an older copy
 * can show what changed and act again on the current one, whichever check refused it.
 */
function reportConflict(report: ProgressReportEntity, message: string, extensions: Record<string, unknown> = {}): Error {
  return conflict(message, { status: report.status, currentUpdatedAt: report.updatedAt.toISOString(), ...extensions });
}

/** What must be there before a report goes to NCCS. */
function checkComplete(unit: IndicatorUnit, report: ProgressReportEntity): void {
  if (NUMERIC_UNITS.has(unit) && report.actualValue === null) {
    throw badUserInput('actualValue: report the actual value before submitting', 'actualValue');
  }
  // Without it the national figure of the indicator falls back from a weighted to a plain mean of percentages,
  // for every county, because of one report.
  if (unit === IndicatorUnit.PERCENT && report.denominator === null) {
    throw badUserInput(
      'denominator: give the number the percentage is of (e.g. the children screened) before submitting, so that counties are weighted by it nationally',
      'denominator',
    );
  }
  if (!NUMERIC_UNITS.has(unit) && report.achievement === null) {
    throw badUserInput('achievement: say whether it is achieved, in progress or not started before submitting', 'achievement');
  }
  // What NCCS approves, and the public then reads as achieved, must show what it stands on; work not started
  // or under way has none yet.
  if (!NUMERIC_UNITS.has(unit) && report.achievement === AchievementStatus.ACHIEVED && !report.evidence?.trim()) {
    throw badUserInput('evidence: name what shows the achievement (a report title, minutes, a link) before submitting', 'evidence');
  }
}

function reportingAgency(ctx: ProgrammesContext): string {
  if (!ctx.caller) throw unauthenticated('Sign in to report progress');
  if (ctx.caller.role !== Role.PROGRAMME_OFFICER || !ctx.caller.agencyId) {
    throw forbidden("Progress reports are written by an agency's programme officers");
  }
  return ctx.caller.agencyId;
}

async function addEvent(
  ctx: ProgrammesContext,
  manager: EntityManager,
  report: ProgressReportEntity,
  action: ProgressReportAction,
  at: Date,
  comment: string | null = null,
): Promise<void> {
  await manager.getRepository(ProgressReportEventEntity).insert({
    reportId: report.id,
    lineageId: report.lineageId,
    version: report.version,
    action,
    actor: ctx.caller?.sub ?? 'unknown',
    actorAgencyId: ctx.caller?.agencyId ?? null,
    at,
    comment,
  });
}

/**
 * The report, locked for this change, and the time the change is made: taken once the lock is held, not when
 * the request came in, so that changes are dated in the order they are made. A submission that waited for a
 * colleague's edit was dated before it, and the history read as an edit after submission.
 */
async function lockReport(manager: EntityManager, id: string): Promise<{ report: ProgressReportEntity; at: Date }> {
  const report = await manager.getRepository(ProgressReportEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  if (!report) throw notFound('No progress report has this id');
  return { report, at: new Date() };
}

/** Only the reporting agency touches its report; to anyone else a draft is not even there to be changed. */
function checkOwner(ctx: ProgrammesContext, report: ProgressReportEntity, operation: string): void {
  if (reportingAgency(ctx) === report.agencyId && reachesCounty(ctx.caller, report.countyCode)) return;
  throw ctx.audit.refuse(
    'ProgressReport',
    report.id,
    operation,
    forbidden("Only the reporting agency's officers for this county may change, submit or revise this report"),
  );
}

function checkEditable(report: ProgressReportEntity): void {
  if (report.status !== ProgressReportStatus.DRAFT && report.status !== ProgressReportStatus.RETURNED) {
    throw reportConflict(report, `This report is ${report.status}: only a DRAFT or RETURNED report can be changed`);
  }
}

/** Two requests racing for the same report line: the unique indexes let one win; the other is told why. */
function raceLost(error: unknown): never {
  if (isUniqueViolation(error)) throw conflict('Someone else just created this report line or version: reload it and try again');
  throw error;
}

export async function createProgressReport(ctx: ProgrammesContext, input: CreateProgressReportInput): Promise<ProgressReportEntity> {
  const agencyId = reportingAgency(ctx);
  const valid = validateInput(createReportSchema, input);
  if (!reachesCounty(ctx.caller, valid.countyCode)) {
    throw forbidden(`input.countyCode: your token names the counties you report for, and ${valid.countyCode} is not one of them`);
  }
  return ctx.db
    .transaction(async (manager) => {
      const { indicator, plan } = await indicatorWithPlan(manager, valid.indicatorId, 'input.indicatorId');
      checkPeriod(plan, valid.period, 'input.period');
      checkPeriodHasBegun(valid.period, ctx.now, 'input.period');
      checkValuesForUnit(indicator, valid);
      const repository = manager.getRepository(ProgressReportEntity);
      const existing = await repository.findOneBy({
        agencyId,
        indicatorId: indicator.id,
        countyCode: valid.countyCode,
        year: valid.period.year,
        quarter: valid.period.quarter,
        version: 1,
      });
      if (existing) {
        throw conflict('Your agency already has a report for this indicator, county and quarter: update it, or revise it once approved', {
          lineageId: existing.lineageId,
        });
      }
      const id = (await manager.query('SELECT gen_random_uuid() AS id'))[0].id as string;
      const report = repository.create({
        id,
        lineageId: id,
        version: 1,
        indicatorId: indicator.id,
        agencyId,
        countyCode: valid.countyCode,
        year: valid.period.year,
        quarter: valid.period.quarter,
        actualValue: valid.actualValue ?? null,
        denominator: valid.denominator ?? null,
        achievement: valid.achievement ?? null,
        evidence: valid.evidence ?? null,
        spendKes: valid.spendKes ?? null,
        narrative: valid.narrative ?? null,
        status: ProgressReportStatus.DRAFT,
        reviewComment: null,
        createdBy: ctx.caller?.sub ?? 'unknown',
        createdAt: ctx.now,
        updatedAt: ctx.now,
      });
      await repository.insert(report);
      await addEvent(ctx, manager, report, ProgressReportAction.CREATED, report.createdAt);
      await ctx.auditWrite(manager, 'ProgressReport', report.id, [
        'indicatorId',
        'countyCode',
        'period',
        ...VALUE_FIELDS.filter((f) => valid[f] != null),
      ]);
      return report;
    })
    .catch(raceLost);
}

export async function updateProgressReport(ctx: ProgrammesContext, input: UpdateProgressReportInput): Promise<ProgressReportEntity> {
  reportingAgency(ctx);
  const valid = validateInput(updateReportSchema, input);
  return ctx.db.transaction(async (manager) => {
    const { report, at } = await lockReport(manager, valid.id);
    checkOwner(ctx, report, 'updateProgressReport');
    checkEditable(report);
    checkUnchangedSince(report, valid.expectedUpdatedAt);
    const changed: ValueField[] = [];
    for (const field of VALUE_FIELDS) {
      if (valid[field] === undefined) continue;
      (report as unknown as Record<ValueField, unknown>)[field] = valid[field];
      changed.push(field);
    }
    const indicator = await manager.getRepository(IndicatorEntity).findOneByOrFail({ id: report.indicatorId });
    checkValuesForUnit(indicator, report);
    report.updatedAt = at;
    await manager.getRepository(ProgressReportEntity).save(report);
    await addEvent(ctx, manager, report, ProgressReportAction.UPDATED, at);
    await ctx.auditWrite(manager, 'ProgressReport', report.id, changed);
    return report;
  });
}

export async function submitProgressReport(ctx: ProgrammesContext, input: ProgressReportIdInput): Promise<ProgressReportEntity> {
  reportingAgency(ctx);
  const { id, expectedUpdatedAt } = validateInput(reportIdSchema, input);
  return ctx.db.transaction(async (manager) => {
    const { report, at } = await lockReport(manager, id);
    checkOwner(ctx, report, 'submitProgressReport');
    // Submitted by this caller already (a retry after a lost answer): answered with the report as it stands.
    if (report.status === ProgressReportStatus.SUBMITTED && report.submittedBy === ctx.caller?.sub) return report;
    checkEditable(report);
    checkUnchangedSince(report, expectedUpdatedAt);
    const indicator = await manager.getRepository(IndicatorEntity).findOneByOrFail({ id: report.indicatorId });
    checkComplete(indicator.unit, report);
    report.status = ProgressReportStatus.SUBMITTED;
    report.submittedBy = ctx.caller?.sub ?? null;
    report.submittedAt = at;
    report.updatedAt = at;
    await manager.getRepository(ProgressReportEntity).save(report);
    await addEvent(ctx, manager, report, ProgressReportAction.SUBMITTED, at);
    await ctx.auditWrite(manager, 'ProgressReport', report.id, ['status']);
    return report;
  });
}

/** The actions that put figures into a version, or vouch for them: whoever took one may not review it. */
const AUTHORING_ACTIONS = [
  ProgressReportAction.CREATED,
  ProgressReportAction.REVISED,
  ProgressReportAction.UPDATED,
  ProgressReportAction.SUBMITTED,
];

/**
 * Whether the caller entered, edited or submitted this version. NCCS leads every objective, so its own
 * officers both report and review: one who typed the figures must not be the one who approves them, even
 * when a colleague pressed submit.
 */
async function hasWorkedOn(manager: EntityManager, report: ProgressReportEntity, sub: string | undefined): Promise<boolean> {
  if (sub === undefined) return true;
  if (report.createdBy === sub || report.submittedBy === sub) return true;
  return manager.getRepository(ProgressReportEventEntity).exists({
    where: { lineageId: report.lineageId, version: report.version, actor: sub, action: In(AUTHORING_ACTIONS) },
  });
}

async function review(
  ctx: ProgrammesContext,
  id: string,
  outcome: ProgressReportStatus.APPROVED | ProgressReportStatus.RETURNED,
  comment: string | null,
  expectedUpdatedAt: Date,
): Promise<ProgressReportEntity> {
  if (!isNccsProgrammeOfficer(ctx.caller, ctx.settings.nccsAgencyId)) throw forbidden('Only NCCS programme officers review reports');
  return ctx.db.transaction(async (manager) => {
    const { report, at } = await lockReport(manager, id);
    if (!reachesCounty(ctx.caller, report.countyCode)) {
      throw ctx.audit.refuse(
        'ProgressReport',
        report.id,
        outcome === ProgressReportStatus.APPROVED ? 'approveProgressReport' : 'returnProgressReport',
        forbidden("This report is for a county your token's counties do not include"),
      );
    }
    if (await hasWorkedOn(manager, report, ctx.caller?.sub)) {
      throw ctx.audit.refuse(
        'ProgressReport',
        report.id,
        outcome === ProgressReportStatus.APPROVED ? 'approveProgressReport' : 'returnProgressReport',
        forbidden('A report is reviewed by someone who did not enter, edit or submit it'),
      );
    }
    // After the refusals: someone who may not review the report is told so (and the attempt is on its trail,
    // a self-approval of a draft too), not what it now holds.
    // The same review sent again after its answer was lost: answered with the report as it left it.
    if (report.status === outcome && report.reviewedBy === ctx.caller?.sub && report.reviewComment === comment) return report;
    if (report.status !== ProgressReportStatus.SUBMITTED) {
      throw reportConflict(report, `Only a SUBMITTED report can be reviewed; this one is ${report.status}`);
    }
    checkUnchangedSince(report, expectedUpdatedAt);
    // An approval without a comment clears a return's: the audit row names it whenever it held something.
    const commentChanged = comment !== null || report.reviewComment !== null;
    report.status = outcome;
    report.reviewComment = comment;
    report.reviewedBy = ctx.caller?.sub ?? null;
    report.reviewedAt = at;
    report.updatedAt = at;
    await manager.getRepository(ProgressReportEntity).save(report);
    await addEvent(
      ctx,
      manager,
      report,
      outcome === ProgressReportStatus.APPROVED ? ProgressReportAction.APPROVED : ProgressReportAction.RETURNED,
      at,
      comment,
    );
    await ctx.auditWrite(manager, 'ProgressReport', report.id, commentChanged ? ['status', 'reviewComment'] : ['status']);
    return report;
  });
}

export function returnProgressReport(ctx: ProgrammesContext, input: ReturnProgressReportInput): Promise<ProgressReportEntity> {
  const valid = validateInput(returnReportSchema, input);
  return review(ctx, valid.id, ProgressReportStatus.RETURNED, valid.comment, valid.expectedUpdatedAt);
}

export function approveProgressReport(ctx: ProgrammesContext, input: ApproveProgressReportInput): Promise<ProgressReportEntity> {
  const valid = validateInput(approveReportSchema, input);
  return review(ctx, valid.id, ProgressReportStatus.APPROVED, valid.comment ?? null, valid.expectedUpdatedAt);
}

/**
 * The most versions one report line keeps: `versions` is a plain list, so it must stay small (`PLAIN_LIST_SIZES`
 * counts it by the usual few); a line corrected this often needs its figures settled outside the system first.
 */
export const MAX_VERSIONS_OF_A_REPORT_LINE = 20;

/**
 * A correction to an approved report: a new DRAFT version with the same values, to edit and submit. The
 * approved version stays as it is and counts until the new one is approved.
 */
export async function reviseProgressReport(ctx: ProgrammesContext, input: ProgressReportIdInput): Promise<ProgressReportEntity> {
  reportingAgency(ctx);
  const { id, expectedUpdatedAt } = validateInput(reportIdSchema, input);
  return ctx.db
    .transaction(async (manager) => {
      const approved = await manager.getRepository(ProgressReportEntity).findOneBy({ id });
      if (!approved) throw notFound('No progress report has this id');
      checkOwner(ctx, approved, 'reviseProgressReport');
      checkUnchangedSince(approved, expectedUpdatedAt);
      if (approved.status !== ProgressReportStatus.APPROVED) {
        throw reportConflict(approved, `Only an APPROVED report is revised; this one is ${approved.status} and can be updated directly`);
      }
      // Serialises revisions of one line: the newest version, locked, decides.
      const [latest] = await manager
        .getRepository(ProgressReportEntity)
        .find({ where: { lineageId: approved.lineageId }, order: { version: 'DESC' }, take: 1, lock: { mode: 'pessimistic_write' } });
      if (latest.id !== approved.id) {
        // This caller's own revision, made by a request whose answer was lost: answered with it.
        if (latest.status === ProgressReportStatus.DRAFT && latest.createdBy === ctx.caller?.sub && latest.version === approved.version + 1)
          return latest;
        throw reportConflict(
          latest,
          latest.status === ProgressReportStatus.APPROVED
            ? 'A newer version of this report exists: revise that one'
            : latest.status === ProgressReportStatus.SUBMITTED
              ? 'A newer version of this report is SUBMITTED: wait for its review'
              : `A newer version of this report exists (${latest.status}): change or submit that one`,
          { latestVersionId: latest.id },
        );
      }
      if (latest.version >= MAX_VERSIONS_OF_A_REPORT_LINE) {
        throw reportConflict(
          latest,
          `This report line already has ${MAX_VERSIONS_OF_A_REPORT_LINE} versions, the most one line keeps; its approved version ${latest.version} stands`,
        );
      }
      const at = new Date(); // once the line is locked, as lockReport dates a change
      const revision = manager.getRepository(ProgressReportEntity).create({
        ...approved,
        id: undefined,
        version: approved.version + 1,
        status: ProgressReportStatus.DRAFT,
        reviewComment: null,
        createdBy: ctx.caller?.sub ?? 'unknown',
        createdAt: at,
        updatedAt: at,
        submittedBy: null,
        submittedAt: null,
        reviewedBy: null,
        reviewedAt: null,
      });
      const saved = await manager.getRepository(ProgressReportEntity).save(revision);
      await addEvent(ctx, manager, saved, ProgressReportAction.REVISED, at);
      await ctx.auditWrite(manager, 'ProgressReport', saved.id, ['version']);
      return saved;
    })
    .catch(async (error: unknown) => {
      if (!isUniqueViolation(error)) throw error;
      // Two revisions of one version at the same moment: the other one won; this one is told which to change.
      const [latest] = await ctx.db.getRepository(ProgressReportEntity).query(
        `SELECT id, status, created_by AS "createdBy", updated_at AS "updatedAt" FROM programmes.progress_report
          WHERE lineage_id = (SELECT lineage_id FROM programmes.progress_report WHERE id = $1) ORDER BY version DESC LIMIT 1`,
        [id],
      );
      // The same officer's two sends at once (a retry overtaking the first): the one that won is theirs.
      if (latest.createdBy === ctx.caller?.sub && latest.status === ProgressReportStatus.DRAFT)
        return ctx.db.getRepository(ProgressReportEntity).findOneByOrFail({ id: latest.id as string });
      throw reportConflict(
        latest as ProgressReportEntity,
        'Someone else revised this report at the same moment: change or submit their version',
        {
          latestVersionId: (latest as ProgressReportEntity).id,
        },
      );
    });
}

/** A newer approved version of the line of report `r` (approved versions are public, so knowing of one is too). */
const NEWER_APPROVED_SQL = `SELECT 1 FROM programmes.progress_report newer
   WHERE newer.lineage_id = r.lineage_id AND newer.status = 'APPROVED' AND newer.version > r.version`;

/**
 * A list's filter, checked before its query: a county that exists, a period that can be one, ids that are ids.
 * An empty county code is no filter, as before. In `Agency.progressReports`' batch each set of arguments is
 * checked apart, so one alias's mistake is that alias's error.
 */
export function checkReportFilter(filter: ProgressReportFilter | null | undefined): void {
  validateInput(listFilterSchema, { countyCode: filter?.countyCode || null, year: filter?.year, quarter: filter?.quarter }, 'filter');
  if (filter?.indicatorId) checkId(filter.indicatorId, 'filter.indicatorId', 'an indicator');
  if (filter?.agencyId) checkId(filter.agencyId, 'filter.agencyId', 'an agency');
  checkFilterList(filter?.statuses, 'filter.statuses');
}

/** A page's cursor of a list of reports, [createdAt, id], checked down to its values. */
export function decodeReportCursor(after: string | null | undefined): [string, string] | null {
  return decodeTypedCursor(after, ['timestamptz', 'uuid']) as [string, string] | null;
}

/** The reports the caller may see, filtered: the one query behind every list of reports. */
export function reportQuery(ctx: Pick<ProgrammesContext, 'db' | 'caller' | 'settings'>, filter: ProgressReportFilter | null | undefined) {
  const visibility = reportVisibilitySql(ctx.caller, ctx.settings.nccsAgencyId);
  const query = ctx.db.getRepository(ProgressReportEntity).createQueryBuilder('r').where(visibility.sql, visibility.params);
  // Its ids were checked with the rest of the filter (checkReportFilter), before any query.
  if (filter?.indicatorId) query.andWhere('r.indicatorId = :indicatorId', { indicatorId: filter.indicatorId });
  if (filter?.countyCode) query.andWhere('r.countyCode = :countyCode', { countyCode: filter.countyCode });
  if (filter?.agencyId) query.andWhere('r.agencyId = :agencyId', { agencyId: filter.agencyId });
  if (filter?.statuses?.length) query.andWhere('r.status IN (:...statuses)', { statuses: filter.statuses });
  if (filter?.year !== null && filter?.year !== undefined) query.andWhere('r.year = :year', { year: filter.year });
  if (filter?.quarter !== null && filter?.quarter !== undefined) query.andWhere('r.quarter = :quarter', { quarter: filter.quarter });
  if (filter?.superseded === true) query.andWhere(`r.status = 'APPROVED' AND EXISTS (${NEWER_APPROVED_SQL})`);
  if (filter?.superseded === false) query.andWhere(`NOT (r.status = 'APPROVED' AND EXISTS (${NEWER_APPROVED_SQL}))`);
  return query;
}

export const reportCursor = (row: ProgressReportEntity) => [row.createdAt.toISOString(), row.id];

export async function listProgressReports(
  ctx: ProgrammesContext,
  filter: ProgressReportFilter | null | undefined,
  page: PageArgs,
): Promise<ConnectionShape<ProgressReportEntity>> {
  checkReportFilter(filter);
  const limit = pageSize(page.first);
  const after = decodeReportCursor(page.after);
  const query = reportQuery(ctx, filter);
  const totalCount = await query.getCount();
  if (after) query.andWhere('(r.createdAt, r.id) > (:afterAt, :afterId)', { afterAt: after[0], afterId: after[1] });
  const rows = await query
    .orderBy('r.createdAt', 'ASC')
    .addOrderBy('r.id', 'ASC')
    .take(limit + 1)
    .getMany();
  return toConnection(rows, limit, totalCount, reportCursor);
}
