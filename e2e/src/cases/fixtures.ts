import {
  DEMO_AGENCIES,
  DEMO_CALLERS,
  DEMO_PROVIDERS,
  demoAgencyId,
  demoProviderId,
  kenyanDate,
  Role,
  type CallerClaims,
} from '@kinga/shared';
import { postGraphql } from '@kinga/shared/testing';
import type { KingaSystem } from '../harness/start-system';

export const OWNER_AGENCY = demoAgencyId(DEMO_AGENCIES.DCS);
export const OFFICER = DEMO_CALLERS[Role.DCS_OFFICER];

/** The service point each role works at when it is party to a referral, and the service it is sent for. */
export const PARTY_POINT: Record<Role, { agencyId: string; providerId: string; service: string; counties: string[] }> = {
  [Role.DCS_OFFICER]: {
    agencyId: OWNER_AGENCY,
    providerId: demoProviderId(DEMO_PROVIDERS.DCS_MOMBASA),
    service: 'CASE_MANAGEMENT',
    counties: ['001'],
  },
  [Role.DCS_SUPERVISOR]: {
    agencyId: OWNER_AGENCY,
    providerId: demoProviderId(DEMO_PROVIDERS.DCS_MOMBASA),
    service: 'CASE_MANAGEMENT',
    counties: ['001'],
  },
  [Role.POLICE_CPU]: {
    agencyId: demoAgencyId(DEMO_AGENCIES.NPS),
    providerId: demoProviderId(DEMO_PROVIDERS.CPU_NAIROBI),
    service: 'POLICE_INVESTIGATION',
    counties: ['047'],
  },
  [Role.GBVRC_CLINICIAN]: {
    agencyId: demoAgencyId(DEMO_AGENCIES.NWH),
    providerId: demoProviderId(DEMO_PROVIDERS.GBVRC_NWH),
    service: 'MEDICAL_CARE',
    counties: ['047'],
  },
  [Role.NGO_CASEWORKER]: {
    agencyId: demoAgencyId(DEMO_AGENCIES.CRADLE),
    providerId: demoProviderId(DEMO_PROVIDERS.CRADLE_LEGAL),
    service: 'LEGAL_AID',
    counties: ['047'],
  },
  [Role.PARTNER_SYSTEM]: {
    agencyId: demoAgencyId(DEMO_AGENCIES.CHILDLINE),
    providerId: demoProviderId(DEMO_PROVIDERS.HELPLINE_116),
    service: 'HELPLINE_COUNSELLING',
    counties: [],
  },
  // Roles that never work at a service point are given one anyway: their role alone must keep them out.
  [Role.PROGRAMME_OFFICER]: {
    agencyId: demoAgencyId(DEMO_AGENCIES.NPS),
    providerId: demoProviderId(DEMO_PROVIDERS.CPU_NAIROBI),
    service: '',
    counties: [],
  },
  [Role.ANALYST]: {
    agencyId: demoAgencyId(DEMO_AGENCIES.NWH),
    providerId: demoProviderId(DEMO_PROVIDERS.GBVRC_NWH),
    service: '',
    counties: [],
  },
  [Role.DIRECTORY_ADMIN]: {
    agencyId: demoAgencyId(DEMO_AGENCIES.CRADLE),
    providerId: demoProviderId(DEMO_PROVIDERS.CRADLE_LEGAL),
    service: '',
    counties: [],
  },
  [Role.DATA_PROTECTION_OFFICER]: {
    agencyId: OWNER_AGENCY,
    providerId: demoProviderId(DEMO_PROVIDERS.DCS_MOMBASA),
    service: '',
    counties: [],
  },
};

/** Providers the fixture cases are referred to (each role that can be a party). */
export const REFERRED_TO = [Role.DCS_OFFICER, Role.POLICE_CPU, Role.GBVRC_CLINICIAN, Role.NGO_CASEWORKER, Role.PARTNER_SYSTEM].map(
  (role) => PARTY_POINT[role],
);

export const STRANGER_PROVIDER = '00000000-0000-4000-8000-00000000beef';

export type Relationship =
  | 'owner'
  | 'party, consent given'
  | 'party, consent OPERATIONAL only (by agency type)'
  | 'party, consent expired'
  | 'party, consent revoked'
  | 'party of a cancelled referral, consent given'
  | 'stranger'
  | 'other county';

/** The token claims of a caller of `role` with `relationship` to the fixture case of that relationship. */
export function callerFor(role: Role, relationship: Relationship): CallerClaims {
  const base = { sub: `matrix-${role}-${relationship.replace(/\W+/g, '-')}`, name: `Matrix ${role}`, role };
  const party = PARTY_POINT[role];
  switch (relationship) {
    case 'owner':
      return { ...base, agencyId: OWNER_AGENCY, providerId: demoProviderId(DEMO_PROVIDERS.DCS_NAIROBI), counties: ['047'] };
    case 'other county':
      return { ...base, agencyId: OWNER_AGENCY, providerId: demoProviderId(DEMO_PROVIDERS.DCS_KISUMU), counties: ['042'] };
    case 'stranger':
      // Same agency as a party (so the consent names it) but a service point no referral involves; a
      // machine client, which acts for its agency, is a stranger when its agency is not a party.
      return role === Role.PARTNER_SYSTEM
        ? { ...base, agencyId: demoAgencyId(DEMO_AGENCIES.HAK), counties: [] }
        : { ...base, agencyId: party.agencyId, providerId: STRANGER_PROVIDER, counties: party.counties };
    default:
      return role === Role.PARTNER_SYSTEM
        ? { ...base, agencyId: party.agencyId, counties: [] }
        : { ...base, agencyId: party.agencyId, providerId: party.providerId, counties: party.counties };
  }
}

/**
 * `years` before today's Kenyan date (28 February for 29 February). Twelve makes a child of the 10-14 band on any
 * day the tests run: a fixed date made the child 15 in 2029, and 18, whom openCase refuses, in 2032.
 */
export function yearsAgo(years: number): string {
  const [year, month, day] = kenyanDate(new Date()).split('-');
  return `${Number(year) - years}-${month}-${month === '02' && day === '29' ? '28' : day}`;
}

export const CHILD_INPUT = {
  firstName: 'Matrixchild',
  middleName: 'Demo',
  lastName: 'Permission-Test',
  dateOfBirth: yearsAgo(12),
  sex: 'FEMALE',
  countyCode: '047',
  subCounty: 'Demo Sub-County',
  location: 'Demo Estate, House 7',
  school: 'Demo Primary School',
  birthCertificateNumber: 'DEMO-BC-424242',
  caregivers: [{ name: 'Mama Matrix Demo', relationship: 'MOTHER', phone: '+254700424242' }],
};

export async function gql<T = Record<string, unknown>>(
  system: KingaSystem,
  claims: CallerClaims,
  query: string,
  variables: Record<string, unknown> = {},
) {
  const response = await system.request<T>(query, variables, system.token(claims));
  return response;
}

/** Fails the test with the errors when an operation that must succeed did not. */
export async function must<T>(
  system: KingaSystem,
  claims: CallerClaims,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const { body } = await gql<T>(system, claims, query, variables);
  if (body.errors?.length || !body.data) throw new Error(`operation failed: ${JSON.stringify(body.errors)}`);
  return body.data;
}

/** The fixture case, opened by OFFICER with a note; `changes` alter the input (an earlier `openedOn`, a `child`). */
export async function openFixtureCase(
  system: KingaSystem,
  changes: Record<string, unknown> = {},
): Promise<{ id: string; caseNumber: string }> {
  const data = await must<{ openCase: { case: { id: string; caseNumber: string } } }>(
    system,
    OFFICER,
    `mutation Open($input: OpenCaseInput!) { openCase(input: $input) { case { id caseNumber } } }`,
    {
      input: {
        countyCode: '047',
        categories: ['DEFILEMENT'],
        riskLevel: 'HIGH',
        child: CHILD_INPUT,
        incidentNarrative: 'Matrix narrative (invented)',
        perpetratorDetails: 'Matrix perpetrator (invented)',
        clinicalNotes: 'Matrix clinical notes (invented)',
        ...changes,
      },
    },
  );
  await must(system, OFFICER, `mutation Note($input: AddCaseNoteInput!) { addCaseNote(input: $input) { note { id } } }`, {
    input: { caseId: data.openCase.case.id, body: 'Matrix note (invented)' },
  });
  return data.openCase.case;
}

export async function recordConsent(system: KingaSystem, input: Record<string, unknown>): Promise<string> {
  const data = await must<{ recordConsent: { consent: { id: string } } }>(
    system,
    OFFICER,
    `mutation Consent($input: RecordConsentInput!) { recordConsent(input: $input) { consent { id } } }`,
    { input },
  );
  return data.recordConsent.consent.id;
}

export async function referTo(
  system: KingaSystem,
  caseId: string,
  to: (typeof REFERRED_TO)[number],
): Promise<{ id: string; version: number }> {
  const data = await must<{ createReferral: { referral: { id: string; version: number } } }>(
    system,
    OFFICER,
    `mutation Refer($key: String!, $input: CreateReferralInput!) { createReferral(idempotencyKey: $key, input: $input) { referral { id version } } }`,
    {
      key: `${caseId}:${to.providerId}`.slice(0, 100),
      input: { caseId, toProviderId: to.providerId, serviceRequested: to.service, urgency: 'HIGH', reason: 'Matrix referral (invented)' },
    },
  );
  return data.createReferral.referral;
}

/** The sender withdraws the referral: its parties stop being parties. */
export async function cancelReferral(system: KingaSystem, referral: { id: string; version: number }): Promise<void> {
  await must(
    system,
    OFFICER,
    `mutation Cancel($input: ReferralReasonTransitionInput!) { cancelReferral(input: $input) { referral { status } } }`,
    {
      input: { id: referral.id, expectedVersion: referral.version, reason: 'Matrix: sent in error' },
    },
  );
}

/** What the gateway would send the cases subgraph: the parties the referrals subgraph resolves for the case. */
export async function representationOf(system: KingaSystem, caseId: string, claims: CallerClaims): Promise<Record<string, unknown>> {
  const referrals = system.subgraphs.referrals;
  if (!referrals) return { __typename: 'Case', id: caseId, referralParties: [] };
  const { body } = await postGraphql<{ _entities: Array<{ referralParties: unknown[] }> }>(
    referrals.url,
    `query($r: [_Any!]!) { _entities(representations: $r) { ... on Case { referralParties { providerId agencyId agencyType } } } }`,
    { r: [{ __typename: 'Case', id: caseId }] },
    { token: system.token(claims) },
  );
  if (body.errors?.length) throw new Error(`referrals did not give the parties: ${JSON.stringify(body.errors)}`);
  return { __typename: 'Case', id: caseId, referralParties: body.data?._entities[0]?.referralParties ?? [] };
}
