import { orderByKey, suppress } from '@kinga/shared';
import type { DataSource } from 'typeorm';
import { ReferralStatisticsDimension as D } from './referral-statistics.type';

/** The order dimensions take in a grouping, whatever order the caller names them in. */
export const DIMENSION_ORDER: readonly D[] = [D.COUNTY, D.SERVICE, D.URGENCY, D.STATUS, D.MONTH];

const DIMENSION_SQL: Record<D, string> = {
  COUNTY: 'r.case_county::text',
  SERVICE: 'r.service_requested',
  URGENCY: 'r.urgency',
  // How a referral ended, not the sender's tidying up: one closed after it was declined counts as declined, one
  // closed after it was completed as completed (CLOSED is reached from those two only).
  STATUS: `CASE WHEN r.status <> 'CLOSED' THEN r.status WHEN r.declined_at IS NOT NULL THEN 'DECLINED' ELSE 'COMPLETED' END`,
  MONTH: `to_char(r.created_at AT TIME ZONE 'Africa/Nairobi', 'YYYY-MM')`,
};

const median = (column: string) => `percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM (${column} - r.created_at)) / 3600.0)`;

export type NationalTableRow = Record<string, string | number | null>;

/** One cell of a national table: its key, its count and measures as read, and whether it is suppressed. */
export interface NationalTableCell {
  key: Record<D, string>;
  count: number;
  /** The children (cases) its referrals are about: a child referred five times is not five children. */
  subjects: number;
  row: NationalTableRow;
  suppressed: boolean;
}

/**
 * Every referral in the country aggregated by `dimensions` (in DIMENSION_ORDER) and suppressed: the table
 * every filtered query of that grouping is cut from. Ordered by key here, once, since a cut keeps the order.
 */
export async function computeNationalTable(db: DataSource, dimensions: readonly D[]): Promise<NationalTableCell[]> {
  const select = dimensions.map((d, i) => `${DIMENSION_SQL[d]} AS d${i}`);
  const rows: NationalTableRow[] = await db.query(
    `SELECT ${[...select, 'count(*)::int AS n', 'count(DISTINCT r.case_id)::int AS children'].join(', ')},
            ${median('r.acknowledged_at')} AS ack, ${median('r.accepted_at')} AS accept, ${median('r.completed_at')} AS complete,
            avg(CASE WHEN r.completed_at IS NULL THEN NULL
                     WHEN r.acknowledged_at <= r.acknowledge_by AND r.started_at <= r.start_by THEN 1.0 ELSE 0.0 END) AS within_sla,
            count(r.acknowledged_at)::int AS ack_n, count(r.accepted_at)::int AS accept_n, count(r.completed_at)::int AS complete_n,
            count(DISTINCT r.case_id) FILTER (WHERE r.acknowledged_at IS NOT NULL)::int AS ack_children,
            count(DISTINCT r.case_id) FILTER (WHERE r.accepted_at IS NOT NULL)::int AS accept_children,
            count(DISTINCT r.case_id) FILTER (WHERE r.completed_at IS NOT NULL)::int AS complete_children
       FROM referrals.referral r
       ${dimensions.length > 0 ? `GROUP BY ${dimensions.map((_d, i) => i + 1).join(', ')}` : ''}`,
  );
  const keyed = rows
    .map((row) => ({
      key: Object.fromEntries(dimensions.map((d, i) => [d, String(row[`d${i}`]).trim()])) as Record<D, string>,
      count: Number(row.n),
      subjects: Number(row.children),
      row,
    }))
    .filter((r) => r.count > 0);
  // A combination with no referral, hidden beside a complement that would otherwise stand alone: no measures.
  const none = (key: Record<D, string>) => ({ key, count: 0, subjects: 0, row: {} });
  return orderByKey(suppress(keyed, dimensions, none), dimensions);
}
