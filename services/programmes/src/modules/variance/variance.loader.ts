import { groupBy } from '@kinga/shared';
import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import type { Period } from '../../common/period';
import type { IndicatorAggregation, IndicatorDirection, IndicatorUnit } from '../framework/framework.enums';
import type { AchievementStatus } from '../report/report.enums';
import { computeVariance, type ActualFact, type TargetFact, type VarianceFigures } from './variance.compute';
import { VarianceStatus } from './variance.enums';
import { withheldFromCaller } from './variance.withholding';

export interface VarianceKey {
  indicatorId: string;
  /** The indicator's, which callers already hold: not part of the cache key. */
  unit: IndicatorUnit;
  /** Likewise the indicator's. */
  direction: IndicatorDirection;
  /** Likewise the indicator's. */
  aggregation: IndicatorAggregation;
  /** Likewise the indicator's (`countsChildrenHarmed`). */
  aboutChildrenHarmed: boolean;
  /** Whether it counts counties, each 0 or 1 whichever agencies report it (`countsCounties`). */
  countsCounties: boolean;
  /** Null: national. */
  countyCode: string | null;
  year: number;
  quarter: number | null;
}

export interface IndicatorVarianceResult extends VarianceFigures {
  indicatorId: string;
  countyCode: string | null;
  period: Period;
  unit: IndicatorUnit;
}

const keyOf = (k: VarianceKey) => `${k.indicatorId}|${k.countyCode ?? ''}|${k.year}|${k.quarter ?? 0}`;

/**
 * The newest approved version of every report line: a revision supersedes, it never overwrites. Its columns
 * are named, not `r.*`: a column added by a newer release's migration would change the result of a statement
 * a connection has prepared, which PostgreSQL then refuses (named-statements.ts). Every
 * version of a line shares its indicator, county and quarter, so filtering on those before DISTINCT ON is
 * exact; a figure a correction may clear (spend, a value) is filtered after it.
 */
export const LATEST_APPROVED_SQL = `
  SELECT DISTINCT ON (r.lineage_id) r.lineage_id, r.version, r.indicator_id, r.agency_id, r.county_code, r.period_year, r.period_quarter,
         r.actual_value, r.denominator, r.achievement, r.spend_kes
    FROM programmes.progress_report r
   WHERE r.status = 'APPROVED'`;

interface ApprovedRow {
  indicator_id: string;
  agency_id: string;
  county_code: string;
  period_year: number;
  period_quarter: number;
  actual_value: number | null;
  denominator: number | null;
  achievement: AchievementStatus | null;
}

interface TargetRow {
  indicator_id: string;
  county_code: string | null;
  period_year: number;
  period_quarter: number | null;
  baseline: number | null;
  target_value: number;
}

/**
 * Variance for any number of indicator x scope x period keys in two statements: the indicators' targets
 * and their approved actuals for the years asked; the arithmetic runs here.
 */
/**
 * `today`: the request's Kenyan date, which decides whether a period has ended. `readsLine`: whether the caller
 * reads a report line about children harmed in full (`worksOnReport`); a figure such lines make is SUPPRESSED
 * here where it would tell the caller more of lines they do not read than the public is told
 * (variance.withholding.ts), so that every answer built on them (an objective's counts, a county's progress) is
 * too.
 */
export function createVarianceLoader(db: DataSource, today: string, readsLine: (line: ActualFact) => boolean) {
  return new DataLoader<VarianceKey, IndicatorVarianceResult, string>(
    async (keys) => {
      const indicatorIds = [...new Set(keys.map((k) => k.indicatorId))];
      const years = [...new Set(keys.map((k) => k.year))];
      const [targetRows, approvedRows] = await Promise.all([
        db.query(
          `SELECT indicator_id, county_code, period_year, period_quarter, baseline, target_value
             FROM programmes.target WHERE indicator_id = ANY ($1::uuid[]) AND period_year = ANY ($2::int[])`,
          [indicatorIds, years],
        ) as Promise<TargetRow[]>,
        db.query(
          `${LATEST_APPROVED_SQL} AND r.indicator_id = ANY ($1::uuid[]) AND r.period_year = ANY ($2::int[])
           ORDER BY r.lineage_id, r.version DESC`,
          [indicatorIds, years],
        ) as Promise<ApprovedRow[]>,
      ]);
      const targetsBy = groupBy(targetRows, (row) => row.indicator_id);
      const approvedBy = groupBy(approvedRows, (row) => row.indicator_id);
      const targetFacts = new Map<string, TargetFact[]>();
      const actualFacts = new Map<string, ActualFact[]>();
      for (const id of indicatorIds) {
        targetFacts.set(
          id,
          (targetsBy.get(id) ?? []).map((t) => ({
            countyCode: t.county_code,
            year: t.period_year,
            quarter: t.period_quarter,
            baseline: t.baseline,
            targetValue: t.target_value,
          })),
        );
        actualFacts.set(
          id,
          (approvedBy.get(id) ?? []).map((r) => ({
            countyCode: r.county_code,
            agencyId: r.agency_id,
            year: r.period_year,
            quarter: r.period_quarter,
            actualValue: r.actual_value,
            denominator: r.denominator,
            achievement: r.achievement,
          })),
        );
      }
      const figuresOf = (key: VarianceKey, period: Period, lines: readonly ActualFact[]) =>
        computeVariance(key.unit, key.direction, targetFacts.get(key.indicatorId) ?? [], lines, key.countyCode, period, {
          aggregation: key.aggregation,
          countsCounties: key.countsCounties,
          today,
        });
      // The lines the caller does not read depend on the indicator alone: sorted out once, not for each key.
      const unreadBy = new Map<string, ActualFact[]>();
      const unreadOf = (indicatorId: string) => {
        let unread = unreadBy.get(indicatorId);
        if (!unread) unreadBy.set(indicatorId, (unread = (actualFacts.get(indicatorId) ?? []).filter((line) => !readsLine(line))));
        return unread;
      };
      return keys.map((key) => {
        const period = { year: key.year, quarter: key.quarter };
        const lines = actualFacts.get(key.indicatorId) ?? [];
        const figures = figuresOf(key, period, lines);
        const withheld =
          key.aboutChildrenHarmed &&
          withheldFromCaller(key, figures, lines, unreadOf(key.indicatorId), (asked, some) => figuresOf(key, asked, some));
        return {
          indicatorId: key.indicatorId,
          countyCode: key.countyCode,
          period,
          unit: key.unit,
          ...(withheld
            ? {
                ...figures,
                actual: null,
                absoluteVariance: null,
                relativeVariance: null,
                status: VarianceStatus.SUPPRESSED,
                // A national percentage's target made of county targets is weighted by the counties' denominators
                // (their children): beside a withheld figure it would give their ratio away.
                ...(figures.targetWeighted ? { target: null } : {}),
              }
            : figures),
        };
      });
    },
    { cacheKeyFn: keyOf },
  );
}

export interface SpendFact {
  countyCode: string;
  year: number;
  quarter: number;
  spendKes: number;
}

/**
 * Reported spend (approved, newest versions) per objective, one statement per batch of objectives. The spend
 * is read after the newest version is chosen: a correction approved without a spend clears the one it
 * supersedes, rather than letting it count again.
 */
export function createObjectiveSpendLoader(db: DataSource) {
  return new DataLoader<string, SpendFact[]>(async (objectiveIds) => {
    const rows: Array<{ objective_id: string; county_code: string; period_year: number; period_quarter: number; spend: string }> =
      await db.query(
        `SELECT i.objective_id, latest.county_code, latest.period_year, latest.period_quarter, sum(latest.spend_kes)::text AS spend
           FROM (${LATEST_APPROVED_SQL}
                   AND r.indicator_id IN (SELECT id FROM programmes.indicator WHERE objective_id = ANY ($1::uuid[]))
                 ORDER BY r.lineage_id, r.version DESC) latest
           JOIN programmes.indicator i ON i.id = latest.indicator_id
          WHERE latest.spend_kes IS NOT NULL
          GROUP BY i.objective_id, latest.county_code, latest.period_year, latest.period_quarter`,
        [[...objectiveIds]],
      );
    return objectiveIds.map((id) =>
      rows
        .filter((r) => r.objective_id === id)
        .map((r) => ({ countyCode: r.county_code, year: r.period_year, quarter: r.period_quarter, spendKes: Number(r.spend) })),
    );
  });
}
