import {
  badUserInput,
  conflict,
  decodeTypedCursor,
  forbidden,
  pageSize,
  toConnection,
  validateInput,
  type ConnectionShape,
  type PageArgs,
} from '@kinga/shared';
import { checkId } from '../../common/ids';
import type { ProgrammesContext } from '../../programmes.context';
import { IndicatorUnit, NUMERIC_UNITS } from '../framework/framework.enums';
import { checkIndicatorValue, checkPeriod, indicatorWithPlan } from '../framework/framework.validation';
import { isNccsProgrammeOfficer, reachesCounty } from '../report/report.access';
import { listFilterSchema } from '../report/report.input';
import { TargetEntity } from './target.entity';
import { setTargetSchema, type ProgrammeTargetFilter, type SetProgrammeTargetInput } from './target.input';

/** A target or its baseline, for a county or (no county) the whole country. */
export function checkTargetValue(
  indicator: { name: string; unit: IndicatorUnit },
  countyCode: string | null | undefined,
  value: number | null | undefined,
  field: string,
): void {
  checkIndicatorValue(indicator, countyCode ? 'COUNTY' : 'NATIONAL', value, field);
}

/** One target per indicator, scope and period: setting it again replaces the value (and says so in the audit trail). */
export async function setProgrammeTarget(ctx: ProgrammesContext, input: SetProgrammeTargetInput): Promise<TargetEntity> {
  if (!isNccsProgrammeOfficer(ctx.caller, ctx.settings.nccsAgencyId)) throw forbidden('Only NCCS programme officers set targets');
  const valid = validateInput(setTargetSchema, input);
  if (!reachesCounty(ctx.caller, valid.countyCode ?? null)) {
    throw forbidden(
      valid.countyCode
        ? `input.countyCode: your token names the counties you work in, and ${valid.countyCode} is not one of them`
        : 'input.countyCode: a national target is set by a national officer (a token that names no counties)',
    );
  }
  // Omitted, a target set again keeps its baseline (an officer adjusting the target alone wiped it); null clears it.
  const baselineGiven = valid.baseline !== undefined;
  return ctx.db.transaction(async (manager) => {
    const { indicator, plan } = await indicatorWithPlan(manager, valid.indicatorId, 'input.indicatorId');
    if (!NUMERIC_UNITS.has(indicator.unit)) {
      throw badUserInput(
        'input.indicatorId: a DOCUMENT or QUALITATIVE indicator has no numeric target; its aim is ACHIEVED',
        'input.indicatorId',
      );
    }
    checkPeriod(plan, valid.period, 'input.period');
    checkTargetValue(indicator, valid.countyCode, valid.targetValue, 'input.targetValue');
    checkTargetValue(indicator, valid.countyCode, valid.baseline, 'input.baseline');
    const rows: Array<{ id: string }> = await manager.query(
      `INSERT INTO programmes.target (indicator_id, county_code, period_year, period_quarter, baseline, target_value, set_by, set_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (indicator_id, (coalesce(county_code, '000')), period_year, (coalesce(period_quarter, 0)))
       DO UPDATE SET baseline = CASE WHEN $9 THEN EXCLUDED.baseline ELSE programmes.target.baseline END,
         target_value = EXCLUDED.target_value, set_by = EXCLUDED.set_by, set_at = EXCLUDED.set_at
         WHERE NOT $11 AND ($10::timestamptz IS NULL OR date_trunc('milliseconds', programmes.target.set_at) = $10::timestamptz)
       RETURNING id`,
      [
        indicator.id,
        valid.countyCode ?? null,
        valid.period.year,
        valid.period.quarter ?? null,
        valid.baseline ?? null,
        valid.targetValue,
        ctx.caller?.sub,
        ctx.now,
        baselineGiven,
        valid.expectedSetAt ?? null,
        // An explicit null: the caller read no target there, so one set since is not replaced either.
        valid.expectedSetAt === null,
      ],
    );
    // Set again since the caller read it: nothing replaced, and what it is now said. Unless it is the caller's
    // own setting, made by a request whose answer was lost: answered with it.
    if (rows.length === 0) {
      const [current] = (await manager.query(
        `SELECT id, target_value AS "targetValue", baseline, set_by AS "setBy", set_at AS "setAt" FROM programmes.target
          WHERE indicator_id = $1 AND coalesce(county_code, '000') = coalesce($2, '000') AND period_year = $3
            AND coalesce(period_quarter, 0) = coalesce($4, 0)`,
        [indicator.id, valid.countyCode ?? null, valid.period.year, valid.period.quarter ?? null],
      )) as Array<{ id: string; targetValue: number; baseline: number | null; setBy: string; setAt: Date }>;
      const ownRetry =
        current.setBy === ctx.caller?.sub &&
        current.targetValue === valid.targetValue &&
        (!baselineGiven || current.baseline === valid.baseline);
      if (ownRetry) return manager.getRepository(TargetEntity).findOneByOrFail({ id: current.id });
      throw conflict(`This target was set since you read it (now ${current.targetValue}): read it again and make your change on it`, {
        currentUpdatedAt: current.setAt.toISOString(),
      });
    }
    await ctx.auditWrite(manager, 'ProgrammeTarget', rows[0].id, baselineGiven ? ['baseline', 'targetValue'] : ['targetValue']);
    return manager.getRepository(TargetEntity).findOneByOrFail({ id: rows[0].id });
  });
}

export async function listProgrammeTargets(
  ctx: ProgrammesContext,
  filter: ProgrammeTargetFilter | null | undefined,
  page: PageArgs,
): Promise<ConnectionShape<TargetEntity>> {
  const county = filter?.countyCode === 'NATIONAL' ? null : filter?.countyCode;
  validateInput(listFilterSchema, { countyCode: county, year: filter?.year }, 'filter');
  const limit = pageSize(page.first);
  const after = decodeTypedCursor(page.after, ['uuid']);
  const query = ctx.db.getRepository(TargetEntity).createQueryBuilder('t');
  if (filter?.indicatorId)
    query.andWhere('t.indicatorId = :indicatorId', { indicatorId: checkId(filter.indicatorId, 'filter.indicatorId', 'an indicator') });
  if (filter?.countyCode === 'NATIONAL') query.andWhere('t.countyCode IS NULL');
  else if (filter?.countyCode) query.andWhere('t.countyCode = :countyCode', { countyCode: filter.countyCode });
  if (filter?.year !== null && filter?.year !== undefined) query.andWhere('t.year = :year', { year: filter.year });
  const totalCount = await query.getCount();
  if (after) query.andWhere('t.id > :afterId', { afterId: after[0] });
  const rows = await query
    .orderBy('t.id', 'ASC')
    .take(limit + 1)
    .getMany();
  return toConnection(rows, limit, totalCount, (row) => [row.id]);
}
