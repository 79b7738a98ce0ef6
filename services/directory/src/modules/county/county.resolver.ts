import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { DirectoryContext } from '../../directory.context';
import { CountyEntity } from './county.entity';
import { County } from './county.type';

@Resolver(() => County)
export class CountyResolver {
  @Query(() => [County], { description: 'All 47 counties, by code.' })
  async counties(@Ctx() ctx: DirectoryContext): Promise<County[]> {
    return ctx.db.getRepository(CountyEntity).find({ order: { code: 'ASC' } });
  }

  @Query(() => County, { nullable: true })
  async county(@Arg('code', () => ID) code: string, @Ctx() ctx: DirectoryContext): Promise<County | null> {
    return ctx.loaders.county.load(code);
  }
}

export const countyReference = {
  __resolveReference: (reference: { code: string }, ctx: DirectoryContext) => ctx.loaders.county.load(reference.code),
};
