import { Connection, Tier } from '@kinga/shared';
import { Field, GraphQLISODateTime, ID, ObjectType } from 'type-graphql';
import { field, serviceField, type FieldClass } from '../referral/referral.access';
import { ServiceOutcome, ServiceType } from '../referral/referral.enums';

/**
 * Who may read which field of a service record; the clinical findings are CLINICAL (DESIGN.md tiers), and so is
 * what was done and when for a clinical service (`serviceField`).
 */
export const SERVICE_RECORD_FIELDS: Readonly<Record<string, FieldClass>> = {
  id: field(Tier.OPERATIONAL),
  service: serviceField(Tier.OPERATIONAL),
  deliveredOn: serviceField(Tier.OPERATIONAL),
  outcome: serviceField(Tier.OPERATIONAL),
  // When it was recorded is close to when it was delivered: for a clinical service it is kept back with the day.
  recordedAt: serviceField(Tier.OPERATIONAL),
  pepGiven: field(Tier.CLINICAL),
  emergencyContraceptionGiven: field(Tier.CLINICAL),
  forensicExaminationDone: field(Tier.CLINICAL),
  injuries: field(Tier.CLINICAL),
};

@ObjectType('ServiceRecord', { description: 'A service the recipient delivered for a referral.' })
export class ServiceRecord {
  @Field(() => ID)
  id: string;

  @Field(() => ServiceType, {
    nullable: true,
    description: 'The service delivered. Null where refused: for a clinical service it is CLINICAL, as are outcome and deliveredOn.',
  })
  service: ServiceType | null;

  @Field(() => String, { nullable: true, description: 'The day it was delivered, YYYY-MM-DD (Kenyan date).' })
  deliveredOn: string | null;

  @Field(() => ServiceOutcome, { nullable: true })
  outcome: ServiceOutcome | null;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'When the recipient recorded it. Null where refused: for a clinical service it is CLINICAL, with deliveredOn.',
  })
  recordedAt: Date | null;

  @Field(() => Boolean, { nullable: true, description: 'Post-exposure prophylaxis given.' })
  pepGiven: boolean | null;

  @Field(() => Boolean, { nullable: true })
  emergencyContraceptionGiven: boolean | null;

  @Field(() => Boolean, { nullable: true })
  forensicExaminationDone: boolean | null;

  @Field(() => String, { nullable: true, description: 'Injuries found.' })
  injuries: string | null;
}

/** A page of a referral's service records. */
@ObjectType('ServiceRecordConnection')
export class ServiceRecordConnection extends Connection(ServiceRecord, 'ServiceRecord') {}
