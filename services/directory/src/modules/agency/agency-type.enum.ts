import { registerEnumType } from 'type-graphql';

export enum AgencyType {
  GOVERNMENT = 'GOVERNMENT',
  POLICE = 'POLICE',
  HEALTH = 'HEALTH',
  NGO = 'NGO',
  FBO = 'FBO',
  CBO = 'CBO',
  UN_AGENCY = 'UN_AGENCY',
  PRIVATE_SECTOR = 'PRIVATE_SECTOR',
  JUDICIARY = 'JUDICIARY',
  EDUCATION = 'EDUCATION',
}

registerEnumType(AgencyType, { name: 'AgencyType', description: 'What kind of body an agency is.' });
