import {
  conflict,
  isUniqueViolation,
  notFound,
  postgresConstraint,
  SubjectAccessStatus,
  validateInput,
  type ConnectionShape,
  type PageArgs,
} from '@kinga/shared';
import type { CasesContext } from '../../cases.context';
import { callerOf, toCaseView } from '../case/case.service';
import type { CaseView } from '../case/case.type';
import { findRequestedCase, listNewestFirst, receivedRequest } from '../data-subject/data-subject-requests';
import { SubjectAccessRequestEntity } from './subject-access.entity';
import { SubjectAccessOutcome } from './subject-access.enums';
import {
  closeSubjectAccessRequestSchema,
  openSubjectAccessRequestSchema,
  subjectAccessRequestFilterSchema,
  subjectAccessRequestIdSchema,
  type CloseSubjectAccessRequestInput,
  type OpenSubjectAccessRequestInput,
  type SubjectAccessRequestFilter,
} from './subject-access.input';

/** The partial unique index that keeps one OPEN request per case (migration 1764200000000). */
const ONE_OPEN_REQUEST_PER_CASE = 'subject_access_request_one_open_per_case';

const CLOSED_AS: Readonly<Record<SubjectAccessOutcome, SubjectAccessStatus>> = {
  [SubjectAccessOutcome.COMPLETED]: SubjectAccessStatus.COMPLETED,
  [SubjectAccessOutcome.REFUSED]: SubjectAccessStatus.REFUSED,
};

const alreadyOpen = () => conflict('This case already has an open subject access request: answer that one');

/**
 * Records a request as received. The requester's identity and entitlement are checked by the DPO before this,
 * since opening it is what lets the DPO read the case. One open request per case: the partial unique index
 * decides, for two DPOs recording the same request at once as for one after the other.
 */
export async function openSubjectAccessRequest(
  ctx: CasesContext,
  input: OpenSubjectAccessRequestInput,
): Promise<SubjectAccessRequestEntity> {
  const caller = callerOf(ctx);
  const valid = validateInput(openSubjectAccessRequestSchema, input);
  try {
    return await ctx.db.transaction(async (manager) => {
      // A requester has the case's number on their papers, rarely its id.
      const found = await findRequestedCase(manager, valid);
      const requests = manager.getRepository(SubjectAccessRequestEntity);
      const request = await requests.save(
        requests.create({ ...receivedRequest(ctx, caller, found.id, valid), status: SubjectAccessStatus.OPEN }),
      );
      await ctx.auditWrite(
        manager,
        'SubjectAccessRequest',
        [request.id, request.caseId],
        ['caseId', 'requestedBy', 'receivedOn', 'status'],
      );
      return request;
    });
  } catch (error) {
    if (isUniqueViolation(error) && postgresConstraint(error) === ONE_OPEN_REQUEST_PER_CASE) throw alreadyOpen();
    throw error;
  }
}

/** Closing ends the DPO's access to the case's records, whichever way the request was answered. */
export async function closeSubjectAccessRequest(
  ctx: CasesContext,
  input: CloseSubjectAccessRequestInput,
): Promise<SubjectAccessRequestEntity> {
  const caller = callerOf(ctx);
  const valid = validateInput(closeSubjectAccessRequestSchema, input);
  return ctx.db.transaction(async (manager) => {
    const requests = manager.getRepository(SubjectAccessRequestEntity);
    const request = await requests.findOne({ where: { id: valid.id }, lock: { mode: 'pessimistic_write' } });
    if (!request) throw notFound('No subject access request has this id');
    if (request.status !== SubjectAccessStatus.OPEN) throw conflict(`This request is already ${request.status}`);
    request.status = CLOSED_AS[valid.outcome];
    request.closedAt = ctx.now;
    request.closedBy = caller.sub;
    request.outcomeNote = valid.note;
    const saved = await requests.save(request);
    await ctx.auditWrite(manager, 'SubjectAccessRequest', [request.id, request.caseId], ['status', 'closedAt', 'closedBy', 'outcomeNote']);
    return saved;
  });
}

export async function findSubjectAccessRequest(ctx: CasesContext, id: string): Promise<SubjectAccessRequestEntity | null> {
  const valid = validateInput(subjectAccessRequestIdSchema, id, 'id');
  return ctx.loaders.subjectAccessRequestById.load(valid);
}

/** Newest first. */
export async function listSubjectAccessRequests(
  ctx: CasesContext,
  filter: SubjectAccessRequestFilter | null | undefined,
  page: PageArgs,
): Promise<ConnectionShape<SubjectAccessRequestEntity>> {
  const valid = validateInput(subjectAccessRequestFilterSchema, filter ?? {}, 'filter');
  return listNewestFirst(ctx.db.getRepository(SubjectAccessRequestEntity), valid, page);
}

/**
 * The request's case, as a case reached through the request: while it is OPEN its fields (and its child's,
 * caregivers', consents' and notes') are open to the DPO (`decideFieldAccess`, via SUBJECT_ACCESS); once
 * closed, to nobody by this way.
 */
export async function caseOfRequest(ctx: CasesContext, request: SubjectAccessRequestEntity): Promise<CaseView | null> {
  const entity = await ctx.loaders.caseById.load(request.caseId);
  if (!entity) return null;
  const view = toCaseView(entity);
  return { ...view, scope: { ...view.scope, subjectAccess: request.status === SubjectAccessStatus.OPEN } };
}
