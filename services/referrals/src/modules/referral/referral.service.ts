import {
  badUserInput,
  checkCursorValues,
  decodeCursor,
  decodeTypedCursor,
  forbidden,
  pageSize,
  roleMayReadTier,
  Tier,
  partyKeyOf,
  SqlConditions,
  toConnection,
  validateInput,
  type ConnectionShape,
  type CursorValue,
  type PageArgs,
} from '@kinga/shared';
import type { ReferralsContext } from '../../referrals.context';
import { relationTo, visibilityCondition, visibilityImpliedBy } from './referral.access';
import { ReferralDirection } from './referral.enums';
import { referralFilterSchema, type ReferralFilter } from './referral.input';
import { REFERRAL_CURSOR, referralCursor } from './referral.loader';
import { referralColumns, UUID, type ReferralRow } from './referral.row';

/** A referral the caller may see; FORBIDDEN (and a denial in the audit trail) when they may not. */
export async function findVisibleReferral(ctx: ReferralsContext, id: string, field = 'id'): Promise<ReferralRow | null> {
  if (!UUID.test(id)) throw badUserInput(`${field}: is not a referral id`, field);
  const row = await ctx.loaders.referral.load(id);
  return row ? guardVisible(ctx, row) : null;
}

export async function findReferralByReference(ctx: ReferralsContext, reference: string): Promise<ReferralRow | null> {
  const normalised = reference.trim().toUpperCase();
  if (!/^KE-\d{3}-\d{4}-\d{6}$/.test(normalised)) throw badUserInput('reference: must look like KE-047-2026-000123', 'reference');
  const [row]: ReferralRow[] = await ctx.db.query(`SELECT ${referralColumns('r')} FROM referrals.referral r WHERE r.reference = $1`, [
    normalised,
  ]);
  // References run in sequence per county and year with no gaps: telling "not yours" from "none" would let any
  // caller count a county's referrals, which the statistics suppress. Both are null, with one DENY row alike;
  // so is a referral to a role that reads nothing of one (an analyst of the owning agency), whose answer would
  // otherwise be a refused field where a missing reference is null.
  const caller = ctx.caller;
  if (!row || !caller || !roleMayReadTier(caller.role, Tier.OPERATIONAL) || !relationTo(caller, row)) {
    ctx.audit.deny('Referral', row?.id ?? null, 'referralByReference');
    return null;
  }
  ctx.loaders.referral.prime(row.id, row);
  return row;
}

function guardVisible(ctx: ReferralsContext, row: ReferralRow): ReferralRow {
  if (ctx.caller && relationTo(ctx.caller, row)) return row;
  throw ctx.audit.refuse('Referral', row.id, 'referral', forbidden('You are not a party to this referral and do not own its case'));
}

/**
 * The overdue list's cursors carry their own mark: a position by due time given to the newest-first list (or
 * the other way round) would silently page from the wrong place, so each list refuses the other's.
 */
const DUE_CURSOR = 'due';
function decodeDueCursor(cursor: string | null | undefined): CursorValue[] | null {
  const values = decodeCursor(cursor, 3);
  if (values && values[0] !== DUE_CURSOR) throw badUserInput('after is not a cursor this list gave out', 'after');
  // The position after the mark, checked as the newest-first list's is.
  return values && checkCursorValues(values.slice(1), REFERRAL_CURSOR);
}

interface ListOptions {
  filter?: ReferralFilter | null;
  overdueOnly?: boolean;
}

/**
 * Referrals the caller may see, filtered, as a connection in one statement: newest first, or (overdue lists)
 * the longest overdue first. The count is taken over all pages, before the cursor.
 */
export async function listReferrals(ctx: ReferralsContext, page: PageArgs, options: ListOptions): Promise<ConnectionShape<ReferralRow>> {
  const limit = pageSize(page.first);
  const byDue = options.overdueOnly === true;
  const after = byDue ? decodeDueCursor(page.after) : decodeTypedCursor(page.after, REFERRAL_CURSOR);
  const filter = options.filter ?? {};
  if (options.filter) validateInput(referralFilterSchema, options.filter, 'filter');
  const conditions = new SqlConditions();
  const { param: p } = conditions;
  let visibilityImplied = false;
  if (filter.status?.length) conditions.where(`r.status = ANY(${p(filter.status)}::text[])`);
  if (filter.urgency?.length) conditions.where(`r.urgency = ANY(${p(filter.urgency)}::text[])`);
  if (filter.county) conditions.where(`r.case_county = ${p(filter.county)}`);
  if (filter.createdFrom) conditions.where(`r.created_at >= ${p(filter.createdFrom)}`);
  if (filter.createdTo) conditions.where(`r.created_at <= ${p(filter.createdTo)}`);
  if (filter.changedSince) conditions.where(`r.updated_at > ${p(filter.changedSince)}`);
  if (filter.direction) {
    const side = filter.direction === ReferralDirection.INCOMING ? 'to' : 'from';
    // A named provider, else the caller's own side: their service point, or a partner system's agency.
    const own = filter.provider ? { party: 'provider' as const, id: filter.provider } : ctx.caller ? partyKeyOf(ctx.caller) : null;
    if (!own) throw badUserInput('filter.provider: name the provider whose referrals you want in that direction', 'filter.provider');
    conditions.where(`r.${side}_${own.party}_id = ${p(own.id)}`);
    visibilityImplied = visibilityImpliedBy(ctx.caller, own.party, own.id);
  } else if (filter.provider) {
    const provider = p(filter.provider);
    conditions.where(`(r.from_provider_id = ${provider} OR r.to_provider_id = ${provider})`);
  }
  if (!visibilityImplied) conditions.where(visibilityCondition(ctx.caller, 'r', p));
  const overdue = options.overdueOnly ? true : filter.overdue;
  if (overdue === true) conditions.where(`r.next_due_at < ${p(ctx.now)}`);
  if (overdue === false) conditions.where(`(r.next_due_at IS NULL OR r.next_due_at >= ${p(ctx.now)})`);

  const order = (a: string) => (byDue ? `${a}."nextDueAt" ASC, ${a}.id ASC` : `${a}."createdAt" DESC, ${a}.id DESC`);
  let cursor = '';
  if (after) {
    cursor = byDue
      ? `WHERE (t."nextDueAt", t.id) > (${p(String(after[0]))}::timestamptz, ${p(String(after[1]))}::uuid)`
      : `WHERE (t."createdAt", t.id) < (${p(String(after[0]))}::timestamptz, ${p(String(after[1]))}::uuid)`;
  }
  // The count row always comes back, so an empty last page still says how many match. NOT MATERIALIZED: the
  // count can then read the covering index alone and the page stop after `limit` rows in index order.
  const rows: Array<Partial<ReferralRow> & { totalCount: string }> = await ctx.db.query(
    `WITH m AS NOT MATERIALIZED (SELECT ${referralColumns('r')} FROM referrals.referral r${conditions.sql})
     SELECT c."totalCount", p.* FROM (SELECT count(*) AS "totalCount" FROM m) c
       LEFT JOIN LATERAL (SELECT * FROM m t ${cursor} ORDER BY ${order('t')} LIMIT ${p(limit + 1)}) p ON true
      ORDER BY ${order('p')}`,
    conditions.params,
  );
  const total = rows.length > 0 ? Number(rows[0].totalCount) : 0;
  const found = rows.filter((row): row is ReferralRow & { totalCount: string } => row.id !== null && row.id !== undefined);
  for (const row of found) ctx.loaders.referral.prime(row.id, row);
  const cursorOf = byDue ? (row: ReferralRow) => [DUE_CURSOR, (row.nextDueAt as Date).toISOString(), row.id] : referralCursor;
  return toConnection<ReferralRow>(found, limit, total, cursorOf);
}
