import { decideFieldAccess, decodePageCursor, kenyanDate, PageArgs, pageSize, Tier, type ConnectionShape } from '@kinga/shared';
import { caseFacts } from '../case/case-scope';
import { Args, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { CasesContext } from '../../cases.context';
import { AgeBand } from '../case/case.enums';
import { ageBandOf, ageOn, initialsOf } from './age';
import { FORMER_CAREGIVERS } from './child.loader';
import { Caregiver, CaregiverConnection, Child, type CaregiverView, type ChildView } from './child.type';

/**
 * A child whose case's erasure was carried out: no name is left (a first name is required otherwise). What stays
 * of its age is its band when the case was opened, as the youngest age of that band (`eraseCase`): it does not
 * grow older, since counting on from the band's floor would put the child in a younger band than its own.
 */
const isErased = (child: ChildView) => child.firstName === null;

@Resolver(() => Child)
export class ChildResolver {
  /**
   * Today's band moves on the day the child turns 5, 10 or 15: a partner reading it every day would learn the date
   * of birth (IDENTIFYING) from an OPERATIONAL field. Only a caller who may read the date of birth gets today's.
   */
  @FieldResolver(() => AgeBand, { nullable: true })
  async ageBand(@Root() child: ChildView, @Ctx() ctx: CasesContext): Promise<AgeBand | null> {
    if (isErased(child)) return ageBandOf(child.estimatedAgeYears);
    const mayReadBirthday = decideFieldAccess(ctx.caller, Tier.IDENTIFYING, await caseFacts(child.scope, ctx), ctx.now).allowed;
    return ageBandOf(ageOn(child, mayReadBirthday ? kenyanDate(ctx.now) : child.caseOpenedOn));
  }

  @FieldResolver(() => String, { nullable: true })
  initials(@Root() child: ChildView): string | null {
    // No name is left to abbreviate once an erasure request was carried out.
    return child.firstName === null ? null : initialsOf(child.firstName, child.lastName);
  }

  @FieldResolver(() => Int, { nullable: true })
  estimatedAgeYears(@Root() child: ChildView, @Ctx() ctx: CasesContext): number | null {
    if (isErased(child)) return child.estimatedAgeYears;
    return child.dateOfBirth ? null : ageOn(child, kenyanDate(ctx.now));
  }

  @FieldResolver(() => [Caregiver], { nullable: true, description: 'The current caregivers, the main contact first. IDENTIFYING.' })
  async caregivers(@Root() child: ChildView, @Ctx() ctx: CasesContext): Promise<CaregiverView[]> {
    const rows = await ctx.loaders.caregiversByChild.load(child.id);
    return rows.map((row) => ({ ...row, scope: child.scope }));
  }

  @FieldResolver(() => CaregiverConnection, {
    nullable: true,
    description:
      'Caregivers an update replaced, latest first (those replaced together in the order they were listed): who looked after the child stays on the record (a subject access request answers with them too). IDENTIFYING.',
  })
  async formerCaregivers(
    @Root() child: ChildView,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: CasesContext,
  ): Promise<ConnectionShape<CaregiverView>> {
    const connection = await ctx.loaders
      .formerCaregiverPage(pageSize(page.first), decodePageCursor(FORMER_CAREGIVERS, page.after))
      .load(child.id);
    return { ...connection, edges: connection.edges.map((edge) => ({ cursor: edge.cursor, node: { ...edge.node, scope: child.scope } })) };
  }
}
