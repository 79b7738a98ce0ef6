import { decodePageCursor, PageArgs, pageSize, Tier, type ConnectionShape } from '@kinga/shared';
import {
  Arg,
  Args,
  Ctx,
  Directive,
  Field,
  FieldResolver,
  GraphQLISODateTime,
  ID,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { ReferralsContext } from '../../referrals.context';
import { Case } from '../case/case.type';
import { ServiceProvider } from '../service-provider/service-provider.type';
import { ServiceRecordConnection } from '../service-record/service-record.type';
import { createReferral } from './referral.create';
import { ReferralStatus } from './referral.enums';
import { CreateReferralInput, ReferralFilter, ReferralReasonTransitionInput, ReferralTransitionInput } from './referral.input';
import { tiersOpenToRecipient } from './referral.access';
import { allowedNextStates, isOverdue, ReferralAction, takenInTime } from './referral.lifecycle';
import { SERVICE_RECORDS_OF_A_REFERRAL } from './referral.loader';
import type { ReferralEventRow, ReferralRow, ServiceRecordRow } from './referral.row';
import { findReferralByReference, findVisibleReferral, listReferrals } from './referral.service';
import { syncPoint } from './referral.sync';
import { stepsOpenTo, transitionReferral } from './referral.transition';
import { Referral, ReferralConnection, ReferralEvent, REQUIRES_CASE_CONSENTS } from './referral.type';
import { withCarriedCaseFacts } from './referral.access';

@ObjectType()
export class ReferralPayload {
  @Field(() => Referral)
  referral: Referral;
}

const MINUTE_MS = 60_000;

@Resolver(() => Referral)
export class ReferralResolver {
  @Query(() => Referral, { nullable: true, description: 'A referral you are party to, or of a case your agency owns.' })
  async referral(@Arg('id', () => ID) id: string, @Ctx() ctx: ReferralsContext): Promise<ReferralRow | null> {
    return findVisibleReferral(ctx, id);
  }

  @Query(() => Referral, {
    nullable: true,
    description:
      'Where is this referral now? By its reference, e.g. KE-047-2026-000123. Null for a reference no referral has, and alike for one you are not party to and whose case you do not own, so that references cannot be counted.',
  })
  async referralByReference(@Arg('reference') reference: string, @Ctx() ctx: ReferralsContext): Promise<ReferralRow | null> {
    return findReferralByReference(ctx, reference);
  }

  @Query(() => GraphQLISODateTime, {
    description:
      'Where your next sync of referral status starts: pass it as `filter.changedSince` next time. Ask for it in the same request as ' +
      '`referrals(filter: { changedSince })`, and keep the one that came with the first page: every change stamped before it is in ' +
      'that sync or an earlier one. It trails the clock by a minute, so the next sync shows the last minute again; keep the ' +
      '`version` and `erasedAt` you hold and skip what is new in neither (an erasure sets `erasedAt`, not `version`).',
  })
  referralSyncPoint(@Ctx() ctx: ReferralsContext): Date {
    return syncPoint(ctx);
  }

  @Query(() => ReferralConnection, { description: 'Referrals you may see, newest first, filtered.' })
  async referrals(
    @Arg('filter', () => ReferralFilter, { nullable: true }) filter: ReferralFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: ReferralsContext,
  ): Promise<ConnectionShape<ReferralRow>> {
    return listReferrals(ctx, page, { filter });
  }

  @Query(() => ReferralConnection, {
    description:
      "Referrals past their running SLA clock (acknowledge-by, then start-by), most overdue first; filtered as `referrals` is (e.g. direction: INCOMING for a unit's own queue), the filter's `overdue` aside. A referral's clock moves on when it takes a step (acknowledged, its start-by clock runs), so one acknowledged while you page can come again on a later page: merge pages by id.",
  })
  async overdueReferrals(
    @Arg('filter', () => ReferralFilter, { nullable: true }) filter: ReferralFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: ReferralsContext,
  ): Promise<ConnectionShape<ReferralRow>> {
    return listReferrals(ctx, page, { filter, overdueOnly: true });
  }

  @Mutation(() => ReferralPayload, {
    description:
      'Refers a child: checks the case and both providers through the gateway as you. A retry with the same idempotencyKey returns the first referral.',
  })
  async createReferral(
    @Arg('input', () => CreateReferralInput) input: CreateReferralInput,
    @Arg('idempotencyKey', { description: 'A key you choose per referral (a UUID); retries reuse it.' }) idempotencyKey: string,
    @Ctx() ctx: ReferralsContext,
  ): Promise<{ referral: ReferralRow }> {
    return { referral: await createReferral(ctx, input, idempotencyKey) };
  }

  @Mutation(() => ReferralPayload, { description: 'The recipient has seen it: SENT -> ACKNOWLEDGED.' })
  async acknowledgeReferral(@Arg('input', () => ReferralTransitionInput) input: ReferralTransitionInput, @Ctx() ctx: ReferralsContext) {
    return { referral: await transitionReferral(ctx, ReferralAction.ACKNOWLEDGE, input) };
  }

  @Mutation(() => ReferralPayload, { description: 'The recipient will provide the service: ACKNOWLEDGED -> ACCEPTED.' })
  async acceptReferral(@Arg('input', () => ReferralTransitionInput) input: ReferralTransitionInput, @Ctx() ctx: ReferralsContext) {
    return { referral: await transitionReferral(ctx, ReferralAction.ACCEPT, input) };
  }

  @Mutation(() => ReferralPayload, { description: 'The recipient cannot take it (reason required): SENT or ACKNOWLEDGED -> DECLINED.' })
  async declineReferral(
    @Arg('input', () => ReferralReasonTransitionInput) input: ReferralReasonTransitionInput,
    @Ctx() ctx: ReferralsContext,
  ) {
    return { referral: await transitionReferral(ctx, ReferralAction.DECLINE, input) };
  }

  @Mutation(() => ReferralPayload, { description: 'The recipient has started the service: ACCEPTED -> IN_PROGRESS.' })
  async startReferral(@Arg('input', () => ReferralTransitionInput) input: ReferralTransitionInput, @Ctx() ctx: ReferralsContext) {
    return { referral: await transitionReferral(ctx, ReferralAction.START, input) };
  }

  @Mutation(() => ReferralPayload, { description: 'The recipient has delivered the service: IN_PROGRESS -> COMPLETED.' })
  async completeReferral(@Arg('input', () => ReferralTransitionInput) input: ReferralTransitionInput, @Ctx() ctx: ReferralsContext) {
    return { referral: await transitionReferral(ctx, ReferralAction.COMPLETE, input) };
  }

  @Mutation(() => ReferralPayload, {
    description:
      "The sender withdraws it, or the case's owning office or county supervisor ends it unless it was sent to them (reason required): any state before COMPLETED -> CANCELLED.",
  })
  async cancelReferral(
    @Arg('input', () => ReferralReasonTransitionInput) input: ReferralReasonTransitionInput,
    @Ctx() ctx: ReferralsContext,
  ) {
    return { referral: await transitionReferral(ctx, ReferralAction.CANCEL, input) };
  }

  @Mutation(() => ReferralPayload, {
    description:
      "The sender (or the case's owning office or county supervisor, unless it was sent to them) closes a completed referral, or a declined one once the sender has read why: COMPLETED or DECLINED -> CLOSED.",
  })
  async closeReferral(@Arg('input', () => ReferralTransitionInput) input: ReferralTransitionInput, @Ctx() ctx: ReferralsContext) {
    return { referral: await transitionReferral(ctx, ReferralAction.CLOSE, input) };
  }

  @FieldResolver(() => String)
  countyCode(@Root() referral: ReferralRow): string {
    return referral.caseCounty;
  }

  @FieldResolver(() => Case, { description: 'The case; the cases subgraph decides what of it you see.' })
  case(@Root() referral: ReferralRow): Case {
    return { id: referral.caseId };
  }

  @FieldResolver(() => ServiceProvider)
  fromProvider(@Root() referral: ReferralRow): ServiceProvider {
    return { id: referral.fromProviderId };
  }

  @FieldResolver(() => ServiceProvider)
  toProvider(@Root() referral: ReferralRow): ServiceProvider {
    return { id: referral.toProviderId };
  }

  @FieldResolver(() => Boolean, { description: 'Past the clock that runs in its state.' })
  overdue(@Root() referral: ReferralRow, @Ctx() ctx: ReferralsContext): boolean {
    return isOverdue(referral.status, referral, ctx.now);
  }

  @FieldResolver(() => Int, { nullable: true, description: 'How many minutes past its running clock; null when not overdue.' })
  overdueMinutes(@Root() referral: ReferralRow, @Ctx() ctx: ReferralsContext): number | null {
    if (!isOverdue(referral.status, referral, ctx.now) || !referral.nextDueAt) return null;
    return Math.floor((ctx.now.getTime() - referral.nextDueAt.getTime()) / MINUTE_MS);
  }

  @FieldResolver(() => Boolean, {
    nullable: true,
    description:
      'Whether it was acknowledged by acknowledgeBy; null until acknowledged. Once acknowledged, overdue follows the start clock only: this tells a late acknowledgement.',
  })
  acknowledgedInTime(@Root() referral: ReferralRow): boolean | null {
    return takenInTime(referral.acknowledgedAt, referral.acknowledgeBy);
  }

  @FieldResolver(() => Boolean, { nullable: true, description: 'Whether it was started by startBy; null until started.' })
  startedInTime(@Root() referral: ReferralRow): boolean | null {
    return takenInTime(referral.startedAt, referral.startBy);
  }

  @FieldResolver(() => [ReferralStatus], {
    description: 'The states it can move to next, by anyone: the lifecycle. `stepsYouMayTake` says which steps are yours.',
  })
  allowedNextStates(@Root() referral: ReferralRow): ReferralStatus[] {
    return allowedNextStates(referral.status);
  }

  @FieldResolver(() => [ReferralAction], {
    description:
      "The steps you may take on it now (which buttons to show): the lifecycle allows them from its status and they are your side's to take. Empty for a caller who takes no step on it.",
  })
  stepsYouMayTake(@Root() referral: ReferralRow, @Ctx() ctx: ReferralsContext): ReferralAction[] {
    return stepsOpenTo(ctx.caller, referral);
  }

  @Directive(REQUIRES_CASE_CONSENTS)
  @FieldResolver(() => [Tier], {
    nullable: true,
    description:
      "The tiers of the child's case the case's live consents open to the recipient's agency, before the limits of the reader's role; for the case's owner, and for the sender and recipient while they are parties. Empty: the recipient sees that a child was referred and nothing of the child; ask the case's owning office to record a consent. Without OPERATIONAL the child record (names, age) stays closed whatever else is listed, while the case's and the referral's text of the listed tiers is read. A recipient office of the agency that owns the case, in any county, is asked no consent: every tier is listed. Not for PARTNER_SYSTEM callers.",
  })
  recipientMayRead(@Root() referral: ReferralRow, @Ctx() ctx: ReferralsContext): Tier[] {
    return tiersOpenToRecipient(referral, ctx.now);
  }

  // Each step's note is IDENTIFYING and decided with the parent's facts, so the steps need the case's consents.
  @Directive(REQUIRES_CASE_CONSENTS)
  @FieldResolver(() => [ReferralEvent], { nullable: true, description: 'Every step, in order. Not for PARTNER_SYSTEM callers.' })
  async history(@Root() referral: ReferralRow, @Ctx() ctx: ReferralsContext): Promise<Array<ReferralEventRow & { referral: ReferralRow }>> {
    const events = await ctx.loaders.history.load(referral.id);
    return events.map((event) => ({ ...event, referral }));
  }

  @FieldResolver(() => ServiceRecordConnection, {
    nullable: true,
    description: 'What the recipient recorded as delivered, in the order it was recorded. Not for PARTNER_SYSTEM callers.',
  })
  async serviceRecords(
    @Root() referral: ReferralRow,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: ReferralsContext,
  ): Promise<ConnectionShape<ServiceRecordRow & { referral: ReferralRow }>> {
    const connection = await ctx.loaders
      .serviceRecordPage(pageSize(page.first), decodePageCursor(SERVICE_RECORDS_OF_A_REFERRAL, page.after))
      .load(referral.id);
    return { ...connection, edges: connection.edges.map((edge) => ({ cursor: edge.cursor, node: { ...edge.node, referral } })) };
  }
}

@Resolver(() => ReferralEvent)
export class ReferralEventResolver {
  @FieldResolver(() => ServiceProvider, { nullable: true, description: 'The provider the actor worked at.' })
  actorProvider(@Root() event: ReferralEventRow): ServiceProvider | null {
    return event.actorProviderId ? { id: event.actorProviderId } : null;
  }
}

/**
 * `_entities` for Referral. Where the gateway asks for a field that `@requires` the case's facts, the
 * representation carries them, and they go with a copy of the row: the loader's row is never marked.
 */
export const referralReference = {
  async __resolveReference(reference: { id: string; case?: unknown }, ctx: ReferralsContext): Promise<ReferralRow | null> {
    const row = await ctx.loaders.referral.load(reference.id);
    return row && reference.case !== undefined ? withCarriedCaseFacts(row, reference.case) : row;
  },
};
