import { IdempotencyKeyArg, PageArgs, validateInput } from '@kinga/shared';
import { Arg, Args, Ctx, Field, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { DirectoryContext } from '../../directory.context';
import { Agency } from '../agency/agency.type';
import { County } from '../county/county.type';
import { toOpeningHours } from './opening-hours';
import {
  CreateServiceProviderInput,
  DeactivateServiceProviderInput,
  ReactivateServiceProviderInput,
  ServiceProviderFilter,
  serviceProviderIdSchema,
  UpdateServiceProviderInput,
} from './service-provider.input';
import {
  createServiceProvider,
  deactivateServiceProvider,
  listServiceProviders,
  reactivateServiceProvider,
  updateServiceProvider,
} from './service-provider.service';
import { OpeningHours, ServiceProvider, ServiceProviderConnection } from './service-provider.type';

@ObjectType()
export class ServiceProviderPayload {
  @Field(() => ServiceProvider)
  serviceProvider: ServiceProvider;
}

@Resolver(() => ServiceProvider)
export class ServiceProviderResolver {
  @Query(() => ServiceProviderConnection, {
    description: 'Active service providers by name, filtered; the question "who can help this child here, now?".',
  })
  async serviceProviders(
    @Arg('filter', () => ServiceProviderFilter, { nullable: true }) filter: ServiceProviderFilter | null,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() ctx: DirectoryContext,
  ): Promise<ServiceProviderConnection> {
    return listServiceProviders(ctx, filter, page);
  }

  @Query(() => ServiceProvider, { nullable: true })
  async serviceProvider(@Arg('id', () => ID) id: string, @Ctx() ctx: DirectoryContext): Promise<ServiceProvider | null> {
    return ctx.loaders.serviceProvider.load(validateInput(serviceProviderIdSchema.shape.id, id, 'id'));
  }

  @FieldResolver(() => Agency)
  async agency(@Root() provider: ServiceProvider, @Ctx() ctx: DirectoryContext): Promise<Agency> {
    return (await ctx.loaders.agency.load(provider.agencyId)) as Agency;
  }

  @FieldResolver(() => County)
  async county(@Root() provider: ServiceProvider, @Ctx() ctx: DirectoryContext): Promise<County> {
    return (await ctx.loaders.county.load(provider.countyCode)) as County;
  }

  @FieldResolver(() => OpeningHours)
  async openingHours(@Root() provider: ServiceProvider, @Ctx() ctx: DirectoryContext): Promise<OpeningHours> {
    return toOpeningHours(provider.open24Hours, await ctx.loaders.openingHours.load(provider.id), ctx.now);
  }

  @Mutation(() => ServiceProviderPayload)
  async createServiceProvider(
    @Arg('input', () => CreateServiceProviderInput) input: CreateServiceProviderInput,
    @IdempotencyKeyArg('entry')
    idempotencyKey: string | null | undefined,
    @Ctx() ctx: DirectoryContext,
  ): Promise<ServiceProviderPayload> {
    return { serviceProvider: await createServiceProvider(ctx, input, idempotencyKey) };
  }

  @Mutation(() => ServiceProviderPayload)
  async updateServiceProvider(
    @Arg('input', () => UpdateServiceProviderInput) input: UpdateServiceProviderInput,
    @Ctx() ctx: DirectoryContext,
  ): Promise<ServiceProviderPayload> {
    return { serviceProvider: await updateServiceProvider(ctx, input) };
  }

  @Mutation(() => ServiceProviderPayload, { description: 'Takes a provider out of listings and referrals; its history stays.' })
  async deactivateServiceProvider(
    @Arg('input', () => DeactivateServiceProviderInput) input: DeactivateServiceProviderInput,
    @Ctx() ctx: DirectoryContext,
  ): Promise<ServiceProviderPayload> {
    return { serviceProvider: await deactivateServiceProvider(ctx, input) };
  }

  @Mutation(() => ServiceProviderPayload, {
    description:
      'Lists a deactivated provider again under its own id; it takes referrals once updateServiceProvider sets acceptingReferrals. Its agency must be active.',
  })
  async reactivateServiceProvider(
    @Arg('input', () => ReactivateServiceProviderInput) input: ReactivateServiceProviderInput,
    @Ctx() ctx: DirectoryContext,
  ): Promise<ServiceProviderPayload> {
    return { serviceProvider: await reactivateServiceProvider(ctx, input) };
  }
}

export const serviceProviderReference = {
  __resolveReference: (reference: { id: string }, ctx: DirectoryContext) => ctx.loaders.serviceProvider.load(reference.id),
};
