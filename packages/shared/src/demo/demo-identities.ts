import { createHash } from 'node:crypto';
import { Role } from '../auth/roles';
import type { CallerClaims } from '../auth/caller';

/**
 * Demo records are spread over four subgraphs that may not read each other's tables, so they agree on ids
 * by deriving them from stable keys: the same key gives the same UUID in every service and every run.
 */
export function demoId(kind: string, key: string): string {
  return nameBasedUuid(`kinga-demo:${kind}:${key}`);
}

/** A UUID shaped as version 5 (SHA-1 of the name, without a namespace): ids derived from stable names stay the same. */
export function nameBasedUuid(name: string): string {
  const hash = createHash('sha1').update(name).digest();
  hash[6] = (hash[6] & 0x0f) | 0x50; // version 5 (name-based, SHA-1)
  hash[8] = (hash[8] & 0x3f) | 0x80; // RFC 4122 variant
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export const demoAgencyId = (acronym: string) => demoId('agency', acronym);
export const demoProviderId = (key: string) => demoId('provider', key);

/** Agencies (by acronym) and providers (by key) that other subgraphs' demo data refer to. */
export const DEMO_AGENCIES = {
  DCS: 'DCS',
  NCCS: 'NCCS',
  NPS: 'NPS',
  MOH: 'MOH',
  NWH: 'NWH',
  KNH: 'KNH',
  CHILDLINE: 'CHILDLINE',
  CRADLE: 'CRADLE',
  HAK: 'HAK',
} as const;

export const DEMO_PROVIDERS = {
  DCS_NAIROBI: 'DCS-NAIROBI',
  DCS_MOMBASA: 'DCS-MOMBASA',
  DCS_KISUMU: 'DCS-KISUMU',
  CPC_MALINDI: 'CPC-MALINDI',
  CPC_NAKURU: 'CPC-NAKURU',
  CPC_GARISSA: 'CPC-GARISSA',
  CPU_NAIROBI: 'CPU-NAIROBI-KILIMANI',
  CPU_MALINDI: 'CPU-MALINDI',
  CPU_MOMBASA: 'CPU-MOMBASA',
  GBVRC_NWH: 'GBVRC-NWH',
  GBVRC_KNH: 'GBVRC-KNH',
  GBVRC_COPTIC: 'GBVRC-COPTIC',
  GBVRC_MALINDI: 'GBVRC-MALINDI',
  HELPLINE_116: 'HELPLINE-116',
  HOTLINE_1195: 'HOTLINE-1195',
  CRADLE_LEGAL: 'CRADLE-LEGAL-AID',
} as const;

/**
 * The demo's county service points (a children's office, a police CPU, a GBV desk per county) are keyed
 * `DCS-047`, `CPU-003`…, except those other demo data names by a well-known key. The directory demo and the
 * scale seeder both derive provider ids from this, so they agree on which provider is which.
 */
const WELL_KNOWN_SERVICE_POINTS: Readonly<Record<string, string>> = {
  'DCS-047': DEMO_PROVIDERS.DCS_NAIROBI,
  'DCS-001': DEMO_PROVIDERS.DCS_MOMBASA,
  'DCS-042': DEMO_PROVIDERS.DCS_KISUMU,
  'CPU-047': DEMO_PROVIDERS.CPU_NAIROBI,
  'CPU-003': DEMO_PROVIDERS.CPU_MALINDI,
  'CPU-001': DEMO_PROVIDERS.CPU_MOMBASA,
  'GBV-003': DEMO_PROVIDERS.GBVRC_MALINDI,
  'NGO-047': DEMO_PROVIDERS.HELPLINE_116,
};

export function countyServicePointKey(kind: 'DCS' | 'CPU' | 'GBV' | 'NGO', countyCode: string): string {
  return WELL_KNOWN_SERVICE_POINTS[`${kind}-${countyCode}`] ?? `${kind}-${countyCode}`;
}

/** One demo caller per role, for the tokens `npm start` prints. */
export const DEMO_CALLERS: Record<Role, CallerClaims> = {
  [Role.DCS_OFFICER]: {
    sub: 'demo-dcs-officer',
    name: 'Demo Children Officer (Nairobi)',
    role: Role.DCS_OFFICER,
    agencyId: demoAgencyId(DEMO_AGENCIES.DCS),
    providerId: demoProviderId(DEMO_PROVIDERS.DCS_NAIROBI),
    counties: ['047'],
  },
  [Role.DCS_SUPERVISOR]: {
    sub: 'demo-dcs-supervisor',
    name: 'Demo County Children Coordinator (Nairobi)',
    role: Role.DCS_SUPERVISOR,
    agencyId: demoAgencyId(DEMO_AGENCIES.DCS),
    providerId: demoProviderId(DEMO_PROVIDERS.DCS_NAIROBI),
    counties: ['047'],
  },
  [Role.POLICE_CPU]: {
    sub: 'demo-police-cpu',
    name: 'Demo CPU Officer (Kilimani)',
    role: Role.POLICE_CPU,
    agencyId: demoAgencyId(DEMO_AGENCIES.NPS),
    providerId: demoProviderId(DEMO_PROVIDERS.CPU_NAIROBI),
    counties: ['047'],
  },
  [Role.GBVRC_CLINICIAN]: {
    sub: 'demo-gbvrc-clinician',
    name: "Demo Clinician (Nairobi Women's Hospital GVRC)",
    role: Role.GBVRC_CLINICIAN,
    agencyId: demoAgencyId(DEMO_AGENCIES.NWH),
    providerId: demoProviderId(DEMO_PROVIDERS.GBVRC_NWH),
    counties: ['047'],
  },
  [Role.NGO_CASEWORKER]: {
    sub: 'demo-ngo-caseworker',
    name: 'Demo Caseworker (The CRADLE)',
    role: Role.NGO_CASEWORKER,
    agencyId: demoAgencyId(DEMO_AGENCIES.CRADLE),
    providerId: demoProviderId(DEMO_PROVIDERS.CRADLE_LEGAL),
    counties: ['047'],
  },
  [Role.PARTNER_SYSTEM]: {
    sub: 'demo-partner-system-childline',
    name: 'Childline Kenya case system (demo client)',
    role: Role.PARTNER_SYSTEM,
    agencyId: demoAgencyId(DEMO_AGENCIES.CHILDLINE),
    counties: [],
  },
  [Role.PROGRAMME_OFFICER]: {
    sub: 'demo-programme-officer',
    name: 'Demo M&E Officer (NCCS)',
    role: Role.PROGRAMME_OFFICER,
    agencyId: demoAgencyId(DEMO_AGENCIES.NCCS),
    counties: [],
  },
  [Role.ANALYST]: { sub: 'demo-analyst', name: 'Demo Partner Dashboard Analyst', role: Role.ANALYST, counties: [] },
  [Role.DIRECTORY_ADMIN]: {
    sub: 'demo-directory-admin',
    name: 'Demo Directory Maintainer (NCCS)',
    role: Role.DIRECTORY_ADMIN,
    agencyId: demoAgencyId(DEMO_AGENCIES.NCCS),
    counties: [],
  },
  [Role.DATA_PROTECTION_OFFICER]: {
    sub: 'demo-dpo',
    name: 'Demo Data Protection Officer',
    role: Role.DATA_PROTECTION_OFFICER,
    agencyId: demoAgencyId(DEMO_AGENCIES.DCS),
    counties: [],
  },
};
