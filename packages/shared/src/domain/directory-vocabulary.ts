import { registerEnumType } from 'type-graphql';

/**
 * Directory vocabularies that other subgraphs use too: a referral requests a `ServiceType`, a consent covers
 * an `AgencyType`. One definition, so the composed enums cannot disagree.
 */
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

export enum ServiceType {
  MEDICAL_CARE = 'MEDICAL_CARE',
  POST_EXPOSURE_PROPHYLAXIS = 'POST_EXPOSURE_PROPHYLAXIS',
  FORENSIC_EXAMINATION = 'FORENSIC_EXAMINATION',
  PSYCHOSOCIAL_SUPPORT = 'PSYCHOSOCIAL_SUPPORT',
  LEGAL_AID = 'LEGAL_AID',
  SAFE_SHELTER = 'SAFE_SHELTER',
  POLICE_INVESTIGATION = 'POLICE_INVESTIGATION',
  CASE_MANAGEMENT = 'CASE_MANAGEMENT',
  FAMILY_TRACING_AND_REINTEGRATION = 'FAMILY_TRACING_AND_REINTEGRATION',
  EDUCATION_SUPPORT = 'EDUCATION_SUPPORT',
  ECONOMIC_EMPOWERMENT = 'ECONOMIC_EMPOWERMENT',
  DRUG_REHABILITATION = 'DRUG_REHABILITATION',
  HELPLINE_COUNSELLING = 'HELPLINE_COUNSELLING',
}

registerEnumType(AgencyType, { name: 'AgencyType', description: 'What kind of body an agency is.' });
registerEnumType(ServiceType, { name: 'ServiceType', description: 'A service a provider offers and a referral can request.' });
