import { PageArgs, type ConnectionShape } from '@kinga/shared';
import { Args, Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import type { ReferralsContext } from '../../referrals.context';
import type { ReferralRow } from '../referral/referral.row';
import { ReferralConnection } from '../referral/referral.type';
import { referralsOfRequest, requestFromRepresentation } from './subject-access.service';
import { SubjectAccessRequest } from './subject-access.type';

@Resolver(() => SubjectAccessRequest)
export class SubjectAccessRequestResolver {
  @Directive('@requires(fields: "status caseId")')
  @FieldResolver(() => ReferralConnection, {
    nullable: true,
    description:
      'Every referral of the case, newest first, with their history and service records: each field open to the DPO while the request is OPEN; FORBIDDEN once it is closed.',
  })
  referrals(
    @Root() request: SubjectAccessRequest,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: ReferralsContext,
  ): Promise<ConnectionShape<ReferralRow>> {
    return referralsOfRequest(ctx, request, page);
  }
}

export const subjectAccessRequestReference = {
  __resolveReference: (reference: { id: string; status?: unknown; caseId?: unknown }): SubjectAccessRequest =>
    requestFromRepresentation(reference),
};
