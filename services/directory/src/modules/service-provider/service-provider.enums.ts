import { registerEnumType } from 'type-graphql';

export { ServiceType } from '@kinga/shared';

export enum ProviderType {
  CHILDREN_OFFICE = 'CHILDREN_OFFICE',
  POLICE_CPU = 'POLICE_CPU',
  GBVRC = 'GBVRC',
  CHILD_PROTECTION_CENTRE = 'CHILD_PROTECTION_CENTRE',
  SAFE_HOUSE = 'SAFE_HOUSE',
  CHARITABLE_CHILDREN_INSTITUTION = 'CHARITABLE_CHILDREN_INSTITUTION',
  HOSPITAL = 'HOSPITAL',
  LEGAL_AID = 'LEGAL_AID',
  HELPLINE = 'HELPLINE',
  REHABILITATION_CENTRE = 'REHABILITATION_CENTRE',
  NGO_PROGRAMME = 'NGO_PROGRAMME',
}

export enum Weekday {
  MONDAY = 'MONDAY',
  TUESDAY = 'TUESDAY',
  WEDNESDAY = 'WEDNESDAY',
  THURSDAY = 'THURSDAY',
  FRIDAY = 'FRIDAY',
  SATURDAY = 'SATURDAY',
  SUNDAY = 'SUNDAY',
}

/** ISO order: Monday is 1. */
export const WEEKDAY_NUMBER: Record<Weekday, number> = {
  MONDAY: 1,
  TUESDAY: 2,
  WEDNESDAY: 3,
  THURSDAY: 4,
  FRIDAY: 5,
  SATURDAY: 6,
  SUNDAY: 7,
};

registerEnumType(ProviderType, { name: 'ProviderType', description: 'What kind of service point a provider is.' });
registerEnumType(Weekday, { name: 'Weekday' });
