import {
  checkFilterList,
  createPagePerParentLoader,
  decodeTypedCursor,
  findWhereIn,
  groupBy,
  groupedLoader,
  SqlConditions,
  toConnection,
  type Caller,
  type ConnectionShape,
  type CursorValue,
  type PagePerParent,
} from '@kinga/shared';
import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import type { ReferralParty } from '../case/case.type';
import { visibilityCondition, visibilityImpliedBy } from './referral.access';
import { ReferralEventEntity } from './referral.entity';
import type { AgencyType, ReferralStatus } from './referral.enums';
import { ENDED_STATES, partiesInState } from './referral.lifecycle';
import {
  referralColumns,
  serviceRecordColumns,
  UUID,
  type ReferralEventRow,
  type ReferralRow,
  type ServiceRecordRow,
} from './referral.row';

/** The ids that can be uuids, once each: anything else matches no row, and would fail the cast. */
export const uuids = (ids: readonly string[]) => [...new Set(ids.filter((id) => UUID.test(id)))];

export function createReferralLoader(db: DataSource) {
  return new DataLoader<string, ReferralRow | null>(async (ids) => {
    const rows: ReferralRow[] = await db.query(`SELECT ${referralColumns('r')} FROM referrals.referral r WHERE r.id = ANY($1::uuid[])`, [
      uuids(ids),
    ]);
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

export function createReferralHistoryLoader(db: DataSource) {
  return groupedLoader<ReferralEventRow>(
    (referralIds) =>
      findWhereIn(db, ReferralEventEntity, 'referralId', uuids(referralIds), [
        ['referralId', 'ASC'],
        ['sequence', 'ASC'],
      ]),
    (row) => row.referralId,
  );
}

/** What a referral's recipient recorded as delivered, in the order it was recorded. */
export const SERVICE_RECORDS_OF_A_REFERRAL: PagePerParent = {
  table: 'referrals.service_record',
  parentColumn: 'referral_id',
  select: serviceRecordColumns('t'),
  keys: [
    { column: 't.recorded_at', type: 'timestamptz' },
    { column: 't.id', type: 'uuid' },
  ],
  direction: 'ASC',
};

export function createServiceRecordPageLoader(db: DataSource, limit: number, after: CursorValue[] | null) {
  return createPagePerParentLoader<ServiceRecordRow>(db, SERVICE_RECORDS_OF_A_REFERRAL, limit, after);
}

/**
 * `Case.referralParties`: the parties of every referral of the batch's cases while their part lasts (both
 * until CLOSED or CANCELLED, the recipient not after DECLINED: `partiesInState`), in one statement whatever
 * the number of cases (the contract with the cases subgraph).
 */
export function createReferralPartiesLoader(db: DataSource) {
  return new DataLoader<string, ReferralParty[]>(async (caseIds) => {
    const rows: Array<{
      caseId: string;
      status: ReferralStatus;
      fromProviderId: string;
      fromAgencyId: string;
      fromAgencyType: AgencyType | null;
      toProviderId: string;
      toAgencyId: string;
      toAgencyType: AgencyType | null;
    }> = await db.query(
      `SELECT case_id AS "caseId", status, from_provider_id AS "fromProviderId", from_agency_id AS "fromAgencyId", from_agency_type AS "fromAgencyType",
              to_provider_id AS "toProviderId", to_agency_id AS "toAgencyId", to_agency_type AS "toAgencyType"
         FROM referrals.referral WHERE case_id = ANY($1::uuid[]) AND status <> ALL($2::text[])`,
      [uuids(caseIds), [...ENDED_STATES]],
    );
    const byCase = new Map<string, Map<string, ReferralParty>>();
    for (const row of rows) {
      const parties = byCase.get(row.caseId) ?? new Map<string, ReferralParty>();
      const { sender, recipient } = partiesInState(row.status);
      if (sender) {
        parties.set(`${row.fromProviderId}:${row.fromAgencyId}`, {
          providerId: row.fromProviderId,
          agencyId: row.fromAgencyId,
          agencyType: row.fromAgencyType,
        });
      }
      if (recipient) {
        parties.set(`${row.toProviderId}:${row.toAgencyId}`, {
          providerId: row.toProviderId,
          agencyId: row.toAgencyId,
          agencyType: row.toAgencyType,
        });
      }
      byCase.set(row.caseId, parties);
    }
    return caseIds.map((id) => [...(byCase.get(id)?.values() ?? [])]);
  });
}

export type ReferralParentColumn = 'case_id' | 'to_provider_id' | 'from_provider_id';

export interface NestedConnectionArgs {
  limit: number;
  after: string | null | undefined;
  statuses: readonly ReferralStatus[] | null | undefined;
  /** Every referral of the parent, not only those the caller may see: for a subject access request, which decides by itself. */
  everyReferral?: boolean;
}

/**
 * The referrals of many cases or providers as one connection each, in one statement: rows numbered per
 * parent, newest first, after the cursor; the count is taken before the cursor, over all pages.
 */
export function createNestedReferralConnectionLoader(
  db: DataSource,
  caller: Caller | null,
  parent: ReferralParentColumn,
  args: NestedConnectionArgs,
) {
  const after = decodeTypedCursor(args.after, REFERRAL_CURSOR);
  checkFilterList(args.statuses, 'status');
  return new DataLoader<string, ConnectionShape<ReferralRow>>(async (parentIds) => {
    const { param, params } = new SqlConditions();
    const parents = param(uuids(parentIds));
    // A provider's own lists (its incoming queue asked through serviceProvider) need no visibility condition, as
    // the top-level list's do not: kept, it sent every count of the provider's referrals to the table's rows.
    const ownLists = parent !== 'case_id' && parentIds.every((id) => visibilityImpliedBy(caller, 'provider', id));
    const visible = args.everyReferral || ownLists ? 'true' : visibilityCondition(caller, 'r', param);
    const statusCondition = args.statuses?.length ? `AND r.status = ANY(${param([...args.statuses])}::text[])` : '';
    const cursorCondition = after
      ? `AND (r.created_at, r.id) < (${param(String(after[0]))}::timestamptz, ${param(String(after[1]))}::uuid)`
      : '';
    const limit = param(args.limit + 1);
    const matches = `r.${parent} = parent.id AND ${visible} ${statusCondition}`;
    const rows: Array<Partial<ReferralRow> & { parentId: string; totalCount: string }> = await db.query(
      `SELECT parent.id AS "parentId", c."totalCount", p.*
         FROM unnest(${parents}::uuid[]) AS parent(id)
        CROSS JOIN LATERAL (SELECT count(*) AS "totalCount" FROM referrals.referral r WHERE ${matches}) c
         LEFT JOIN LATERAL (SELECT ${referralColumns('r')} FROM referrals.referral r WHERE ${matches} ${cursorCondition}
                             ORDER BY r.created_at DESC, r.id DESC LIMIT ${limit}) p ON true
        ORDER BY parent.id, p."createdAt" DESC, p.id DESC`,
      params,
    );
    const byParent = groupBy(rows, (row) => row.parentId);
    return parentIds.map((id) => {
      const own = byParent.get(id) ?? [];
      const found = own.filter(
        (row): row is ReferralRow & { parentId: string; totalCount: string } => row.id !== null && row.id !== undefined,
      );
      return toConnection<ReferralRow>(found, args.limit, own.length > 0 ? Number(own[0].totalCount) : 0, referralCursor);
    });
  });
}

export const referralCursor = (row: ReferralRow) => [row.createdAt.toISOString(), row.id];
/** The key types of `referralCursor`'s values, to check a cursor given back against. */
export const REFERRAL_CURSOR = ['timestamptz', 'uuid'] as const;
