import { countyServicePointKey, DEMO_PROVIDERS, demoAgencyId, demoProviderId } from '@kinga/shared';
import { AgencyType } from '../modules/agency/agency-type.enum';
import { ProviderType, ServiceType as S, Weekday } from '../modules/service-provider/service-provider.enums';
import type { ValidOpeningHours } from '../modules/service-provider/service-provider.input';

/**
 * The agencies the NPA names (by its acronyms, so the programmes subgraph can link lead agencies), and
 * service points across 16 counties. Facilities the NPA document names keep only what it says of them;
 * every invented provider is marked `isDemo`, and so is every agency the NPA does not name.
 */
const agency = (acronym: string, name: string, type: AgencyType, isDemo = false) => ({
  id: demoAgencyId(acronym),
  acronym,
  name,
  type,
  isDemo,
  active: true,
});

export const DEMO_DIRECTORY_AGENCIES = [
  agency('DCS', "Department of Children's Services", AgencyType.GOVERNMENT),
  agency('NCCS', "National Council for Children's Services", AgencyType.GOVERNMENT),
  agency('NPS', 'National Police Service', AgencyType.POLICE),
  agency('DCI', 'Directorate of Criminal Investigations', AgencyType.POLICE),
  agency('MOH', 'Ministry of Health', AgencyType.HEALTH),
  agency('KNH', 'Kenyatta National Hospital', AgencyType.HEALTH),
  agency('NWH', "Nairobi Women's Hospital", AgencyType.HEALTH),
  agency('COPTIC', 'Coptic Hospital', AgencyType.HEALTH),
  agency('CHILDLINE', 'Childline Kenya', AgencyType.NGO),
  agency('HAK', 'Healthcare Assistance Kenya', AgencyType.NGO),
  agency('CRADLE', 'The CRADLE - The Child Foundation', AgencyType.NGO),
  agency('ANPPCAN', 'African Network for the Prevention and Protection against Child Abuse and Neglect', AgencyType.NGO),
  agency('ECPAT', 'End Child Prostitution, Child Pornography and Trafficking for Sexual Purposes', AgencyType.NGO),
  agency('IJM', 'International Justice Mission', AgencyType.NGO),
  agency('APDK', 'Association for persons with Disabilities in Kenya', AgencyType.NGO),
  agency('UNICEF', "United Nations Children's Fund", AgencyType.UN_AGENCY),
  agency('UNODC', 'United Nations Office on Drugs and Crime', AgencyType.UN_AGENCY),
  agency('ILO', 'International Labour Organization', AgencyType.UN_AGENCY),
  agency('UNHCR', 'United Nations High Commissioner for Refugees', AgencyType.UN_AGENCY),
  agency('TSC', 'Teachers Service Commission', AgencyType.EDUCATION),
  agency('MoE', 'Ministry of Education', AgencyType.EDUCATION),
  agency('DPP', 'Office of the Director of Public Prosecutions', AgencyType.JUDICIARY),
  agency('CA', 'Communications Authority', AgencyType.GOVERNMENT),
  agency('NACADA', 'National Authority for the Campaign Against Alcohol and Drug Abuse', AgencyType.GOVERNMENT),
  agency('NTSA', 'National Transport and Safety Authority', AgencyType.GOVERNMENT),
  agency('NCPWD', 'National Council for Persons with Disabilities', AgencyType.GOVERNMENT),
  agency('KEPSA', 'Kenya Private Sector Association', AgencyType.PRIVATE_SECTOR),
  agency('PWANI-FBO', 'Pwani Faith Children Ministry (demo)', AgencyType.FBO, true),
  agency('TUMAINI-CBO', 'Tumaini Community Child Watch (demo)', AgencyType.CBO, true),
  agency('HAKI-NGO', 'Haki Watoto Legal Network (demo)', AgencyType.NGO, true),
];

const weekdays = (opens: string, closes: string): ValidOpeningHours => ({
  open24Hours: false,
  weekly: [Weekday.MONDAY, Weekday.TUESDAY, Weekday.WEDNESDAY, Weekday.THURSDAY, Weekday.FRIDAY].map((day) => ({ day, opens, closes })),
});
const officeHours = weekdays('08:00', '17:00');
const allDay: ValidOpeningHours = { open24Hours: true, weekly: [] };

interface DemoProvider {
  key: string;
  agency: string;
  name: string;
  type: ProviderType;
  county: string;
  subCounty?: string;
  phone?: string;
  services: S[];
  openingHours: ValidOpeningHours;
  capacity?: number;
  acceptingReferrals?: boolean;
  isDemo: boolean;
}

/**
 * Facilities the NPA document names, under its names, with no capacity, place or phone it does not give (only
 * public short codes are given as numbers). Their services and hours are what a referral needs to reach them in
 * the demo: the NPA's medical treatment and psychosocial support, and a recovery centre's PEP and examination
 * round the clock, as such centres give them.
 */
const namedFacilities: DemoProvider[] = [
  {
    key: DEMO_PROVIDERS.GBVRC_NWH,
    agency: 'NWH',
    name: "Nairobi Women's Hospital Gender Violence Recovery Centre",
    type: ProviderType.GBVRC,
    county: '047',
    services: [S.MEDICAL_CARE, S.POST_EXPOSURE_PROPHYLAXIS, S.FORENSIC_EXAMINATION, S.PSYCHOSOCIAL_SUPPORT],
    openingHours: allDay,
    isDemo: false,
  },
  {
    key: DEMO_PROVIDERS.GBVRC_KNH,
    agency: 'KNH',
    name: 'Kenyatta National Hospital GBV Recovery Centre',
    type: ProviderType.GBVRC,
    county: '047',
    services: [S.MEDICAL_CARE, S.POST_EXPOSURE_PROPHYLAXIS, S.FORENSIC_EXAMINATION, S.PSYCHOSOCIAL_SUPPORT],
    openingHours: allDay,
    isDemo: false,
  },
  {
    key: DEMO_PROVIDERS.GBVRC_COPTIC,
    agency: 'COPTIC',
    name: 'Coptic Hospital GBV Recovery Centre',
    type: ProviderType.GBVRC,
    county: '047',
    services: [S.MEDICAL_CARE, S.POST_EXPOSURE_PROPHYLAXIS, S.PSYCHOSOCIAL_SUPPORT],
    openingHours: allDay,
    isDemo: false,
  },
  {
    key: DEMO_PROVIDERS.CPC_MALINDI,
    agency: 'DCS',
    name: 'Malindi Child Protection Centre',
    type: ProviderType.CHILD_PROTECTION_CENTRE,
    county: '003',
    services: [S.CASE_MANAGEMENT, S.SAFE_SHELTER, S.PSYCHOSOCIAL_SUPPORT, S.FAMILY_TRACING_AND_REINTEGRATION],
    openingHours: allDay,
    isDemo: false,
  },
  {
    key: DEMO_PROVIDERS.CPC_NAKURU,
    agency: 'DCS',
    name: 'Nakuru Child Protection Centre',
    type: ProviderType.CHILD_PROTECTION_CENTRE,
    county: '032',
    services: [S.CASE_MANAGEMENT, S.SAFE_SHELTER, S.PSYCHOSOCIAL_SUPPORT, S.FAMILY_TRACING_AND_REINTEGRATION],
    openingHours: allDay,
    isDemo: false,
  },
  {
    key: DEMO_PROVIDERS.CPC_GARISSA,
    agency: 'DCS',
    name: 'Garissa Child Protection Centre',
    type: ProviderType.CHILD_PROTECTION_CENTRE,
    county: '007',
    services: [S.CASE_MANAGEMENT, S.SAFE_SHELTER, S.PSYCHOSOCIAL_SUPPORT, S.FAMILY_TRACING_AND_REINTEGRATION],
    openingHours: allDay,
    isDemo: false,
  },
  {
    key: DEMO_PROVIDERS.HELPLINE_116,
    agency: 'CHILDLINE',
    name: 'Child Helpline 116',
    type: ProviderType.HELPLINE,
    county: '047',
    phone: '116',
    services: [S.HELPLINE_COUNSELLING, S.PSYCHOSOCIAL_SUPPORT, S.CASE_MANAGEMENT],
    openingHours: allDay,
    isDemo: false,
  },
  {
    key: DEMO_PROVIDERS.HOTLINE_1195,
    agency: 'HAK',
    name: '1195 GBV Hotline',
    type: ProviderType.HELPLINE,
    county: '047',
    phone: '1195',
    services: [S.HELPLINE_COUNSELLING, S.PSYCHOSOCIAL_SUPPORT],
    openingHours: allDay,
    isDemo: false,
  },
];

/** Invented service points: a DCS office, a police CPU and a hospital GBV desk in each demo county, and more. */
const demoCounties: Array<[code: string, town: string]> = [
  ['001', 'Mombasa'],
  ['002', 'Kwale'],
  ['003', 'Kilifi'],
  ['007', 'Garissa'],
  ['012', 'Meru'],
  ['016', 'Machakos'],
  ['022', 'Kiambu'],
  ['027', 'Uasin Gishu'],
  ['032', 'Nakuru'],
  ['033', 'Narok'],
  ['037', 'Kakamega'],
  ['039', 'Bungoma'],
  ['042', 'Kisumu'],
  ['044', 'Migori'],
  ['045', 'Kisii'],
  ['047', 'Nairobi'],
];
const demoPhone = (county: string, n: number) => `07${county.slice(1)}${String(100000 + n * 7919).slice(-6)}`.slice(0, 10);

const generated: DemoProvider[] = demoCounties.flatMap(([county, town], i) => [
  {
    key: countyServicePointKey('DCS', county),
    agency: 'DCS',
    name: `${town} Sub-County Children's Office (demo)`,
    type: ProviderType.CHILDREN_OFFICE,
    county,
    subCounty: town,
    phone: demoPhone(county, i * 3),
    services: [S.CASE_MANAGEMENT, S.FAMILY_TRACING_AND_REINTEGRATION, S.PSYCHOSOCIAL_SUPPORT],
    openingHours: officeHours,
    isDemo: true,
  },
  {
    key: countyServicePointKey('CPU', county),
    agency: 'NPS',
    name:
      county === '047'
        ? 'Kilimani Police Station Child Protection Unit (demo)'
        : county === '003'
          ? 'Malindi Police Station Child Protection Unit (demo)'
          : `${town} Police Child Protection Unit (demo)`,
    type: ProviderType.POLICE_CPU,
    county,
    subCounty: county === '003' ? 'Malindi' : town,
    phone: demoPhone(county, i * 3 + 1),
    services: [S.POLICE_INVESTIGATION, S.SAFE_SHELTER],
    openingHours: allDay,
    isDemo: true,
  },
  {
    key: countyServicePointKey('GBV', county),
    agency: 'MOH',
    name: county === '003' ? 'Malindi Sub-County Hospital GBV Recovery Centre (demo)' : `${town} County Referral Hospital GBV Desk (demo)`,
    type: ProviderType.GBVRC,
    county,
    subCounty: county === '003' ? 'Malindi' : town,
    phone: demoPhone(county, i * 3 + 2),
    services: [S.MEDICAL_CARE, S.POST_EXPOSURE_PROPHYLAXIS, S.FORENSIC_EXAMINATION, S.PSYCHOSOCIAL_SUPPORT],
    openingHours: allDay,
    isDemo: true,
  },
]);

const ngoProgrammes: DemoProvider[] = [
  {
    key: DEMO_PROVIDERS.CRADLE_LEGAL,
    agency: 'CRADLE',
    name: 'The CRADLE Legal Aid Clinic (demo)',
    type: ProviderType.LEGAL_AID,
    county: '047',
    subCounty: 'Kilimani',
    services: [S.LEGAL_AID, S.PSYCHOSOCIAL_SUPPORT],
    openingHours: officeHours,
    isDemo: true,
  },
  {
    key: 'CRADLE-MOMBASA',
    agency: 'CRADLE',
    name: 'The CRADLE Coast Legal Aid Desk (demo)',
    type: ProviderType.LEGAL_AID,
    county: '001',
    services: [S.LEGAL_AID],
    openingHours: weekdays('09:00', '16:00'),
    isDemo: true,
  },
  {
    key: 'ANPPCAN-NAIROBI',
    agency: 'ANPPCAN',
    name: 'ANPPCAN Child Protection Programme, Nairobi (demo)',
    type: ProviderType.NGO_PROGRAMME,
    county: '047',
    services: [S.PSYCHOSOCIAL_SUPPORT, S.CASE_MANAGEMENT, S.EDUCATION_SUPPORT],
    openingHours: officeHours,
    isDemo: true,
  },
  {
    key: 'ANPPCAN-KISUMU',
    agency: 'ANPPCAN',
    name: 'ANPPCAN Lakeside Child Protection Programme (demo)',
    type: ProviderType.NGO_PROGRAMME,
    county: '042',
    services: [S.PSYCHOSOCIAL_SUPPORT, S.FAMILY_TRACING_AND_REINTEGRATION],
    openingHours: officeHours,
    isDemo: true,
  },
  {
    key: 'ECPAT-KILIFI',
    agency: 'ECPAT',
    name: 'Coast Tourism Child Safeguarding Programme (demo)',
    type: ProviderType.NGO_PROGRAMME,
    county: '003',
    subCounty: 'Malindi',
    services: [S.PSYCHOSOCIAL_SUPPORT, S.ECONOMIC_EMPOWERMENT, S.EDUCATION_SUPPORT],
    openingHours: officeHours,
    isDemo: true,
  },
  {
    key: 'ECPAT-KWALE',
    agency: 'ECPAT',
    name: 'Diani Child Safeguarding Drop-in (demo)',
    type: ProviderType.NGO_PROGRAMME,
    county: '002',
    services: [S.PSYCHOSOCIAL_SUPPORT, S.ECONOMIC_EMPOWERMENT],
    openingHours: weekdays('09:00', '18:00'),
    isDemo: true,
  },
  {
    key: 'IJM-NAIROBI',
    agency: 'IJM',
    name: 'IJM Survivor Legal Support, Nairobi (demo)',
    type: ProviderType.LEGAL_AID,
    county: '047',
    services: [S.LEGAL_AID, S.POLICE_INVESTIGATION],
    openingHours: officeHours,
    isDemo: true,
  },
  {
    key: 'HAKI-NAKURU',
    agency: 'HAKI-NGO',
    name: 'Haki Watoto Legal Clinic, Nakuru (demo)',
    type: ProviderType.LEGAL_AID,
    county: '032',
    services: [S.LEGAL_AID],
    openingHours: officeHours,
    isDemo: true,
  },
  {
    key: 'PWANI-SAFEHOUSE',
    agency: 'PWANI-FBO',
    name: 'Pwani Safe House for Girls (demo)',
    type: ProviderType.SAFE_HOUSE,
    county: '003',
    services: [S.SAFE_SHELTER, S.PSYCHOSOCIAL_SUPPORT, S.EDUCATION_SUPPORT],
    openingHours: allDay,
    capacity: 25,
    isDemo: true,
  },
  {
    key: 'PWANI-CCI',
    agency: 'PWANI-FBO',
    name: 'Pwani Children Home (demo)',
    type: ProviderType.CHARITABLE_CHILDREN_INSTITUTION,
    county: '001',
    services: [S.SAFE_SHELTER, S.EDUCATION_SUPPORT],
    openingHours: allDay,
    capacity: 60,
    acceptingReferrals: false,
    isDemo: true,
  },
  {
    key: 'TUMAINI-KISII',
    agency: 'TUMAINI-CBO',
    name: 'Tumaini Community Child Watch, Kisii (demo)',
    type: ProviderType.NGO_PROGRAMME,
    county: '045',
    services: [S.PSYCHOSOCIAL_SUPPORT, S.FAMILY_TRACING_AND_REINTEGRATION, S.ECONOMIC_EMPOWERMENT],
    openingHours: weekdays('08:30', '16:30'),
    isDemo: true,
  },
  {
    key: 'TUMAINI-MIGORI',
    agency: 'TUMAINI-CBO',
    name: 'Tumaini Community Child Watch, Migori (demo)',
    type: ProviderType.NGO_PROGRAMME,
    county: '044',
    services: [S.PSYCHOSOCIAL_SUPPORT, S.ECONOMIC_EMPOWERMENT],
    openingHours: weekdays('08:30', '16:30'),
    isDemo: true,
  },
  {
    key: 'NACADA-REHAB-KIAMBU',
    agency: 'NACADA',
    name: 'Kiambu Youth Rehabilitation Centre (demo)',
    type: ProviderType.REHABILITATION_CENTRE,
    county: '022',
    services: [S.DRUG_REHABILITATION, S.PSYCHOSOCIAL_SUPPORT],
    openingHours: allDay,
    capacity: 50,
    isDemo: true,
  },
  {
    key: 'NACADA-REHAB-MOMBASA',
    agency: 'NACADA',
    name: 'Coast Youth Rehabilitation Centre (demo)',
    type: ProviderType.REHABILITATION_CENTRE,
    county: '001',
    services: [S.DRUG_REHABILITATION, S.PSYCHOSOCIAL_SUPPORT],
    openingHours: allDay,
    capacity: 40,
    isDemo: true,
  },
  {
    key: 'KNH-PAEDS',
    agency: 'KNH',
    name: 'Kenyatta National Hospital Paediatric Unit (demo)',
    type: ProviderType.HOSPITAL,
    county: '047',
    services: [S.MEDICAL_CARE],
    openingHours: allDay,
    isDemo: true,
  },
  {
    key: 'APDK-MACHAKOS',
    agency: 'APDK',
    name: 'APDK Children with Disabilities Support, Machakos (demo)',
    type: ProviderType.NGO_PROGRAMME,
    county: '016',
    services: [S.MEDICAL_CARE, S.EDUCATION_SUPPORT, S.PSYCHOSOCIAL_SUPPORT],
    openingHours: officeHours,
    isDemo: true,
  },
  {
    key: 'UNHCR-GARISSA',
    agency: 'UNHCR',
    name: 'Dadaab Child Protection Desk (demo)',
    type: ProviderType.NGO_PROGRAMME,
    county: '007',
    services: [S.CASE_MANAGEMENT, S.FAMILY_TRACING_AND_REINTEGRATION, S.PSYCHOSOCIAL_SUPPORT],
    openingHours: weekdays('08:00', '16:00'),
    isDemo: true,
  },
];

export const DEMO_DIRECTORY_PROVIDERS = [...namedFacilities, ...generated, ...ngoProgrammes].map((p) => ({
  id: demoProviderId(p.key),
  agencyId: demoAgencyId(p.agency),
  name: p.name,
  type: p.type,
  countyCode: p.county,
  subCounty: p.subCounty ?? null,
  address: p.isDemo ? `${p.subCounty ?? 'Town centre'} (demo address)` : null,
  phone: p.phone ?? null,
  email: null,
  open24Hours: p.openingHours.open24Hours,
  openingHours: p.openingHours,
  services: p.services,
  capacity: p.capacity ?? null,
  acceptingReferrals: p.acceptingReferrals ?? true,
  active: true,
  isDemo: p.isDemo,
}));
