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

interface LoadedIndicator {
  id: string;
  code: string;
  name: string;
  unit: string;
  hasData: boolean;
}

/**
 * What a changed file would do to the rows already loaded, refused where it would move data: rows are keyed by
 * their place in the matrix, so a file that drops or renames an indicator (PROT-6/1 repeats PROT-5/3; a
 * correction might drop it) would give its place, and every target and approved report entered against it, to
 * the next one, silently. Such a file is refused, naming each indicator, before anything is written: moving the
 * data is a migration's work. Rows the file no longer has, and nothing refers to, are deleted so that no list
 * shows them twice nor a budget counts them again (an objective merged into another); a focus area the file
 * renamed or dropped goes once the upsert has moved its objectives (`loadFramework`).
 */
async function retireRowsTheFileDrops(manager: EntityManager, rows: FrameworkRows): Promise<void> {
  const loaded: LoadedIndicator[] = await manager.query(
    `SELECT i.id, o.code || '/' || i.position AS code, i.name, i.unit,
            EXISTS (SELECT 1 FROM programmes.target t WHERE t.indicator_id = i.id)
              OR EXISTS (SELECT 1 FROM programmes.progress_report r WHERE r.indicator_id = i.id) AS "hasData"
       FROM programmes.indicator i JOIN programmes.objective o ON o.id = i.objective_id
      WHERE i.plan_id = $1 ORDER BY 2`,
    [rows.plan.id],
  );
  const inFile = new Map(rows.indicators.map((indicator) => [indicator.id, indicator]));
  const moved = loaded.filter((row) => {
    const next = inFile.get(row.id);
    return row.hasData && (!next || next.name !== row.name || next.unit !== row.unit);
  });
  if (moved.length > 0) {
    throw new Error(
      `NPA file: not loaded, since it would give targets and reports to another indicator than they were entered for: ${moved
        .map((row) => {
          const next = inFile.get(row.id);
          return `${row.code} "${row.name}" (${row.unit}) would become ${next ? `"${next.name}" (${next.unit})` : 'nothing'}`;
        })
        .join('; ')}. Move their targets and reports with a migration first.`,
    );
  }
  await manager.query(`DELETE FROM programmes.indicator WHERE plan_id = $1 AND NOT (id = ANY($2::uuid[]))`, [
    rows.plan.id,
    rows.indicators.map((i) => i.id),
  ]);
  await manager.query(
    `DELETE FROM programmes.activity a USING programmes.objective o
      WHERE o.id = a.objective_id AND o.plan_id = $1 AND NOT (a.id = ANY($2::uuid[]))`,
    [rows.plan.id, rows.activities.map((a) => a.id)],
  );
  await manager.query(`DELETE FROM programmes.objective WHERE plan_id = $1 AND NOT (id = ANY($2::uuid[]))`, [
    rows.plan.id,
    rows.objectives.map((o) => o.id),
  ]);
}

/**
 * Loads the framework at every start. A file already loaded (same SHA-256) costs one statement; a changed
 * file is upserted row by row key, in one transaction, so ids, targets and reports keep pointing at the
 * same rows, after `retireRowsTheFileDrops` has checked that none would point at another indicator and
 * removed the rows the file no longer has.
 */
export async function loadFramework(db: DataSource, logger?: Logger, text = readFileSync(NPA_FILE, 'utf8')): Promise<void> {
  const rows = frameworkRowsFromFile(text);
  const existing = await db.getRepository(PlanEntity).findOneBy({ id: rows.plan.id });
  if (existing?.sourceSha256 === rows.plan.sourceSha256) return;
  await db.transaction(async (manager) => {
    if (existing) await retireRowsTheFileDrops(manager, rows);
    await upsert(manager, PlanEntity, [rows.plan], ['id']);
    await upsert(manager, PlanAgencyEntity, rows.agencies, ['plan_id', 'acronym']);
    await upsert(manager, FocusAreaEntity, rows.focusAreas, ['id']);
    await upsert(manager, ObjectiveEntity, rows.objectives, ['id']);
    await upsert(manager, ActivityEntity, rows.activities, ['id']);
    await upsert(manager, IndicatorEntity, rows.indicators, ['id']);
    // Once every objective points at the focus area the file gives it: one the file renamed or dropped is empty.
    if (existing)
      await manager.query(`DELETE FROM programmes.focus_area WHERE plan_id = $1 AND NOT (id = ANY($2::uuid[]))`, [
        rows.plan.id,
        rows.focusAreas.map((area) => area.id),
      ]);
  });
  logger?.info(
    { plan: rows.plan.code, objectives: rows.objectives.length, indicators: rows.indicators.length },
    'loaded the NPA results framework',
  );
}
