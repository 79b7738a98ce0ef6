import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { nameBasedUuid, type Logger } from '@kinga/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { ActivityEntity, FocusAreaEntity, IndicatorEntity, ObjectiveEntity, PlanAgencyEntity, PlanEntity } from './framework.entity';
import { aggregationOf, directionOf, IndicatorUnit } from './framework.enums';
import { liveMetricFor } from './live-metrics';

/** A copy of ../shared/data/npa-sec-2018-2022.json ships with the service, so a deployment needs no other tree. */
export const NPA_FILE = join(__dirname, '..', '..', '..', 'data', 'npa-sec-2018-2022.json');
export const NPA_2018_2022_CODE = 'NPA-SEC-2018-2022';
export const NPA_2018_2022_NAME = 'National Plan of Action against Sexual Exploitation of Children in Kenya 2018-2022';

interface NpaFile {
  source: string;
  period: { start: number; end: number };
  notes: string[];
  agencies: Array<{ acronym: string; name: string; origin?: string | null }>;
  focusAreas: Array<{
    code: string;
    name: string;
    plannedActivities: string[];
    notes?: string | null;
    objectives: Array<{
      code: string;
      title: string | null;
      activities: string[];
      targetGroups: string[];
      leadAgencies: string[];
      partners: string[];
      results: string[];
      indicators: Array<{ name: string; unit: string }>;
      indicativeBudgetKes: number | null;
      resources: string[];
      timeline: { start: number | null; end: number | null } | null;
      notes?: string | null;
    }>;
  }>;
}

/**
 * Framework ids are derived from the plan code and the row's place in the matrix, so they are the same in
 * every deployment and a reload finds the rows it wrote before.
 */
export function frameworkId(planCode: string, kind: string, key: string): string {
  return nameBasedUuid(`kinga-npa:${planCode}:${kind}:${key}`);
}

const UNITS: Record<string, IndicatorUnit> = {
  count: IndicatorUnit.COUNT,
  percent: IndicatorUnit.PERCENT,
  document: IndicatorUnit.DOCUMENT,
  qualitative: IndicatorUnit.QUALITATIVE,
};

export interface FrameworkRows {
  plan: PlanEntity;
  agencies: PlanAgencyEntity[];
  focusAreas: FocusAreaEntity[];
  objectives: ObjectiveEntity[];
  activities: ActivityEntity[];
  indicators: IndicatorEntity[];
}

/** The file as rows, exactly as it is: null titles and notes stay null, nothing is filled in. */
export function frameworkRowsFromFile(text: string, planCode = NPA_2018_2022_CODE, planName = NPA_2018_2022_NAME): FrameworkRows {
  const file = JSON.parse(text) as NpaFile;
  const id = (kind: string, key: string) => frameworkId(planCode, kind, key);
  const plan: PlanEntity = {
    id: id('plan', planCode),
    code: planCode,
    name: planName,
    source: file.source,
    startYear: file.period.start,
    endYear: file.period.end,
    notes: file.notes,
    sourceSha256: createHash('sha256').update(text).digest('hex'),
  };
  const rows: FrameworkRows = {
    plan,
    agencies: file.agencies.map((a) => ({ planId: plan.id, acronym: a.acronym, name: a.name, origin: a.origin ?? null })),
    focusAreas: [],
    objectives: [],
    activities: [],
    indicators: [],
  };
  file.focusAreas.forEach((area, areaIndex) => {
    const focusAreaId = id('focus-area', area.code);
    rows.focusAreas.push({
      id: focusAreaId,
      planId: plan.id,
      code: area.code,
      name: area.name,
      position: areaIndex + 1,
      plannedActivities: area.plannedActivities,
      notes: area.notes ?? null,
    });
    area.objectives.forEach((objective, objectiveIndex) => {
      const objectiveId = id('objective', objective.code);
      rows.objectives.push({
        id: objectiveId,
        planId: plan.id,
        focusAreaId,
        code: objective.code,
        position: objectiveIndex + 1,
        title: objective.title,
        targetGroups: objective.targetGroups,
        leadAgencies: objective.leadAgencies,
        partners: objective.partners,
        results: objective.results,
        resources: objective.resources,
        indicativeBudgetKes: objective.indicativeBudgetKes,
        timelineStart: objective.timeline?.start ?? null,
        timelineEnd: objective.timeline?.end ?? null,
        notes: objective.notes ?? null,
      });
      objective.activities.forEach((description, activityIndex) => {
        rows.activities.push({
          id: id('activity', `${objective.code}/${activityIndex + 1}`),
          objectiveId,
          position: activityIndex + 1,
          description,
        });
      });
      objective.indicators.forEach((indicator, indicatorIndex) => {
        const unit = UNITS[indicator.unit];
        if (!unit) throw new Error(`NPA file: indicator ${objective.code}/${indicatorIndex + 1} has an unknown unit`);
        rows.indicators.push({
          id: id('indicator', `${objective.code}/${indicatorIndex + 1}`),
          planId: plan.id,
          objectiveId,
          position: indicatorIndex + 1,
          name: indicator.name,
          unit,
          direction: directionOf(indicator.name),
          aggregation: aggregationOf(indicator.name, unit),
          liveMetric: liveMetricFor(indicator.name),
        });
      });
    });
  });
  return rows;
}

async function upsert<T extends object>(manager: EntityManager, entity: new () => T, rows: T[], conflict: string[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = manager.connection.getMetadata(entity).columns.map((c) => c.databaseName);
  await manager
    .createQueryBuilder()
    .insert()
    .into(entity)
    .values(rows as never)
    .orUpdate(
      columns.filter((c) => !conflict.includes(c)),
      conflict,
    )
    .execute();
}

/**
 * Loads the framework at every start. A file already loaded (same SHA-256) costs one statement; a changed
 * file is upserted row by row key, in one transaction, so ids, targets and reports keep pointing at the
 * same rows. Rows are never deleted: reports may refer to them.
 */
export async function loadFramework(db: DataSource, logger?: Logger, text = readFileSync(NPA_FILE, 'utf8')): Promise<void> {
  const rows = frameworkRowsFromFile(text);
  const existing = await db.getRepository(PlanEntity).findOneBy({ id: rows.plan.id });
  if (existing?.sourceSha256 === rows.plan.sourceSha256) return;
  await db.transaction(async (manager) => {
    await upsert(manager, PlanEntity, [rows.plan], ['id']);
    await upsert(manager, PlanAgencyEntity, rows.agencies, ['plan_id', 'acronym']);
    await upsert(manager, FocusAreaEntity, rows.focusAreas, ['id']);
    await upsert(manager, ObjectiveEntity, rows.objectives, ['id']);
    await upsert(manager, ActivityEntity, rows.activities, ['id']);
    await upsert(manager, IndicatorEntity, rows.indicators, ['id']);
  });
  logger?.info(
    { plan: rows.plan.code, objectives: rows.objectives.length, indicators: rows.indicators.length },
    'loaded the NPA results framework',
  );
}
