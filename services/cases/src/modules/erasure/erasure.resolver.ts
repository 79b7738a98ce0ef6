import { PageArgs, type ConnectionShape } from '@kinga/shared';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { CasesContext } from '../../cases.context';
import type { ErasureRequestEntity } from './erasure.entity';
import { AnswerErasureRequestInput, ErasureRequestFilter, OpenErasureRequestInput } from './erasure.input';
import {
  carryOutErasureRequest,
  findErasureRequest,
  listErasureRequests,
  openErasureRequest,
  refuseErasureRequest,
} from './erasure.service';
import { ErasureRequest, ErasureRequestConnection, ErasureRequestPayload } from './erasure.type';

@Resolver(() => ErasureRequest)
export class ErasureRequestResolver {
  @Query(() => ErasureRequest, { nullable: true, description: 'An erasure request by id. DATA_PROTECTION_OFFICER only.' })
  erasureRequest(@Arg('id', () => ID) id: string, @Ctx() ctx: CasesContext): Promise<ErasureRequestEntity | null> {
    return findErasureRequest(ctx, id);
  }

  @Query(() => ErasureRequestConnection, { description: 'Erasure requests, newest first. DATA_PROTECTION_OFFICER only.' })
  erasureRequests(
    @Arg('filter', () => ErasureRequestFilter, { nullable: true }) filter: ErasureRequestFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: CasesContext,
  ): Promise<ConnectionShape<ErasureRequestEntity>> {
    return listErasureRequests(ctx, filter, page);
  }

  @Mutation(() => ErasureRequestPayload, {
    description:
      "Records a request to erase a case's personal data (Data Protection Act 2019, s. 40), once the requester's identity and entitlement are checked. One pending request per case.",
  })
  async openErasureRequest(
    @Arg('input') input: OpenErasureRequestInput,
    @Ctx() ctx: CasesContext,
  ): Promise<{ request: ErasureRequestEntity }> {
    return { request: await openErasureRequest(ctx, input) };
  }

  @Mutation(() => ErasureRequestPayload, {
    description: 'Refuses an OPEN request, with the reason (e.g. the duty to keep the record that applies).',
  })
  async refuseErasureRequest(
    @Arg('input') input: AnswerErasureRequestInput,
    @Ctx() ctx: CasesContext,
  ): Promise<{ request: ErasureRequestEntity }> {
    return { request: await refuseErasureRequest(ctx, input) };
  }

  @Mutation(() => ErasureRequestPayload, {
    description:
      "Carries a request out on a closed case, in every service: the child's names, date of birth (kept as the youngest age of its band at opening), contacts and description, the caregivers' details, the narratives, notes and referral texts are emptied for everyone; status, county, categories, dates, sex and age band stay for statistics, and the audit trail stays. CONFLICT while the case is open. If a service cannot be reached the request stays ERASING: send it again to finish.",
  })
  async carryOutErasureRequest(
    @Arg('input') input: AnswerErasureRequestInput,
    @Ctx() ctx: CasesContext,
  ): Promise<{ request: ErasureRequestEntity }> {
    return { request: await carryOutErasureRequest(ctx, input) };
  }

  @FieldResolver(() => String, { nullable: true })
  async caseNumber(@Root() request: ErasureRequestEntity, @Ctx() ctx: CasesContext): Promise<string | null> {
    return (await ctx.loaders.caseById.load(request.caseId))?.caseNumber ?? null;
  }
}
