import { PageArgs, type ConnectionShape } from '@kinga/shared';
import { Arg, Args, Ctx, Directive, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { CasesContext } from '../../cases.context';
import { Case, PROVIDES_PARTIES_ON_CASE, type CaseView } from '../case/case.type';
import type { SubjectAccessRequestEntity } from './subject-access.entity';
import { CloseSubjectAccessRequestInput, OpenSubjectAccessRequestInput, SubjectAccessRequestFilter } from './subject-access.input';
import {
  caseOfRequest,
  closeSubjectAccessRequest,
  findSubjectAccessRequest,
  listSubjectAccessRequests,
  openSubjectAccessRequest,
} from './subject-access.service';
import { SubjectAccessRequest, SubjectAccessRequestConnection, SubjectAccessRequestPayload } from './subject-access.type';

@Resolver(() => SubjectAccessRequest)
export class SubjectAccessRequestResolver {
  @Query(() => SubjectAccessRequest, { nullable: true, description: 'A subject access request by id. DATA_PROTECTION_OFFICER only.' })
  subjectAccessRequest(@Arg('id', () => ID) id: string, @Ctx() ctx: CasesContext): Promise<SubjectAccessRequestEntity | null> {
    return findSubjectAccessRequest(ctx, id);
  }

  @Query(() => SubjectAccessRequestConnection, { description: 'Subject access requests, newest first. DATA_PROTECTION_OFFICER only.' })
  subjectAccessRequests(
    @Arg('filter', () => SubjectAccessRequestFilter, { nullable: true }) filter: SubjectAccessRequestFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: CasesContext,
  ): Promise<ConnectionShape<SubjectAccessRequestEntity>> {
    return listSubjectAccessRequests(ctx, filter, page);
  }

  @Mutation(() => SubjectAccessRequestPayload, {
    description:
      "Records a subject access request, once the requester's identity and entitlement are checked: while it is OPEN the DPO reads the case's records through it. One open request per case.",
  })
  async openSubjectAccessRequest(
    @Arg('input') input: OpenSubjectAccessRequestInput,
    @Ctx() ctx: CasesContext,
  ): Promise<{ request: SubjectAccessRequestEntity }> {
    return { request: await openSubjectAccessRequest(ctx, input) };
  }

  @Mutation(() => SubjectAccessRequestPayload, {
    description: "Closes a request as COMPLETED or REFUSED, with a note: the DPO's access to the case's records ends.",
  })
  async closeSubjectAccessRequest(
    @Arg('input') input: CloseSubjectAccessRequestInput,
    @Ctx() ctx: CasesContext,
  ): Promise<{ request: SubjectAccessRequestEntity }> {
    return { request: await closeSubjectAccessRequest(ctx, input) };
  }

  @Directive(PROVIDES_PARTIES_ON_CASE)
  @FieldResolver(() => Case, {
    nullable: true,
    description:
      "The case asked about, each field open to the DPO while the request is OPEN (and refused, as anywhere, once it is closed). The case's referrals are in `referrals` here, not under the case.",
  })
  async case(@Root() request: SubjectAccessRequestEntity, @Ctx() ctx: CasesContext): Promise<CaseView | null> {
    ctx.audit.read('SubjectAccessRequest', request.id, 'case');
    return caseOfRequest(ctx, request);
  }
}

export const subjectAccessRequestReference = {
  __resolveReference: (reference: { id: string }, ctx: CasesContext) => findSubjectAccessRequest(ctx, reference.id),
};
