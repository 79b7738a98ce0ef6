import { registerEnumType } from 'type-graphql';

/** The roles of DESIGN.md; a token carries exactly one. */
export enum Role {
  DCS_OFFICER = 'DCS_OFFICER',
  DCS_SUPERVISOR = 'DCS_SUPERVISOR',
  POLICE_CPU = 'POLICE_CPU',
  GBVRC_CLINICIAN = 'GBVRC_CLINICIAN',
  NGO_CASEWORKER = 'NGO_CASEWORKER',
  PARTNER_SYSTEM = 'PARTNER_SYSTEM',
  PROGRAMME_OFFICER = 'PROGRAMME_OFFICER',
  ANALYST = 'ANALYST',
  DIRECTORY_ADMIN = 'DIRECTORY_ADMIN',
  DATA_PROTECTION_OFFICER = 'DATA_PROTECTION_OFFICER',
}

registerEnumType(Role, { name: 'Role', description: 'A role of DESIGN.md "Roles": a token carries exactly one.' });

export const ALL_ROLES = Object.values(Role);
