import { IdempotencyKeyArg, PageArgs, validateInput } from '@kinga/shared';
import { Arg, Args, Ctx, Field, ID, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import type { DirectoryContext } from '../../directory.context';
import {
  AgencyFilter,
  agencyIdSchema,
  CreateAgencyInput,
  DeactivateAgencyInput,
  ReactivateAgencyInput,
  UpdateAgencyInput,
} from './agency.input';
import { createAgency, deactivateAgency, listAgencies, reactivateAgency, updateAgency } from './agency.service';
import { Agency, AgencyConnection } from './agency.type';

@ObjectType()
export class AgencyPayload {
  @Field(() => Agency)
  agency: Agency;
}

@Resolver(() => Agency)
export class AgencyResolver {
  @Query(() => AgencyConnection, { description: 'Agencies by name.' })
  async agencies(
    @Arg('filter', () => AgencyFilter, { nullable: true }) filter: AgencyFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: DirectoryContext,
  ): Promise<AgencyConnection> {
    return listAgencies(ctx, filter, page);
  }

  @Query(() => Agency, { nullable: true })
  async agency(@Arg('id', () => ID) id: string, @Ctx() ctx: DirectoryContext): Promise<Agency | null> {
    return ctx.loaders.agency.load(validateInput(agencyIdSchema.shape.id, id, 'id'));
  }

  @Mutation(() => AgencyPayload)
  async createAgency(
    @Arg('input', () => CreateAgencyInput) input: CreateAgencyInput,
    @IdempotencyKeyArg('entry')
    idempotencyKey: string | null | undefined,
    @Ctx() ctx: DirectoryContext,
  ): Promise<AgencyPayload> {
    return { agency: await createAgency(ctx, input, idempotencyKey) };
  }

  @Mutation(() => AgencyPayload)
  async updateAgency(
    @Arg('input', () => UpdateAgencyInput) input: UpdateAgencyInput,
    @Ctx() ctx: DirectoryContext,
  ): Promise<AgencyPayload> {
    return { agency: await updateAgency(ctx, input) };
  }

  @Mutation(() => AgencyPayload, { description: 'Deactivates the agency and every one of its service providers.' })
  async deactivateAgency(
    @Arg('input', () => DeactivateAgencyInput) input: DeactivateAgencyInput,
    @Ctx() ctx: DirectoryContext,
  ): Promise<AgencyPayload> {
    return { agency: await deactivateAgency(ctx, input) };
  }

  @Mutation(() => AgencyPayload, {
    description:
      'Makes a deactivated agency active again under its own id (which consents and tokens name). Its service providers stay deactivated until each is reactivated.',
  })
  async reactivateAgency(
    @Arg('input', () => ReactivateAgencyInput) input: ReactivateAgencyInput,
    @Ctx() ctx: DirectoryContext,
  ): Promise<AgencyPayload> {
    return { agency: await reactivateAgency(ctx, input) };
  }
}

export const agencyReference = {
  __resolveReference: (reference: { id: string }, ctx: DirectoryContext) => ctx.loaders.agency.load(reference.id),
};
