import { countyCodeSchema, validateInput } from '@kinga/shared';
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

  @Query(() => County, { nullable: true, description: 'A county by its three-digit code ("047"); a code that is none is BAD_USER_INPUT.' })
  async county(@Arg('code', () => ID) code: string, @Ctx() ctx: DirectoryContext): Promise<County | null> {
    // "47" for Nairobi answered null, read as "no such county", as a list's filter.county is refused.
    return ctx.loaders.county.load(validateInput(countyCodeSchema, code, 'code'));
  }
}

export const countyReference = {
  __resolveReference: (reference: { code: string }, ctx: DirectoryContext) => ctx.loaders.county.load(reference.code),
};
