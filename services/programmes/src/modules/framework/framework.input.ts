import { Field, ID, InputType, ObjectType } from 'type-graphql';

@InputType('LinkProgrammeAgencyInput')
export class LinkProgrammeAgencyInput {
  @Field({ description: 'A lead agency as the matrix writes it, e.g. "NCCS" or "National Police Service".' })
  npaName: string;

  @Field(() => ID, { description: 'The directory agency it means.' })
  agencyId: string;
}

@ObjectType('ProgrammeAgencyLink', { description: 'A lead-agency name of the matrix and the directory agency it means.' })
export class ProgrammeAgencyLink {
  @Field()
  npaName: string;

  @Field(() => ID)
  agencyId: string;
}

@ObjectType('ProgrammeAgencyLinkPayload')
export class ProgrammeAgencyLinkPayload {
  @Field(() => ProgrammeAgencyLink)
  link: ProgrammeAgencyLink;
}
