import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { ProgrammesContext } from '../../programmes.context';
import { AgencyRef } from '../federation/federation.types';
import type { AgencyLinkEntity } from './framework.entity';
import { LinkProgrammeAgencyInput, ProgrammeAgencyLink, ProgrammeAgencyLinkPayload } from './framework.input';
import { linkProgrammeAgency } from './framework.service';

@Resolver(() => ProgrammeAgencyLink)
export class AgencyLinkResolver {
  @Mutation(() => ProgrammeAgencyLinkPayload, {
    description: 'NCCS: says which directory agency a lead-agency name of the matrix means (replacing an earlier link).',
  })
  async linkProgrammeAgency(
    @Arg('input', () => LinkProgrammeAgencyInput) input: LinkProgrammeAgencyInput,
    @Ctx() ctx: ProgrammesContext,
  ): Promise<ProgrammeAgencyLinkPayload> {
    return { link: await linkProgrammeAgency(ctx, input) };
  }

  @FieldResolver(() => AgencyRef)
  agency(@Root() link: AgencyLinkEntity): AgencyRef {
    return { id: link.agencyId };
  }
}
