import { forbidden, pageSize, SubjectAccessStatus, type ConnectionShape, type PageArgs } from '@kinga/shared';
import type { ReferralsContext } from '../../referrals.context';
import { uuids } from '../referral/referral.loader';
import type { ReferralRow } from '../referral/referral.row';
import type { SubjectAccessRequest } from './subject-access.type';

/** Only what the contract names is taken from a representation; anything malformed covers nothing. */
export function requestFromRepresentation(reference: { id: string; status?: unknown; caseId?: unknown }): SubjectAccessRequest {
  const status = Object.values(SubjectAccessStatus).includes(reference.status as SubjectAccessStatus)
    ? (reference.status as SubjectAccessStatus)
    : SubjectAccessStatus.REFUSED;
  const [caseId] = typeof reference.caseId === 'string' ? uuids([reference.caseId]) : [];
  return { id: reference.id, status: caseId ? status : SubjectAccessStatus.REFUSED, caseId: caseId ?? '' };
}

/**
 * Every referral of the request's case, newest first, each marked as reached through the request: the field
 * rules then open it to the DPO while the request is OPEN. Copies, so that the mark never rides on a row
 * another path of the same operation loaded. Batched: the requests of one `_entities` call share a statement.
 */
export async function referralsOfRequest(
  ctx: ReferralsContext,
  request: SubjectAccessRequest,
  page: PageArgs,
): Promise<ConnectionShape<ReferralRow & { subjectAccess: true }>> {
  if (request.status !== SubjectAccessStatus.OPEN) {
    throw ctx.audit.refuse(
      'SubjectAccessRequest',
      request.id,
      'referrals',
      forbidden('This subject access request is closed: its records are no longer open to you'),
    );
  }
  const connection = await ctx.loaders
    .nestedReferrals('case_id', { limit: pageSize(page.first), after: page.after, statuses: null, everyReferral: true })
    .load(request.caseId);
  ctx.audit.read('SubjectAccessRequest', request.id, 'referrals');
  return { ...connection, edges: connection.edges.map((edge) => ({ ...edge, node: { ...edge.node, subjectAccess: true as const } })) };
}
