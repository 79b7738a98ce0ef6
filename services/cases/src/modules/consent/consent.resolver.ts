import { IdempotencyKeyArg, isConsentLive } from '@kinga/shared';
import { Arg, Ctx, Directive, Field, FieldResolver, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import type { CasesContext } from '../../cases.context';
import { Case, PROVIDES_PARTIES_ON_PAYLOAD, type CaseView } from '../case/case.type';
import { RecordConsentInput, RevokeConsentInput } from './consent.input';
import { recordConsent, revokeConsent } from './consent.service';
import { Consent, type ConsentView } from './consent.type';

@Resolver(() => Consent)
export class ConsentResolver {
  @FieldResolver(() => Boolean, { nullable: true })
  active(@Root() consent: ConsentView, @Ctx() ctx: CasesContext): boolean {
    // The same test the access rules apply, so what a client is shown as active is what decides access.
    return isConsentLive(consent, ctx.now);
  }
}

@ObjectType('ConsentPayload')
export class ConsentPayload {
  @Field(() => Case)
  case: CaseView;

  @Field(() => Consent)
  consent: ConsentView;
}

@Resolver()
export class ConsentMutationResolver {
  @Directive(PROVIDES_PARTIES_ON_PAYLOAD)
  @Mutation(() => ConsentPayload, {
    description: 'Records a consent (or mandatory-reporting basis) on a case your agency owns, or in your county as supervisor.',
  })
  async recordConsent(
    @Arg('input', () => RecordConsentInput) input: RecordConsentInput,
    @IdempotencyKeyArg('consent')
    idempotencyKey: string | null | undefined,
    @Ctx() ctx: CasesContext,
  ): Promise<ConsentPayload> {
    const { record, consent } = await recordConsent(ctx, input, idempotencyKey);
    return { case: record, consent: { ...consent, scope: record.scope } };
  }

  @Directive(PROVIDES_PARTIES_ON_PAYLOAD)
  @Mutation(() => ConsentPayload, { description: 'Withdraws a consent at once; it stays on record with the reason.' })
  async revokeConsent(
    @Arg('input', () => RevokeConsentInput) input: RevokeConsentInput,
    @Ctx() ctx: CasesContext,
  ): Promise<ConsentPayload> {
    const { record, consent } = await revokeConsent(ctx, input);
    return { case: record, consent: { ...consent, scope: record.scope } };
  }
}
