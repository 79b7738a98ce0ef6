import { decodeCursor, pageSize, SubjectAccessStatus, toConnection, type ConnectionShape, type PageArgs } from '@kinga/shared';
import type { ReferralsContext } from '../../referrals.context';
import { referralCursor, uuids } from '../referral/referral.loader';
import { referralColumns, type ReferralRow } from '../referral/referral.row';
import type { SubjectAccessRequest } from './subject-access.type';

/** Only what the contract names is taken from a representation; anything malformed covers nothing. */
export function requestFromRepresentation(reference: { id: string; status?: unknown; caseIds?: unknown }): SubjectAccessRequest {
  const status = Object.values(SubjectAccessStatus).includes(reference.status as SubjectAccessStatus)
    ? (reference.status as SubjectAccessStatus)
    : SubjectAccessStatus.REFUSED;
  const caseIds = Array.isArray(reference.caseIds) ? uuids(reference.caseIds.filter((id): id is string => typeof id === 'string')) : [];
  return { id: reference.id, status, caseIds };
}

/**
 * Every referral of the request's cases, newest first, each marked as reached through the request: the field
 * rules then open it to the DPO while the request is OPEN. Copies, so that the mark never rides on a row
 * another path of the same operation loaded. A request that is not OPEN covers nothing.
 */
export async function referralsOfRequest(
  ctx: ReferralsContext,
  request: SubjectAccessRequest,
  page: PageArgs,
): Promise<ConnectionShape<ReferralRow & { subjectAccess: true }>> {
  const limit = pageSize(page.first);
  const after = decodeCursor(page.after, 2);
  if (request.status !== SubjectAccessStatus.OPEN || request.caseIds.length === 0) {
    return toConnection([], limit, 0, referralCursor);
  }
  const params: unknown[] = [request.caseIds];
  let cursorCondition = '';
  if (after) {
    params.push(String(after[0]), String(after[1]));
    cursorCondition = `AND (r.created_at, r.id) < ($2::timestamptz, $3::uuid)`;
  }
  const [{ total }]: Array<{ total: number }> = await ctx.db.query(
    `SELECT count(*)::int AS total FROM referrals.referral r WHERE r.case_id = ANY($1::uuid[])`,
    [request.caseIds],
  );
  params.push(limit + 1);
  const rows: ReferralRow[] = await ctx.db.query(
    `SELECT ${referralColumns('r')} FROM referrals.referral r WHERE r.case_id = ANY($1::uuid[]) ${cursorCondition}
      ORDER BY r.created_at DESC, r.id DESC LIMIT $${params.length}`,
    params,
  );
  ctx.audit.read('SubjectAccessRequest', request.id, 'referrals');
  return toConnection(
    rows.map((row) => ({ ...row, subjectAccess: true as const })),
    limit,
    total,
    referralCursor,
  );
}
