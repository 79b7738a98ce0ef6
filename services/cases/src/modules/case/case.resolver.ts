import {
  ConsentGrant,
  decodePageCursor,
  IdempotencyKeyArg,
  isConsentLive,
  PageArgs,
  pageSize,
  DATA_PROTECTION_ROLES,
  type ConnectionShape,
  type ConsentFacts,
} from '@kinga/shared';
import { Arg, Args, Ctx, Directive, Field, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { CasesContext } from '../../cases.context';
import { Child, type ChildView } from '../child/child.type';
import { Consent, type ConsentView } from '../consent/consent.type';
import { NOTES_OF_A_CASE } from '../note/case-note.loader';
import { CaseNote, CaseNoteConnection, type CaseNoteView } from '../note/case-note.type';
import { AgencyReference, ReferralPartyType, ServiceProviderReference } from '../references/references.type';
import { County } from '../statistics/county.type';
import { AddCaseNoteInput, AssignCaseInput, CaseFilter, CloseCaseInput, OpenCaseInput, UpdateCaseInput } from './case.input';
import { caseFacts, consentsSeenBy } from './case-scope';
import { addCaseNote, assignCase, closeCase, findCase, findCaseByNumber, listCases, openCase, updateCase } from './case.service';
import { Case, CaseConnection, PROVIDES_PARTIES_ON_LIST, PROVIDES_PARTIES_ON_PAYLOAD, REQUIRES_PARTIES, type CaseView } from './case.type';

@ObjectType('CasePayload')
export class CasePayload {
  @Field(() => Case)
  case: CaseView;
}

@ObjectType('AddCaseNotePayload')
export class AddCaseNotePayload {
  @Field(() => Case)
  case: CaseView;

  @Field(() => CaseNote)
  note: CaseNoteView;
}

@Resolver(() => Case)
export class CaseResolver {
  @Query(() => Case, { nullable: true, description: 'A case by id; its fields are decided one by one (see Case).' })
  async case(@Arg('id', () => ID) id: string, @Ctx() ctx: CasesContext): Promise<CaseView | null> {
    return findCase(ctx, id);
  }

  @Query(() => Case, {
    nullable: true,
    description:
      "A case by its number, e.g. KE-047-2025-000123, for the case's owning agency and the county's supervisor. Null for anyone else, as for a number no case has: numbers run in sequence, so any other answer would let a caller count a county's cases. Referral parties reach the case through their referral.",
  })
  async caseByNumber(@Arg('caseNumber', () => String) caseNumber: string, @Ctx() ctx: CasesContext): Promise<CaseView | null> {
    return findCaseByNumber(ctx, caseNumber);
  }

  @Directive(PROVIDES_PARTIES_ON_LIST)
  @Query(() => CaseConnection, {
    description:
      'Cases by opening date, newest first (cases opened the same day in a fixed order of their ids, not by the hour). A DCS_OFFICER lists the cases of their agency in their counties; a DCS_SUPERVISOR every case in their counties. Other roles reach cases through their referrals.',
  })
  async cases(
    @Arg('filter', () => CaseFilter, { nullable: true }) filter: CaseFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: CasesContext,
  ): Promise<ConnectionShape<CaseView>> {
    return listCases(ctx, filter, page);
  }

  /** Asked of this subgraph only where it provides the parties (the list, writes' payloads): the facts it decided with. */
  @FieldResolver(() => [ReferralPartyType])
  referralParties(@Root() record: CaseView): readonly ReferralPartyType[] {
    return record.scope.referralParties as readonly ReferralPartyType[];
  }

  /**
   * Facts for the referrals subgraph's rules (DESIGN.md rule 3: a referral's IDENTIFYING fields for an agency
   * that does not own the case): the consents that decide something now. Only the gateway asks for them.
   */
  @Directive('@inaccessible')
  @FieldResolver(() => [ConsentGrant])
  async liveConsents(@Root() record: CaseView, @Ctx() ctx: CasesContext): Promise<ConsentFacts[]> {
    return (await caseFacts(record.scope, ctx)).consents.filter((consent) => isConsentLive(consent, ctx.now));
  }

  /**
   * Whether the caller reads this case through an OPEN subject access request, for the referrals subgraph's
   * rules. Only a role that can hold such a request makes it look: for anyone else it is false without a query.
   */
  @Directive('@inaccessible')
  @FieldResolver(() => Boolean)
  async subjectAccessGrant(@Root() record: CaseView, @Ctx() ctx: CasesContext): Promise<boolean> {
    if (!ctx.caller || !DATA_PROTECTION_ROLES.includes(ctx.caller.role)) return false;
    return ctx.loaders.openSubjectAccessByCase.load(record.id);
  }

  @Directive(REQUIRES_PARTIES)
  @FieldResolver(() => County, { nullable: true, description: 'OPERATIONAL.' })
  county(@Root() record: CaseView): County {
    return { code: record.countyCode };
  }

  @Directive(REQUIRES_PARTIES)
  @FieldResolver(() => AgencyReference, { nullable: true, description: 'The agency that owns the case. OPERATIONAL.' })
  ownerAgency(@Root() record: CaseView): AgencyReference {
    return { id: record.ownerAgencyId };
  }

  @Directive(REQUIRES_PARTIES)
  @FieldResolver(() => ServiceProviderReference, { nullable: true, description: 'The children office that manages it. OPERATIONAL.' })
  ownerProvider(@Root() record: CaseView): ServiceProviderReference {
    return { id: record.ownerProviderId };
  }

  @Directive(REQUIRES_PARTIES)
  @FieldResolver(() => Child, { nullable: true, description: 'OPERATIONAL; its own fields carry their tiers.' })
  async child(@Root() record: CaseView, @Ctx() ctx: CasesContext): Promise<ChildView | null> {
    const child = await ctx.loaders.childById.load(record.childId);
    return child ? { ...child, scope: record.scope, caseOpenedOn: record.openedOn } : null;
  }

  @Directive(REQUIRES_PARTIES)
  @FieldResolver(() => [Consent], {
    nullable: true,
    description:
      "Every consent recorded, oldest first (at most 100), for the case's owner; a party to a referral of it sees those addressed to its agency, each naming only its own agency and type among those it covers (the purpose, in the officer's words, is the same for every agency named). OPERATIONAL.",
  })
  async consents(@Root() record: CaseView, @Ctx() ctx: CasesContext): Promise<ConsentView[]> {
    const rows = await ctx.loaders.consentsByCase.load(record.id);
    return consentsSeenBy(ctx.caller, record.scope, rows).map((row) => ({ ...row, scope: record.scope }));
  }

  @Directive(REQUIRES_PARTIES)
  @FieldResolver(() => CaseNoteConnection, { nullable: true, description: 'Notes, newest first. NARRATIVE.' })
  async notes(
    @Root() record: CaseView,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: CasesContext,
  ): Promise<ConnectionShape<CaseNoteView>> {
    const connection = await ctx.loaders.notePage(pageSize(page.first), decodePageCursor(NOTES_OF_A_CASE, page.after)).load(record.id);
    return { ...connection, edges: connection.edges.map((edge) => ({ cursor: edge.cursor, node: { ...edge.node, scope: record.scope } })) };
  }

  @Directive(PROVIDES_PARTIES_ON_PAYLOAD)
  @Mutation(() => CasePayload, { description: 'Opens a case for a child in one of your counties, owned by your agency and service point.' })
  async openCase(
    @Arg('input', () => OpenCaseInput) input: OpenCaseInput,
    @IdempotencyKeyArg('case')
    idempotencyKey: string | null | undefined,
    @Ctx() ctx: CasesContext,
  ): Promise<CasePayload> {
    return { case: await openCase(ctx, input, idempotencyKey) };
  }

  @Directive(PROVIDES_PARTIES_ON_PAYLOAD)
  @Mutation(() => CasePayload)
  async updateCase(@Arg('input', () => UpdateCaseInput) input: UpdateCaseInput, @Ctx() ctx: CasesContext): Promise<CasePayload> {
    return { case: await updateCase(ctx, input) };
  }

  @Directive(PROVIDES_PARTIES_ON_PAYLOAD)
  @Mutation(() => AddCaseNotePayload)
  async addCaseNote(
    @Arg('input', () => AddCaseNoteInput) input: AddCaseNoteInput,
    @IdempotencyKeyArg('note')
    idempotencyKey: string | null | undefined,
    @Ctx() ctx: CasesContext,
  ): Promise<AddCaseNotePayload> {
    const { record, note } = await addCaseNote(ctx, input, idempotencyKey);
    return { case: record, note: { ...note, scope: record.scope } };
  }

  @Directive(PROVIDES_PARTIES_ON_PAYLOAD)
  @Mutation(() => CasePayload, { description: 'A supervisor assigns a case to an officer; an officer of the owning agency may take it.' })
  async assignCase(@Arg('input', () => AssignCaseInput) input: AssignCaseInput, @Ctx() ctx: CasesContext): Promise<CasePayload> {
    return { case: await assignCase(ctx, input) };
  }

  @Directive(PROVIDES_PARTIES_ON_PAYLOAD)
  @Mutation(() => CasePayload, { description: 'A supervisor closes a case in their county, with a reason.' })
  async closeCase(@Arg('input', () => CloseCaseInput) input: CloseCaseInput, @Ctx() ctx: CasesContext): Promise<CasePayload> {
    return { case: await closeCase(ctx, input) };
  }
}
