import { findWhereIn, rowByIdLoader, groupBy, groupedLoader } from '@kinga/shared';
import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import {
  ActivityEntity,
  AgencyLinkEntity,
  FocusAreaEntity,
  IndicatorEntity,
  ObjectiveEntity,
  PlanAgencyEntity,
  PlanEntity,
} from './framework.entity';

/** The key of `planByCode` that means the plan in force (the one that starts last); no plan has an empty code. */
export const CURRENT_PLAN = '';

export function createFrameworkLoaders(db: DataSource) {
  return {
    plan: rowByIdLoader((ids) => findWhereIn(db, PlanEntity, 'id', ids)),
    /** Plans by code, or the current plan for CURRENT_PLAN: resolvers ask once per entity, the database once per request. */
    planByCode: new DataLoader<string, PlanEntity | null>(async (codes) => {
      const wanted = codes.filter((code) => code !== CURRENT_PLAN);
      const [plans, current] = await Promise.all([
        findWhereIn(db, PlanEntity, 'code', wanted),
        codes.includes(CURRENT_PLAN)
          ? db.getRepository(PlanEntity).find({ order: { startYear: 'DESC', code: 'ASC' }, take: 1 })
          : Promise.resolve([]),
      ]);
      const map = new Map(plans.map((plan) => [plan.code, plan]));
      return codes.map((code) => (code === CURRENT_PLAN ? (current[0] ?? null) : (map.get(code) ?? null)));
    }),
    focusArea: rowByIdLoader((ids) => findWhereIn(db, FocusAreaEntity, 'id', ids)),
    objective: rowByIdLoader((ids) => findWhereIn(db, ObjectiveEntity, 'id', ids)),
    indicator: rowByIdLoader((ids) => findWhereIn(db, IndicatorEntity, 'id', ids)),
    focusAreasByPlan: groupedLoader(
      (ids) => findWhereIn(db, FocusAreaEntity, 'planId', ids, [['position', 'ASC']]),
      (row) => row.planId,
    ),
    objectivesByFocusArea: groupedLoader(
      (ids) => findWhereIn(db, ObjectiveEntity, 'focusAreaId', ids, [['position', 'ASC']]),
      (row) => row.focusAreaId,
    ),
    activitiesByObjective: groupedLoader(
      (ids) => findWhereIn(db, ActivityEntity, 'objectiveId', ids, [['position', 'ASC']]),
      (row) => row.objectiveId,
    ),
    indicatorsByObjective: groupedLoader(
      (ids) => findWhereIn(db, IndicatorEntity, 'objectiveId', ids, [['position', 'ASC']]),
      (row) => row.objectiveId,
    ),
    indicatorsByPlan: groupedLoader(
      (ids) =>
        db
          .getRepository(IndicatorEntity)
          .createQueryBuilder('i')
          .innerJoin(ObjectiveEntity, 'o', 'o.id = i.objectiveId')
          .innerJoin(FocusAreaEntity, 'f', 'f.id = o.focusAreaId')
          .where('i.planId IN (:...ids)', { ids })
          // The matrix's own order (Prevention before Protection, PROT-2 before PROT-10), as a reader of the plan
          // expects it; the codes' text order put CME first and PROT-10 before PROT-2.
          .orderBy('f.position', 'ASC')
          .addOrderBy('o.position', 'ASC')
          .addOrderBy('i.position', 'ASC')
          .getMany(),
      (row) => row.planId,
    ),
    planAgenciesByPlan: groupedLoader(
      (ids) => findWhereIn(db, PlanAgencyEntity, 'planId', ids, [['acronym', 'ASC']]),
      (row) => row.planId,
    ),
    /** Directory agency ids by the text the matrix names a lead agency with. */
    agencyLinkByName: new DataLoader<string, string | null>(async (names) => {
      const rows = await findWhereIn(db, AgencyLinkEntity, 'npaName', names);
      const map = new Map(rows.map((row) => [row.npaName, row.agencyId]));
      return names.map((name) => map.get(name) ?? null);
    }),
    /** Objectives an agency leads, through the names linked to it: one statement per batch of agencies. */
    objectivesLedByAgency: new DataLoader<string, ObjectiveEntity[]>(async (agencyIds) => {
      // In the matrix's order (focus area, then objective), as the plan lists them: PROT-2 before PROT-10.
      const rows: Array<{ agency_id: string; id: string }> = await db.query(
        `SELECT l.agency_id, o.id
           FROM programmes.agency_link l
           JOIN programmes.objective o ON l.npa_name = ANY (o.lead_agencies)
           JOIN programmes.focus_area f ON f.id = o.focus_area_id
          WHERE l.agency_id = ANY ($1::uuid[])
          ORDER BY f.position, o.position`,
        [[...agencyIds]],
      );
      const objectives = await findWhereIn(db, ObjectiveEntity, 'id', [...new Set(rows.map((r) => r.id))]);
      const byIdMap = new Map(objectives.map((o) => [o.id, o]));
      const rowsByAgency = groupBy(rows, (row) => row.agency_id);
      return agencyIds.map((agencyId) =>
        // An agency linked under two names (an acronym and a full name) leads each objective once: a Set per agency.
        [...new Set((rowsByAgency.get(agencyId) ?? []).map((row) => row.id))]
          .map((id) => byIdMap.get(id))
          .filter((o): o is ObjectiveEntity => o !== undefined),
      );
    }),
  };
}
