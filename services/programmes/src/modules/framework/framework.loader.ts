import DataLoader from 'dataloader';
import { In, type DataSource } from 'typeorm';
import {
  ActivityEntity,
  AgencyLinkEntity,
  FocusAreaEntity,
  IndicatorEntity,
  ObjectiveEntity,
  PlanAgencyEntity,
  PlanEntity,
} from './framework.entity';

function byId<T extends { id: string }>(load: (ids: string[]) => Promise<T[]>) {
  return new DataLoader<string, T | null>(async (ids) => {
    const rows = await load([...ids]);
    const map = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => map.get(id) ?? null);
  });
}

function groupedBy<T>(load: (keys: string[]) => Promise<T[]>, keyOf: (row: T) => string) {
  return new DataLoader<string, T[]>(async (keys) => {
    const rows = await load([...keys]);
    const groups = new Map<string, T[]>();
    for (const row of rows) {
      const key = keyOf(row);
      const group = groups.get(key);
      if (group) group.push(row);
      else groups.set(key, [row]);
    }
    return keys.map((key) => groups.get(key) ?? []);
  });
}

export function createFrameworkLoaders(db: DataSource) {
  return {
    plan: byId((ids) => db.getRepository(PlanEntity).findBy({ id: In(ids) })),
    focusArea: byId((ids) => db.getRepository(FocusAreaEntity).findBy({ id: In(ids) })),
    objective: byId((ids) => db.getRepository(ObjectiveEntity).findBy({ id: In(ids) })),
    indicator: byId((ids) => db.getRepository(IndicatorEntity).findBy({ id: In(ids) })),
    focusAreasByPlan: groupedBy(
      (ids) => db.getRepository(FocusAreaEntity).find({ where: { planId: In(ids) }, order: { position: 'ASC' } }),
      (row) => row.planId,
    ),
    objectivesByFocusArea: groupedBy(
      (ids) => db.getRepository(ObjectiveEntity).find({ where: { focusAreaId: In(ids) }, order: { position: 'ASC' } }),
      (row) => row.focusAreaId,
    ),
    activitiesByObjective: groupedBy(
      (ids) => db.getRepository(ActivityEntity).find({ where: { objectiveId: In(ids) }, order: { position: 'ASC' } }),
      (row) => row.objectiveId,
    ),
    indicatorsByObjective: groupedBy(
      (ids) => db.getRepository(IndicatorEntity).find({ where: { objectiveId: In(ids) }, order: { position: 'ASC' } }),
      (row) => row.objectiveId,
    ),
    indicatorsByPlan: groupedBy(
      (ids) =>
        db
          .getRepository(IndicatorEntity)
          .createQueryBuilder('i')
          .innerJoin(ObjectiveEntity, 'o', 'o.id = i.objectiveId')
          .where('i.planId IN (:...ids)', { ids })
          .orderBy('o.code', 'ASC')
          .addOrderBy('i.position', 'ASC')
          .getMany(),
      (row) => row.planId,
    ),
    planAgenciesByPlan: groupedBy(
      (ids) => db.getRepository(PlanAgencyEntity).find({ where: { planId: In(ids) }, order: { acronym: 'ASC' } }),
      (row) => row.planId,
    ),
    /** Directory agency ids by the text the matrix names a lead agency with. */
    agencyLinkByName: new DataLoader<string, string | null>(async (names) => {
      const rows = await db.getRepository(AgencyLinkEntity).findBy({ npaName: In([...names]) });
      const map = new Map(rows.map((row) => [row.npaName, row.agencyId]));
      return names.map((name) => map.get(name) ?? null);
    }),
    /** Objectives an agency leads, through the names linked to it: one statement per batch of agencies. */
    objectivesLedByAgency: new DataLoader<string, ObjectiveEntity[]>(async (agencyIds) => {
      const rows: Array<{ agency_id: string; id: string }> = await db.query(
        `SELECT l.agency_id, o.id
           FROM programmes.agency_link l
           JOIN programmes.objective o ON l.npa_name = ANY (o.lead_agencies)
          WHERE l.agency_id = ANY ($1::uuid[])`,
        [[...agencyIds]],
      );
      const objectives = rows.length
        ? await db.getRepository(ObjectiveEntity).find({
            where: { id: In([...new Set(rows.map((r) => r.id))]) },
            order: { code: 'ASC' },
          })
        : [];
      const byIdMap = new Map(objectives.map((o) => [o.id, o]));
      // An agency linked under two names (an acronym and a full name) leads each objective once.
      return agencyIds.map((agencyId) =>
        [...new Set(rows.filter((r) => r.agency_id === agencyId).map((r) => r.id))]
          .map((id) => byIdMap.get(id))
          .filter((o): o is ObjectiveEntity => o !== undefined)
          .sort((a, b) => a.code.localeCompare(b.code)),
      );
    }),
  };
}
