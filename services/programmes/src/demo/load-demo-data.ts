import { demoAgencyId, demoId, type Logger } from '@kinga/shared';
import type { DataSource } from 'typeorm';
import { AgencyLinkEntity, IndicatorEntity, ObjectiveEntity } from '../modules/framework/framework.entity';
import { IndicatorUnit } from '../modules/framework/framework.enums';
import { ProgressReportEntity, ProgressReportEventEntity } from '../modules/report/report.entity';
import { AchievementStatus, ProgressReportAction, ProgressReportStatus } from '../modules/report/report.enums';
import { TargetEntity } from '../modules/target/target.entity';
import type { ProgrammesSettings } from '../programmes.settings';

/**
 * The lead-agency names of the matrix, linked to the agencies of the demo directory (whose ids derive from
 * the acronym). A real deployment links them with `linkProgrammeAgency`.
 */
export const DEMO_AGENCY_LINKS: Array<[npaName: string, acronym: string]> = [
  ['NCCS', 'NCCS'],
  ['DCS', 'DCS'],
  ['National Police Service', 'NPS'],
];

/** How each demo county performs against its targets: on track, at risk, off track, or silent. */
const COUNTIES: Array<{ code: string; scale: number; ratio: number | null; stopsAfter?: [number, number] }> = [
  { code: '047', scale: 1.0, ratio: 1.02 },
  { code: '001', scale: 0.7, ratio: 0.93 },
  { code: '042', scale: 0.5, ratio: 0.74 },
  { code: '003', scale: 0.5, ratio: 0.45 },
  // Nakuru stopped reporting after the second quarter of 2022.
  { code: '032', scale: 0.6, ratio: 0.96, stopsAfter: [2022, 2] },
  // Garissa has targets and no reports at all.
  { code: '007', scale: 0.3, ratio: null },
];

/** Indicators by objective code and position, the agency that reports them, and a quarterly target at scale 1. */
const INDICATORS: Array<{ objective: string; position: number; agency: string; quarterlyTarget: number | null }> = [
  { objective: 'PREV-1', position: 2, agency: 'DCS', quarterlyTarget: 40 },
  { objective: 'PREV-2', position: 2, agency: 'DCS', quarterlyTarget: 300 },
  { objective: 'PROT-1', position: 3, agency: 'DCS', quarterlyTarget: 120 },
  { objective: 'PROT-3', position: 3, agency: 'DCS', quarterlyTarget: 150 },
  { objective: 'PROT-4', position: 5, agency: 'NPS', quarterlyTarget: 25 },
  { objective: 'RRR-1', position: 2, agency: 'DCS', quarterlyTarget: 60 },
  { objective: 'CME-1', position: 1, agency: 'NCCS', quarterlyTarget: null },
];

const YEARS = [2021, 2022];
const NCCS_REVIEWER = 'demo-programme-officer';

const quarterStart = (year: number, quarter: number) => new Date(Date.UTC(year, quarter * 3, 10, 9, 0, 0));

/** Targets and two years of quarterly reports for six counties, loaded only into an empty schema. */
export async function loadProgrammesDemoData(db: DataSource, logger: Logger, settings: ProgrammesSettings): Promise<void> {
  if ((await db.getRepository(TargetEntity).count()) > 0 || (await db.getRepository(ProgressReportEntity).count()) > 0) return;
  const objectives = await db.getRepository(ObjectiveEntity).find();
  const indicators = await db.getRepository(IndicatorEntity).find();
  const objectiveByCode = new Map(objectives.map((o) => [o.code, o]));
  const targets: Array<Partial<TargetEntity>> = [];
  const reports: ProgressReportEntity[] = [];
  const events: Array<Partial<ProgressReportEventEntity>> = [];

  for (const spec of INDICATORS) {
    const objective = objectiveByCode.get(spec.objective);
    const indicator = indicators.find((i) => i.objectiveId === objective?.id && i.position === spec.position);
    if (!indicator) continue;
    const percent = indicator.unit === IndicatorUnit.PERCENT;
    for (const county of COUNTIES) {
      for (const year of YEARS) {
        for (let quarter = 1; quarter <= 4; quarter += 1) {
          const target =
            spec.quarterlyTarget === null
              ? null
              : percent
                ? spec.quarterlyTarget
                : Math.max(1, Math.round(spec.quarterlyTarget * county.scale));
          if (target !== null) {
            targets.push({
              indicatorId: indicator.id,
              countyCode: county.code,
              year,
              quarter,
              baseline: year === 2021 && quarter === 1 ? Math.round(target * 0.6) : null,
              targetValue: target,
              setBy: NCCS_REVIEWER,
              setAt: new Date(Date.UTC(year - 1, 11, 15)),
            });
          }
          if (county.ratio === null) continue;
          if (county.stopsAfter && (year > county.stopsAfter[0] || (year === county.stopsAfter[0] && quarter > county.stopsAfter[1])))
            continue;
          if (spec.quarterlyTarget === null && county.code !== '047') continue;
          // A little movement from quarter to quarter, the same on every load.
          const ratio = county.ratio + (((quarter * 7 + year) % 5) - 2) * 0.02;
          const lastQuarter = year === 2022 && quarter === 4;
          const status = lastQuarter
            ? county.code === '001'
              ? ProgressReportStatus.DRAFT
              : county.code === '042'
                ? ProgressReportStatus.RETURNED
                : ProgressReportStatus.SUBMITTED
            : ProgressReportStatus.APPROVED;
          const id = demoId('progress-report', `${indicator.id}/${county.code}/${year}/${quarter}`);
          const at = quarterStart(year, quarter);
          const reporter = `demo-programme-officer-${spec.agency.toLowerCase()}`;
          const achievement =
            spec.quarterlyTarget === null
              ? year === 2021
                ? quarter === 1
                  ? AchievementStatus.NOT_STARTED
                  : AchievementStatus.IN_PROGRESS
                : AchievementStatus.ACHIEVED
              : null;
          reports.push({
            id,
            lineageId: id,
            version: 1,
            indicatorId: indicator.id,
            agencyId: demoAgencyId(spec.agency),
            countyCode: county.code,
            year,
            quarter,
            actualValue:
              target === null
                ? null
                : percent
                  ? Math.min(100, Math.round(target * ratio * 10) / 10)
                  : Math.max(0, Math.round(target * ratio)),
            denominator: percent ? Math.round(20 * county.scale) + quarter : null,
            achievement,
            evidence: achievement === AchievementStatus.ACHIEVED ? 'M&E framework validated at the annual review meeting (demo)' : null,
            spendKes: Math.round(250_000 * county.scale * ratio) * 10,
            narrative: `Quarterly report, ${year} Q${quarter} (demo).`,
            status,
            reviewComment:
              status === ProgressReportStatus.RETURNED ? 'Totals do not match the county register; please reconcile (demo).' : null,
            createdBy: reporter,
            createdAt: at,
            updatedAt: at,
            submittedBy: status === ProgressReportStatus.DRAFT ? null : reporter,
            submittedAt: status === ProgressReportStatus.DRAFT ? null : at,
            reviewedBy: status === ProgressReportStatus.APPROVED || status === ProgressReportStatus.RETURNED ? NCCS_REVIEWER : null,
            reviewedAt: status === ProgressReportStatus.APPROVED || status === ProgressReportStatus.RETURNED ? at : null,
          });
          const actorAgencyId = demoAgencyId(spec.agency);
          events.push({
            reportId: id,
            lineageId: id,
            version: 1,
            action: ProgressReportAction.CREATED,
            actor: reporter,
            actorAgencyId,
            at,
          });
          if (status !== ProgressReportStatus.DRAFT) {
            events.push({
              reportId: id,
              lineageId: id,
              version: 1,
              action: ProgressReportAction.SUBMITTED,
              actor: reporter,
              actorAgencyId,
              at,
            });
          }
          if (status === ProgressReportStatus.APPROVED || status === ProgressReportStatus.RETURNED) {
            events.push({
              reportId: id,
              lineageId: id,
              version: 1,
              action: status === ProgressReportStatus.APPROVED ? ProgressReportAction.APPROVED : ProgressReportAction.RETURNED,
              actor: NCCS_REVIEWER,
              actorAgencyId: settings.nccsAgencyId,
              at,
              comment:
                status === ProgressReportStatus.RETURNED ? 'Totals do not match the county register; please reconcile (demo).' : null,
            });
          }
        }
      }
    }
  }

  await db.transaction(async (manager) => {
    await manager
      .createQueryBuilder()
      .insert()
      .into(AgencyLinkEntity)
      .values(DEMO_AGENCY_LINKS.map(([npaName, acronym]) => ({ npaName, agencyId: demoAgencyId(acronym), linkedBy: 'demo-data' })))
      .orIgnore()
      .execute();
    await manager.getRepository(TargetEntity).insert(targets);
    for (let i = 0; i < reports.length; i += 200) await manager.getRepository(ProgressReportEntity).insert(reports.slice(i, i + 200));
    for (let i = 0; i < events.length; i += 200) await manager.getRepository(ProgressReportEventEntity).insert(events.slice(i, i + 200));
  });
  logger.info({ targets: targets.length, reports: reports.length }, 'loaded the demo programme targets and reports');
}
