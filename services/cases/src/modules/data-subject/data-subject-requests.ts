import {
  filterList,
  decodeTypedCursor,
  kenyanDate,
  notFound,
  pageSize,
  toConnection,
  type ConnectionShape,
  type PageArgs,
} from '@kinga/shared';
import { Field, ID, InputType } from 'type-graphql';
import type { EntityManager, ObjectLiteral, Repository } from 'typeorm';
import { z } from 'zod';
import { CaseEntity } from '../case/case.entity';
import { caseNumberSchema, pastDate } from '../case/case.input';
import { SubjectRequester } from './data-subject.enums';

/**
 * What subject access and erasure requests share: a data subject's request about one case, named by id or, as
 * the requester has it on their papers, by number; recorded by the DPO and listed newest first.
 */
// Never in the schema itself: the inputs that extend it are.
@InputType()
export abstract class OpenRequestFields {
  @Field(() => ID, { nullable: true, description: 'The case the request is about: one pending request per case. Or give caseNumber.' })
  caseId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The case by its number, as the requester has it on their papers (KE-047-2025-000123), instead of caseId.',
  })
  caseNumber?: string | null;

  @Field(() => SubjectRequester)
  requestedBy: SubjectRequester;

  @Field(() => String, { nullable: true, description: 'ISO 8601 date it was received; today when omitted; never in the future.' })
  receivedOn?: string | null;
}

export const openRequestSchema = {
  caseId: z.string().uuid('is not a case id').nullish(),
  caseNumber: z.string().trim().pipe(caseNumberSchema).nullish(),
  requestedBy: z.nativeEnum(SubjectRequester),
  receivedOn: pastDate.nullish(),
};

export function requireOneWayToTheCase(input: { caseId?: string | null; caseNumber?: string | null }, ctx: z.RefinementCtx): void {
  if (!input.caseId === !input.caseNumber)
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: ['caseId'],
      message: 'give the case by its id or by its number (caseNumber), one of the two',
    });
}

export async function findRequestedCase(
  manager: EntityManager,
  asked: { caseId?: string | null; caseNumber?: string | null },
  { holdingErasure = false }: { holdingErasure?: boolean } = {},
): Promise<Pick<CaseEntity, 'id' | 'erasedAt'>> {
  const found = await manager.getRepository(CaseEntity).findOne({
    where: asked.caseId ? { id: asked.caseId } : { caseNumber: asked.caseNumber as string },
    select: { id: true, erasedAt: true },
    // `holdingErasure`: the case is read under a share lock, so an erasure being carried out (which holds it for
    // update) is waited for and its `erasedAt` seen, and none starts until this transaction ends.
    ...(holdingErasure ? { lock: { mode: 'pessimistic_read' as const } } : {}),
  });
  if (!found) throw notFound(asked.caseId ? 'No case has this id' : 'No case has this number');
  return found;
}

/** The DPO's answer to a request, kept with it: long enough to say something, never a document. */
export const dpoNoteSchema = (saying: string) =>
  z.string().trim().min(5, `must say ${saying}, in at least 5 characters`).max(2_000, 'must be at most 2000 characters');

/** A list's filter: some statuses, one case. */
export const requestFilterSchema = <Status extends Readonly<Record<string, string>>>(statuses: Status) =>
  // An empty status list is a filter that names nothing: refused, as in every list, not read as every request.
  z.object({ status: filterList(z.nativeEnum(statuses)), caseId: z.string().uuid('is not a case id').nullish() });

// Never in the schema itself: the filters that extend it are.
@InputType()
export abstract class RequestFilterFields {
  @Field(() => ID, { nullable: true, description: 'Only the requests about this case.' })
  caseId?: string | null;
}

/** What a request is as it is recorded: received, opened by the DPO now, not yet answered. */
export function receivedRequest(
  ctx: { now: Date },
  caller: { sub: string },
  caseId: string,
  received: { requestedBy: SubjectRequester; receivedOn?: string | null },
) {
  return {
    caseId,
    requestedBy: received.requestedBy,
    receivedOn: received.receivedOn ?? kenyanDate(ctx.now),
    openedBy: caller.sub,
    openedAt: ctx.now,
    closedAt: null,
    closedBy: null,
    outcomeNote: null,
  };
}

/** Newest first, filtered. */
export async function listNewestFirst<T extends ObjectLiteral & { id: string; openedAt: Date }>(
  repository: Repository<T>,
  filter: { status?: readonly string[] | null; caseId?: string | null },
  page: PageArgs,
): Promise<ConnectionShape<T>> {
  const limit = pageSize(page.first);
  const after = decodeTypedCursor(page.after, ['timestamptz', 'uuid']);
  const query = repository.createQueryBuilder('r');
  if (filter.status?.length) query.andWhere('r.status IN (:...statuses)', { statuses: filter.status });
  if (filter.caseId) query.andWhere('r.case_id = :caseId', { caseId: filter.caseId });
  const totalCount = await query.getCount();
  if (after) query.andWhere('(r.opened_at, r.id) < (:afterAt, :afterId)', { afterAt: after[0], afterId: after[1] });
  const rows = await query
    .orderBy('r.opened_at', 'DESC')
    .addOrderBy('r.id', 'DESC')
    .take(limit + 1)
    .getMany();
  return toConnection(rows, limit, totalCount, (row) => [row.openedAt.toISOString(), row.id]);
}
