import { ConsentBasis, Tier } from '@kinga/shared';
import { registerEnumType } from 'type-graphql';

export enum CaseStatus {
  OPEN = 'OPEN',
  IN_CARE = 'IN_CARE',
  REINTEGRATED = 'REINTEGRATED',
  CLOSED = 'CLOSED',
}

export enum CaseCategory {
  SEXUAL_ABUSE = 'SEXUAL_ABUSE',
  DEFILEMENT = 'DEFILEMENT',
  COMMERCIAL_SEXUAL_EXPLOITATION = 'COMMERCIAL_SEXUAL_EXPLOITATION',
  ONLINE_SEXUAL_EXPLOITATION = 'ONLINE_SEXUAL_EXPLOITATION',
  CHILD_TRAFFICKING = 'CHILD_TRAFFICKING',
  CHILD_MARRIAGE = 'CHILD_MARRIAGE',
  FEMALE_GENITAL_MUTILATION = 'FEMALE_GENITAL_MUTILATION',
  EXPLOITATION_IN_TRAVEL_AND_TOURISM = 'EXPLOITATION_IN_TRAVEL_AND_TOURISM',
  CHILD_PORNOGRAPHY = 'CHILD_PORNOGRAPHY',
  PHYSICAL_ABUSE = 'PHYSICAL_ABUSE',
  NEGLECT = 'NEGLECT',
  CHILD_LABOUR = 'CHILD_LABOUR',
}

export enum RiskLevel {
  LOW = 'LOW',
  MEDIUM = 'MEDIUM',
  HIGH = 'HIGH',
  CRITICAL = 'CRITICAL',
}

export enum Sex {
  FEMALE = 'FEMALE',
  MALE = 'MALE',
  INTERSEX = 'INTERSEX',
  UNKNOWN = 'UNKNOWN',
}

/** The redacted stand-in for a date of birth: wide enough that it does not single a child out. */
export enum AgeBand {
  AGE_0_4 = 'AGE_0_4',
  AGE_5_9 = 'AGE_5_9',
  AGE_10_14 = 'AGE_10_14',
  AGE_15_17 = 'AGE_15_17',
}

/** Status moves forward only; CLOSED is reached through `closeCase`, which a supervisor does with a reason. */
export const NEXT_STATUSES: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  [CaseStatus.OPEN]: [CaseStatus.IN_CARE, CaseStatus.REINTEGRATED],
  [CaseStatus.IN_CARE]: [CaseStatus.REINTEGRATED],
  [CaseStatus.REINTEGRATED]: [CaseStatus.IN_CARE],
  [CaseStatus.CLOSED]: [],
};

registerEnumType(CaseStatus, {
  name: 'CaseStatus',
  description: 'Where a case stands: OPEN, IN_CARE (placed or in services), REINTEGRATED, CLOSED.',
});
registerEnumType(CaseCategory, { name: 'CaseCategory', description: 'What happened to the child; a case may have several.' });
registerEnumType(RiskLevel, { name: 'RiskLevel', description: "The children officer's assessment of the risk to the child now." });
registerEnumType(Sex, { name: 'Sex' });
registerEnumType(AgeBand, { name: 'AgeBand', description: 'Age in completed years, banded: 0-4, 5-9, 10-14, 15-17.' });
// ConsentBasis and Tier are registered by @kinga/shared (consent-grant.type.ts): the referrals subgraph names them too.

export { ConsentBasis, Tier };
