import { findWhereIn, groupBy, pageSize, toConnection, type Caller, type ConnectionShape, type PageArgs } from '@kinga/shared';
import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import type { ProgrammesSettings } from '../../programmes.settings';
import { ProgressReportEntity } from './report.entity';
import type { ProgressReportFilter } from './report.input';
import { checkReportFilter, decodeReportCursor, reportCursor, reportQuery } from './report.service';

export interface AgencyReportsKey {
  agencyId: string;
  filter: ProgressReportFilter | null;
  page: PageArgs;
}

const argsKey = (key: AgencyReportsKey) => JSON.stringify([key.filter ?? null, key.page.first ?? null, key.page.after ?? null]);

/**
 * `Agency.progressReports` for a whole list of agencies in three statements per distinct set of arguments:
 * the counts, one page per agency (a window over the agencies), and the rows of those pages.
 */
export function createAgencyReportsLoader(db: DataSource, caller: Caller | null, settings: ProgrammesSettings) {
  return new DataLoader<AgencyReportsKey, ConnectionShape<ProgressReportEntity>, string>(
    async (keys) => {
      const groups = groupBy(keys, argsKey);
      const results = new Map<string, ConnectionShape<ProgressReportEntity> | Error>();
      for (const [args, group] of groups) {
        const agencyIds = [...new Set(group.map((k) => k.agencyId))];
        // One set of arguments' mistake (an id that is no id, a forged cursor) is that set's error: every other
        // alias batched with it is answered.
        const pages = await agencyPages(db, caller, settings, group[0], agencyIds).catch((error: Error) => error);
        for (const agencyId of agencyIds)
          results.set(
            `${agencyId}|${args}`,
            pages instanceof Error ? pages : (pages.get(agencyId) as ConnectionShape<ProgressReportEntity>),
          );
      }
      return keys.map((key) => results.get(`${key.agencyId}|${argsKey(key)}`) as ConnectionShape<ProgressReportEntity> | Error);
    },
    { cacheKeyFn: (key) => `${key.agencyId}|${argsKey(key)}` },
  );
}

/** The page of each agency for one set of arguments: the counts, a window over the agencies, their rows. */
async function agencyPages(
  db: DataSource,
  caller: Caller | null,
  settings: ProgrammesSettings,
  { filter, page }: AgencyReportsKey,
  agencyIds: readonly string[],
): Promise<Map<string, ConnectionShape<ProgressReportEntity>>> {
  checkReportFilter(filter);
  const limit = pageSize(page.first);
  const after = decodeReportCursor(page.after);
  // A filter naming another agency than the one listed selects nothing of it, as a filter does.
  const base = reportQuery({ db, caller, settings }, filter).andWhere('r.agencyId IN (:...agencyIds)', {
    agencyIds,
  });
  const counts: Array<{ agencyId: string; count: number }> = await base
    .clone()
    .select('r.agencyId', 'agencyId')
    .addSelect('count(*)::int', 'count')
    .groupBy('r.agencyId')
    .getRawMany();
  const paged = base.clone();
  if (after) paged.andWhere('(r.createdAt, r.id) > (:afterAt, :afterId)', { afterAt: after[0], afterId: after[1] });
  paged.select('r.id', 'id').addSelect('row_number() OVER (PARTITION BY r.agency_id ORDER BY r.created_at, r.id)', 'rn');
  const [sql, params] = paged.getQueryAndParameters();
  const ids: Array<{ id: string }> = await db.query(`SELECT page.id FROM (${sql}) page WHERE page.rn <= ${limit + 1}`, params);
  const rows = await findWhereIn(
    db,
    ProgressReportEntity,
    'id',
    ids.map((r) => r.id),
    [
      ['createdAt', 'ASC'],
      ['id', 'ASC'],
    ],
  );
  const rowsByAgency = groupBy(rows, (row) => row.agencyId);
  const totalByAgency = new Map(counts.map((c) => [c.agencyId, c.count]));
  return new Map(
    agencyIds.map((agencyId) => [
      agencyId,
      toConnection(rowsByAgency.get(agencyId) ?? [], limit, totalByAgency.get(agencyId) ?? 0, reportCursor),
    ]),
  );
}
