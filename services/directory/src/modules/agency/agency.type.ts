import { Connection } from '@kinga/shared';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { AgencyType } from './agency-type.enum';

@Directive('@key(fields: "id")')
@ObjectType('Agency', { description: 'A body that takes part in child protection: a department, the police, a hospital, an NGO.' })
export class Agency {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => String, { nullable: true, description: 'As the NPA writes it, e.g. "DCS", "NCCS".' })
  acronym: string | null;

  @Field(() => AgencyType)
  type: AgencyType;

  @Field()
  active: boolean;

  @Field({ description: 'True for invented entries of the demo data set.' })
  isDemo: boolean;
}

@ObjectType('AgencyConnection')
export class AgencyConnection extends Connection(Agency, 'Agency') {}
