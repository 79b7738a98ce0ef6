import {
  AgencyType,
  ConsentBasis,
  DEMO_AGENCIES,
  DEMO_CALLERS,
  DEMO_PROVIDERS,
  demoAgencyId,
  demoId,
  demoProviderId,
  Role,
  Tier,
} from '@kinga/shared';
import { CaseCategory, CaseStatus, RiskLevel, Sex } from '../modules/case/case.enums';
import { formatCaseNumber } from '../modules/case/case-number';

/**
 * A few hundred invented cases, the same on every run (a seeded generator), so that every demo role sees
 * something and other subgraphs' demo data can name them: a case's id is `demoId('case', <case number>)`.
 * Names are obviously fictional ("Achieng Demo Otieno-Test"), phones are in the unused +254 700 000 block.
 */
export const demoCaseId = (caseNumber: string) => demoId('case', caseNumber);

export interface DemoCaseSummary {
  id: string;
  caseNumber: string;
  countyCode: string;
  ownerAgencyId: string;
  ownerProviderId: string;
  status: CaseStatus;
}

/** Cases per owning children office and year opened; Nairobi's 2025 cases are KE-047-2025-000001 to -000060. */
const OFFICES: Array<{ provider: string; county: string; perYear: Record<number, number> }> = [
  { provider: DEMO_PROVIDERS.DCS_NAIROBI, county: '047', perYear: { 2025: 60, 2024: 30, 2026: 40 } },
  { provider: DEMO_PROVIDERS.DCS_MOMBASA, county: '001', perYear: { 2025: 25, 2024: 10, 2026: 15 } },
  { provider: DEMO_PROVIDERS.DCS_KISUMU, county: '042', perYear: { 2025: 20, 2024: 8, 2026: 12 } },
  { provider: DEMO_PROVIDERS.CPC_MALINDI, county: '003', perYear: { 2025: 20, 2024: 8, 2026: 12 } },
  { provider: DEMO_PROVIDERS.CPC_NAKURU, county: '032', perYear: { 2025: 12, 2024: 6, 2026: 10 } },
  { provider: DEMO_PROVIDERS.CPC_GARISSA, county: '007', perYear: { 2025: 8, 2024: 4, 2026: 6 } },
  { provider: 'DCS-022', county: '022', perYear: { 2025: 6, 2026: 4 } },
  { provider: 'DCS-045', county: '045', perYear: { 2025: 3, 2026: 3 } },
];

const GIVEN_NAMES = {
  [Sex.FEMALE]: [
    'Achieng',
    'Wanjiru',
    'Akinyi',
    'Njeri',
    'Chebet',
    'Mwanaisha',
    'Atieno',
    'Wambui',
    'Nafula',
    'Halima',
    'Kerubo',
    'Zawadi',
  ],
  [Sex.MALE]: ['Otieno', 'Kamau', 'Kiprono', 'Mutua', 'Omondi', 'Baraka', 'Juma', 'Wekesa', 'Hassan', 'Kibet', 'Onyango', 'Mwangi'],
};
const SURNAMES = ['Otieno', 'Kamau', 'Wanjala', 'Mohamed', 'Kiptoo', 'Mwende', 'Odhiambo', 'Njoroge', 'Barasa', 'Abdi', 'Chege', 'Ouma'];
const CAREGIVER_NAMES = ['Mama Demo', 'Baba Demo', 'Shosho Demo', 'Auntie Demo', 'Guardian Demo'];
const RELATIONSHIPS = ['MOTHER', 'FATHER', 'GRANDMOTHER', 'AUNT', 'GUARDIAN'];
const SCHOOLS = ['Demo Primary School', 'Demo Comprehensive School', 'Demo Girls Secondary School', null];
const LOCATIONS = ['Demo Estate, Block', 'Demo Village, Plot', 'Demo Settlement, House'];
const CATEGORY_WEIGHTS: Array<[CaseCategory, number]> = [
  [CaseCategory.DEFILEMENT, 20],
  [CaseCategory.SEXUAL_ABUSE, 18],
  [CaseCategory.PHYSICAL_ABUSE, 14],
  [CaseCategory.NEGLECT, 14],
  [CaseCategory.CHILD_MARRIAGE, 6],
  [CaseCategory.COMMERCIAL_SEXUAL_EXPLOITATION, 6],
  [CaseCategory.ONLINE_SEXUAL_EXPLOITATION, 5],
  [CaseCategory.CHILD_LABOUR, 5],
  [CaseCategory.FEMALE_GENITAL_MUTILATION, 4],
  [CaseCategory.CHILD_TRAFFICKING, 3],
  [CaseCategory.EXPLOITATION_IN_TRAVEL_AND_TOURISM, 3],
  [CaseCategory.CHILD_PORNOGRAPHY, 2],
];

/** mulberry32: a small, well-mixed 32-bit generator; the seed fixes the whole data set. */
function seeded(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
    chance: (p: number) => next() < p,
    weighted: <T>(items: ReadonlyArray<[T, number]>): T => {
      let roll = next() * items.reduce((sum, [, w]) => sum + w, 0);
      for (const [item, weight] of items) {
        roll -= weight;
        if (roll < 0) return item;
      }
      return items[items.length - 1][0];
    },
  };
}

const isoDate = (date: Date) => date.toISOString().slice(0, 10);
const addDays = (date: string, days: number) => isoDate(new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000));

export interface DemoDataSet {
  children: Array<Record<string, unknown> & { id: string }>;
  caregivers: Array<Record<string, unknown>>;
  cases: Array<Record<string, unknown> & { id: string; caseNumber: string }>;
  consents: Array<Record<string, unknown>>;
  notes: Array<Record<string, unknown>>;
  counters: Array<{ county_code: string; year: number; last_value: number }>;
}

const POLICE_NPS = demoAgencyId(DEMO_AGENCIES.NPS);
const CRADLE = demoAgencyId(DEMO_AGENCIES.CRADLE);
const CHILDLINE = demoAgencyId(DEMO_AGENCIES.CHILDLINE);
const NWH = demoAgencyId(DEMO_AGENCIES.NWH);
const DCS = demoAgencyId(DEMO_AGENCIES.DCS);

export function buildDemoCases(seed = 20251122): DemoDataSet {
  const random = seeded(seed);
  const data: DemoDataSet = { children: [], caregivers: [], cases: [], consents: [], notes: [], counters: [] };
  const officer = DEMO_CALLERS[Role.DCS_OFFICER];
  for (const office of OFFICES) {
    for (const [yearText, count] of Object.entries(office.perYear).sort(([a], [b]) => Number(a) - Number(b))) {
      const year = Number(yearText);
      const lastDay = year === 2026 ? 273 : 364; // 2026 cases up to the end of September
      const days = Array.from({ length: count }, () => random.int(0, lastDay)).sort((a, b) => a - b);
      days.forEach((day, index) => {
        const caseNumber = formatCaseNumber(office.county, year, index + 1);
        const id = demoCaseId(caseNumber);
        const childId = demoId('child', caseNumber);
        const openedOn = addDays(`${year}-01-01`, day);
        const sex = random.chance(0.72) ? Sex.FEMALE : random.chance(0.97) ? Sex.MALE : Sex.UNKNOWN;
        const given = random.pick(GIVEN_NAMES[sex === Sex.MALE ? Sex.MALE : Sex.FEMALE]);
        const surname = random.pick(SURNAMES);
        const age = random.int(1, 17);
        const knowsBirthday = random.chance(0.75);
        const dateOfBirth = knowsBirthday ? addDays(openedOn, -(age * 365 + random.int(10, 350))) : null;
        data.children.push({
          id: childId,
          firstName: given,
          middleName: 'Demo',
          lastName: `${surname}-Test`,
          dateOfBirth,
          estimatedAgeYears: knowsBirthday ? null : age,
          ageEstimatedOn: knowsBirthday ? null : openedOn,
          sex,
          countyCode: office.county,
          subCounty: `Demo Sub-County ${random.int(1, 6)}`,
          location: `${random.pick(LOCATIONS)} ${random.int(1, 400)}`,
          school: age >= 6 ? random.pick(SCHOOLS) : null,
          birthCertificateNumber: knowsBirthday && random.chance(0.6) ? `DEMO-BC-${String(random.int(0, 999999)).padStart(6, '0')}` : null,
          disability: random.chance(0.06) ? 'Hearing impairment (demo): needs a sign-language interpreter' : null,
        });
        const caregiverCount = random.int(1, 2);
        for (let position = 0; position < caregiverCount; position += 1) {
          const relationship = position === 0 ? random.pick(RELATIONSHIPS) : random.pick(RELATIONSHIPS.slice(2));
          data.caregivers.push({
            id: demoId('caregiver', `${caseNumber}:${position}`),
            childId,
            position,
            name: `${random.pick(CAREGIVER_NAMES)} ${surname}-Test`,
            relationship,
            phone: random.chance(0.85) ? `+254700${String(random.int(0, 999999)).padStart(6, '0')}` : null,
          });
        }
        const categories = new Set<CaseCategory>([random.weighted(CATEGORY_WEIGHTS)]);
        if (random.chance(0.25)) categories.add(random.weighted(CATEGORY_WEIGHTS));
        const ageInDays = Math.floor((Date.parse('2026-11-01') - Date.parse(openedOn)) / 86_400_000);
        const status =
          ageInDays > 400 && random.chance(0.5)
            ? CaseStatus.CLOSED
            : ageInDays > 200 && random.chance(0.3)
              ? CaseStatus.REINTEGRATED
              : random.chance(0.5)
                ? CaseStatus.IN_CARE
                : CaseStatus.OPEN;
        const closedOn = status === CaseStatus.CLOSED ? addDays(openedOn, random.int(60, 360)) : null;
        const assignedToDemoOfficer = office.county === '047' && random.chance(0.4);
        data.cases.push({
          id,
          caseNumber,
          childId,
          categories: [...categories],
          status,
          riskLevel: random.weighted([
            [RiskLevel.LOW, 2],
            [RiskLevel.MEDIUM, 4],
            [RiskLevel.HIGH, 3],
            [RiskLevel.CRITICAL, 1],
          ]),
          ownerAgencyId: DCS,
          ownerProviderId: demoProviderId(office.provider),
          assignedOfficerSub: assignedToDemoOfficer ? officer.sub : `demo-officer-${office.county}-${random.int(1, 4)}`,
          assignedOfficerName: assignedToDemoOfficer ? officer.name : `Demo Children Officer ${random.int(1, 4)} (${office.county})`,
          countyCode: office.county,
          openedOn,
          closedOn,
          closeReason: closedOn ? 'Demo: child safely reintegrated and follow-up visits completed.' : null,
          incidentNarrative: `Demo narrative: reported through the ${random.pick(['116 helpline', 'school', 'police', 'community health volunteer'])}; details invented for the demo.`,
          perpetratorDetails: random.chance(0.7)
            ? `Demo: ${random.pick(['a neighbour', 'a relative', 'a stranger', 'an online contact'])} (invented)`
            : null,
          clinicalNotes: random.chance(0.5)
            ? 'Demo clinical summary: examined at the GBVRC; PEP started within 72 hours (invented).'
            : null,
        });
        const givenAt = new Date(`${openedOn}T09:00:00Z`);
        const consent = (key: string, fields: Record<string, unknown>) =>
          data.consents.push({
            id: demoId('consent', `${caseNumber}:${key}`),
            caseId: id,
            agencyIds: [],
            agencyTypes: [],
            givenAt,
            expiresAt: null,
            revokedAt: null,
            revocationReason: null,
            recordedBySub: officer.sub,
            ...fields,
          });
        if (random.chance(0.6)) {
          consent('police', {
            basis: ConsentBasis.MANDATORY_REPORTING,
            agencyTypes: [AgencyType.POLICE],
            agencyIds: [POLICE_NPS],
            tiers: [Tier.OPERATIONAL, Tier.IDENTIFYING],
            purpose: 'Investigation of an offence against a child (Children Act 2022, mandatory reporting)',
          });
        }
        if (random.chance(0.5)) {
          consent('health', {
            basis: age >= 12 && random.chance(0.5) ? ConsentBasis.CHILD : ConsentBasis.CAREGIVER,
            agencyTypes: [AgencyType.HEALTH],
            agencyIds: [NWH],
            tiers: [Tier.OPERATIONAL, Tier.IDENTIFYING, Tier.CLINICAL],
            purpose: 'Medical care, PEP and forensic examination at a GBV recovery centre',
          });
        }
        if (random.chance(0.35)) {
          const lapse = random.int(0, 2); // 0 live, 1 expired, 2 revoked
          consent('ngo', {
            basis: random.chance(0.2) ? ConsentBasis.COURT_ORDER : ConsentBasis.CAREGIVER,
            agencyIds: [CRADLE, CHILDLINE],
            agencyTypes: random.chance(0.3) ? [AgencyType.NGO] : [],
            tiers: [Tier.OPERATIONAL, Tier.IDENTIFYING],
            purpose: 'Legal aid, psychosocial support and helpline follow-up',
            // A live one is open-ended: a fixed three years ran out for the demo's newest cases in March 2028.
            expiresAt: lapse === 1 ? new Date(givenAt.getTime() + 90 * 86_400_000) : null,
            revokedAt: lapse === 2 ? new Date(givenAt.getTime() + 30 * 86_400_000) : null,
            revocationReason: lapse === 2 ? 'Demo: the caregiver withdrew consent for NGO follow-up' : null,
          });
        }
        const noteCount = random.int(0, 3);
        for (let n = 0; n < noteCount; n += 1) {
          data.notes.push({
            id: demoId('case-note', `${caseNumber}:${n}`),
            caseId: id,
            authorSub: officer.sub,
            authorName: officer.name,
            body: `Demo note ${n + 1}: home visit made; child and caregiver seen (invented).`,
            createdAt: new Date(Date.parse(`${openedOn}T10:00:00Z`) + (n + 1) * 7 * 86_400_000),
          });
        }
      });
      data.counters.push({ county_code: office.county, year, last_value: count });
    }
  }
  return data;
}

let cached: DemoCaseSummary[] | undefined;

/** The demo cases other subgraphs' demo data may refer to: id, number, county, owner, status. */
export function DEMO_CASES(): DemoCaseSummary[] {
  cached ??= buildDemoCases().cases.map((c) => ({
    id: c.id,
    caseNumber: c.caseNumber,
    countyCode: c.countyCode as string,
    ownerAgencyId: c.ownerAgencyId as string,
    ownerProviderId: c.ownerProviderId as string,
    status: c.status as CaseStatus,
  }));
  return cached;
}
