import { badUserInput, kenyanDate, KENYAN_COUNTY_CODES } from '@kinga/shared';
import type { EntityManager } from 'typeorm';
import { IndicatorEntity, PlanEntity } from './framework.entity';
import { countsCounties, IndicatorUnit } from './framework.enums';

/** Field-named checks shared by targets, reports and variance: an indicator that exists, a county, a period of its plan. */
export async function indicatorWithPlan(
  manager: EntityManager,
  indicatorId: string,
  field: string,
): Promise<{ indicator: IndicatorEntity; plan: PlanEntity }> {
  const indicator = await manager.getRepository(IndicatorEntity).findOneBy({ id: indicatorId });
  if (!indicator) throw badUserInput(`${field}: no indicator has this id`, field);
  const plan = await manager.getRepository(PlanEntity).findOneByOrFail({ id: indicator.planId });
  return { indicator, plan };
}

export function checkPeriod(
  plan: { startYear: number; endYear: number; name: string },
  period: { year: number; quarter?: number | null },
  field: string,
): void {
  if (!Number.isInteger(period.year) || period.year < plan.startYear || period.year > plan.endYear) {
    throw badUserInput(`${field}.year: must lie within the plan period ${plan.startYear}-${plan.endYear}`, `${field}.year`);
  }
  if (
    period.quarter !== null &&
    period.quarter !== undefined &&
    (!Number.isInteger(period.quarter) || period.quarter < 1 || period.quarter > 4)
  ) {
    throw badUserInput(`${field}.quarter: must be 1 to 4, or omitted for the whole year`, `${field}.quarter`);
  }
}

/**
 * What was done is reported for a period that has begun (in Kenya): a report for 2027 Q4 made in 2026 would
 * count as an actual against its target. The current quarter may be reported while it runs.
 */
export function checkPeriodHasBegun(period: { year: number; quarter?: number | null }, now: Date, field: string): void {
  const firstMonth = period.quarter ? (period.quarter - 1) * 3 + 1 : 1;
  const begins = `${period.year}-${String(firstMonth).padStart(2, '0')}-01`;
  if (begins > kenyanDate(now)) {
    const named = period.quarter ? `${period.year} Q${period.quarter}` : String(period.year);
    throw badUserInput(`${field}: ${named} begins on ${begins}; report it once it has begun`, field);
  }
}

/**
 * A figure of an indicator (a target, its baseline, a reported actual) for one county or the whole country: what
 * its unit allows. A count is whole, a percentage at most 100, and a count of counties is 0 or 1 for a county (it
 * has the thing or not) and at most 47 nationally. Below zero is the input schema's to refuse.
 */
export function checkIndicatorValue(
  indicator: { name: string; unit: IndicatorUnit },
  scope: 'COUNTY' | 'NATIONAL',
  value: number | null | undefined,
  field: string,
): void {
  if (value === null || value === undefined) return;
  const { unit } = indicator;
  if (unit === IndicatorUnit.COUNT && !Number.isInteger(value)) throw badUserInput(`${field}: a count must be a whole number`, field);
  if (unit === IndicatorUnit.PERCENT && value > 100) throw badUserInput(`${field}: a percentage must be at most 100`, field);
  if (!countsCounties(indicator)) return;
  if (scope === 'COUNTY' && value > 1)
    throw badUserInput(
      `${field}: this indicator counts counties: 1 if the county has it, 0 if not (the national figure adds the counties up)`,
      field,
    );
  if (value > KENYAN_COUNTY_CODES.length)
    throw badUserInput(`${field}: this indicator counts counties: at most ${KENYAN_COUNTY_CODES.length} nationally`, field);
}
