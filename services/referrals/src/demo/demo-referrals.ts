import {
  AgencyType,
  DEMO_AGENCIES,
  DEMO_CALLERS,
  DEMO_PROVIDERS,
  demoAgencyId,
  demoId,
  demoProviderId,
  Role,
  ServiceType as S,
} from '@kinga/shared';
import { ReferralStatus, ServiceOutcome, Urgency } from '../modules/referral/referral.enums';
import { slaDueTimes } from '../modules/referral/referral.lifecycle';

/**
 * Invented referrals in every state across the demo cases and providers, some overdue, the same on every run
 * except for time: they are placed relative to the moment they are loaded, so the SLA clocks mean something.
 * Cases are named as the cases subgraph's demo names them: `demoId('case', <case number>)`, numbered per
 * county and year from 000001 (services/cases/src/demo/demo-cases.ts).
 */
interface DemoParty {
  key: string;
  agency: string;
  agencyType: AgencyType;
  services: readonly S[];
  /** The demo caller who works there, when there is one; otherwise an invented staff member. */
  staff?: { sub: string; name: string; role: Role };
}

const party = (key: string, agency: string, agencyType: AgencyType, services: readonly S[], role?: Role): DemoParty => ({
  key,
  agency,
  agencyType,
  services,
  staff: role ? { sub: DEMO_CALLERS[role].sub, name: DEMO_CALLERS[role].name, role } : undefined,
});

const P = DEMO_PROVIDERS;
const A = DEMO_AGENCIES;
const GBVRC_SERVICES = [S.MEDICAL_CARE, S.POST_EXPOSURE_PROPHYLAXIS, S.FORENSIC_EXAMINATION, S.PSYCHOSOCIAL_SUPPORT];
const POLICE = [S.POLICE_INVESTIGATION, S.SAFE_SHELTER];

const NWH = party(P.GBVRC_NWH, A.NWH, AgencyType.HEALTH, GBVRC_SERVICES, Role.GBVRC_CLINICIAN);
const KNH = party(P.GBVRC_KNH, A.KNH, AgencyType.HEALTH, GBVRC_SERVICES);
const COPTIC = party(P.GBVRC_COPTIC, 'COPTIC', AgencyType.HEALTH, [S.MEDICAL_CARE, S.POST_EXPOSURE_PROPHYLAXIS, S.PSYCHOSOCIAL_SUPPORT]);
const CPU_NAIROBI = party(P.CPU_NAIROBI, A.NPS, AgencyType.POLICE, POLICE, Role.POLICE_CPU);
const CPU_MALINDI = party(P.CPU_MALINDI, A.NPS, AgencyType.POLICE, POLICE);
const CPU_MOMBASA = party(P.CPU_MOMBASA, A.NPS, AgencyType.POLICE, POLICE);
const GBVRC_MALINDI = party(P.GBVRC_MALINDI, A.MOH, AgencyType.HEALTH, GBVRC_SERVICES);
const CRADLE = party(P.CRADLE_LEGAL, A.CRADLE, AgencyType.NGO, [S.LEGAL_AID, S.PSYCHOSOCIAL_SUPPORT], Role.NGO_CASEWORKER);
const HELPLINE = party(P.HELPLINE_116, A.CHILDLINE, AgencyType.NGO, [S.HELPLINE_COUNSELLING, S.PSYCHOSOCIAL_SUPPORT, S.CASE_MANAGEMENT]);

const dcsOffice = (key: string, role?: Role) => party(key, A.DCS, AgencyType.GOVERNMENT, [S.CASE_MANAGEMENT], role);

/** Per county: the office that owns its demo cases and sends, the case numbers referred, and who receives. */
const COUNTIES: Array<{ county: string; sender: DemoParty; cases: Array<[year: number, count: number]>; recipients: DemoParty[] }> = [
  {
    county: '047',
    sender: dcsOffice(P.DCS_NAIROBI, Role.DCS_OFFICER),
    cases: [
      [2026, 34],
      [2025, 12],
    ],
    recipients: [NWH, CPU_NAIROBI, NWH, CRADLE, KNH, HELPLINE, COPTIC, CPU_NAIROBI],
  },
  { county: '003', sender: dcsOffice(P.CPC_MALINDI), cases: [[2026, 8]], recipients: [CPU_MALINDI, GBVRC_MALINDI, HELPLINE] },
  { county: '001', sender: dcsOffice(P.DCS_MOMBASA), cases: [[2026, 8]], recipients: [CPU_MOMBASA, HELPLINE, CRADLE] },
  { county: '042', sender: dcsOffice(P.DCS_KISUMU), cases: [[2026, 6]], recipients: [HELPLINE, CRADLE] },
  { county: '032', sender: dcsOffice(P.CPC_NAKURU), cases: [[2026, 5]], recipients: [HELPLINE] },
  { county: '007', sender: dcsOffice(P.CPC_GARISSA), cases: [[2026, 4]], recipients: [HELPLINE] },
];

/** Every state, and the path that leads to it. */
const PATHS: Record<ReferralStatus, ReferralStatus[]> = {
  SENT: [],
  ACKNOWLEDGED: [ReferralStatus.ACKNOWLEDGED],
  ACCEPTED: [ReferralStatus.ACKNOWLEDGED, ReferralStatus.ACCEPTED],
  IN_PROGRESS: [ReferralStatus.ACKNOWLEDGED, ReferralStatus.ACCEPTED, ReferralStatus.IN_PROGRESS],
  COMPLETED: [ReferralStatus.ACKNOWLEDGED, ReferralStatus.ACCEPTED, ReferralStatus.IN_PROGRESS, ReferralStatus.COMPLETED],
  CLOSED: [
    ReferralStatus.ACKNOWLEDGED,
    ReferralStatus.ACCEPTED,
    ReferralStatus.IN_PROGRESS,
    ReferralStatus.COMPLETED,
    ReferralStatus.CLOSED,
  ],
  DECLINED: [ReferralStatus.ACKNOWLEDGED, ReferralStatus.DECLINED],
  CANCELLED: [ReferralStatus.ACKNOWLEDGED, ReferralStatus.CANCELLED],
};
const STATE_CYCLE: ReferralStatus[] = [
  ReferralStatus.SENT,
  ReferralStatus.ACKNOWLEDGED,
  ReferralStatus.ACCEPTED,
  ReferralStatus.IN_PROGRESS,
  ReferralStatus.COMPLETED,
  ReferralStatus.CLOSED,
  ReferralStatus.COMPLETED,
  ReferralStatus.DECLINED,
  ReferralStatus.CLOSED,
  ReferralStatus.CANCELLED,
  ReferralStatus.IN_PROGRESS,
];
const URGENCY_CYCLE: Urgency[] = [Urgency.EMERGENCY, Urgency.HIGH, Urgency.ROUTINE, Urgency.ROUTINE, Urgency.HIGH];
const STAMP: Partial<Record<ReferralStatus, string>> = {
  ACKNOWLEDGED: 'acknowledgedAt',
  ACCEPTED: 'acceptedAt',
  DECLINED: 'declinedAt',
  IN_PROGRESS: 'startedAt',
  COMPLETED: 'completedAt',
  CLOSED: 'closedAt',
  CANCELLED: 'cancelledAt',
};
const SERVICE_FOR: Partial<Record<AgencyType, S[]>> = {
  HEALTH: [S.POST_EXPOSURE_PROPHYLAXIS, S.MEDICAL_CARE, S.PSYCHOSOCIAL_SUPPORT],
  POLICE: [S.POLICE_INVESTIGATION],
  NGO: [S.PSYCHOSOCIAL_SUPPORT],
};
const HOUR = 3_600_000;

/** mulberry32: the seed fixes every choice. */
function seeded(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface DemoReferral {
  row: Record<string, unknown> & { id: string; reference: string; createdAt: Date; caseCounty: string };
  events: Array<Record<string, unknown> & { occurredAt: Date }>;
  serviceRecords: Array<Record<string, unknown>>;
}

const staffOf = (p: DemoParty, county: string) =>
  p.staff ?? { sub: `demo-staff-${p.key.toLowerCase()}`, name: `Demo staff member (${p.key}, ${county})`, role: roleOf(p.agencyType) };

function roleOf(type: AgencyType): Role {
  if (type === AgencyType.POLICE) return Role.POLICE_CPU;
  if (type === AgencyType.HEALTH) return Role.GBVRC_CLINICIAN;
  if (type === AgencyType.NGO) return Role.NGO_CASEWORKER;
  return Role.DCS_OFFICER;
}

/** Builds the demo referrals as of `now`. */
export function buildDemoReferrals(now: Date, seed = 20261122): DemoReferral[] {
  const random = seeded(seed);
  const between = (min: number, max: number) => min + random() * (max - min);
  const result: DemoReferral[] = [];
  const counters = new Map<string, number>();
  let index = 0;
  for (const county of COUNTIES) {
    const caseNumbers = county.cases.flatMap(([year, count]) =>
      Array.from({ length: count }, (_, i) => `KE-${county.county}-${year}-${String(i + 1).padStart(6, '0')}`),
    );
    caseNumbers.forEach((caseNumber, caseIndex) => {
      const to = county.recipients[caseIndex % county.recipients.length];
      const target = STATE_CYCLE[index % STATE_CYCLE.length];
      const urgency =
        to.agencyType === AgencyType.HEALTH && caseIndex % 3 === 0 ? Urgency.EMERGENCY : URGENCY_CYCLE[index % URGENCY_CYCLE.length];
      const options = (SERVICE_FOR[to.agencyType] ?? [...to.services]).filter((s) => to.services.includes(s));
      const service = options[caseIndex % options.length];
      index += 1;

      // Steps after sending: each gap a share of its SLA window, some beyond it, so some are late.
      const sla = slaDueTimes(urgency, new Date(0));
      const ackWindow = sla.acknowledgeBy.getTime();
      const startWindow = sla.startBy.getTime();
      const gaps = PATHS[target].map((state) => {
        if (state === ReferralStatus.ACKNOWLEDGED) return ackWindow * between(0.1, 1.4);
        if (state === ReferralStatus.ACCEPTED) return between(0.2, 6) * HOUR;
        if (state === ReferralStatus.IN_PROGRESS) return (startWindow - ackWindow) * between(0.05, 0.9);
        if (state === ReferralStatus.COMPLETED) return between(24, 240) * HOUR;
        return between(4, 96) * HOUR;
      });
      // Open states sit at the edge of their clock: some still in time, some overdue.
      const waiting =
        target === ReferralStatus.SENT
          ? ackWindow * between(0.3, 2.5)
          : target === ReferralStatus.ACKNOWLEDGED || target === ReferralStatus.ACCEPTED
            ? startWindow * between(0.4, 1.6) - gaps.reduce((a, b) => a + b, 0)
            : between(2, 400) * HOUR;
      const createdAt = new Date(now.getTime() - Math.max(waiting, HOUR / 4) - gaps.reduce((a, b) => a + b, 0));
      createdAt.setMilliseconds(0);
      const year = new Date(createdAt.getTime() + 3 * HOUR).getUTCFullYear();
      const counterKey = `${county.county}:${year}`;
      const sequence = (counters.get(counterKey) ?? 0) + 1;
      counters.set(counterKey, sequence);
      const id = demoId('referral', `${caseNumber}:${to.key}`);
      const due = slaDueTimes(urgency, createdAt);
      const sender = staffOf(county.sender, county.county);
      const recipient = staffOf(to, county.county);
      const row: DemoReferral['row'] = {
        id,
        reference: `KE-${county.county}-${year}-${String(sequence).padStart(6, '0')}`,
        caseId: demoId('case', caseNumber),
        caseOwnerAgencyId: demoAgencyId(A.DCS),
        caseCounty: county.county,
        fromProviderId: demoProviderId(county.sender.key),
        fromAgencyId: demoAgencyId(county.sender.agency),
        fromAgencyType: county.sender.agencyType,
        toProviderId: demoProviderId(to.key),
        toAgencyId: demoAgencyId(to.agency),
        toAgencyType: to.agencyType,
        serviceRequested: service,
        urgency,
        status: target,
        reason: `Demo: referred for ${service.toLowerCase().replace(/_/g, ' ')} (invented).`,
        consentReference: `DEMO-CONSENT-${caseNumber}`,
        declineReason: null,
        cancelReason: null,
        version: 1 + PATHS[target].length,
        createdBy: sender.sub,
        idempotencyKey: `demo-${id}`,
        createdAt,
        acknowledgeBy: due.acknowledgeBy,
        startBy: due.startBy,
      };
      const events: DemoReferral['events'] = [
        {
          referralId: id,
          sequence: 1,
          fromStatus: null,
          toStatus: ReferralStatus.SENT,
          actor: sender,
          // Where the actor worked, as a live step records it: a history reads its notes by who wrote them.
          actorProviderId: row.fromProviderId,
          actorAgencyId: row.fromAgencyId,
          occurredAt: createdAt,
          note: null,
        },
      ];
      let at = createdAt.getTime();
      let from = ReferralStatus.SENT;
      PATHS[target].forEach((state, step) => {
        at += gaps[step];
        const occurredAt = new Date(Math.min(at, now.getTime() - 60_000));
        occurredAt.setMilliseconds(0);
        const bySender = state === ReferralStatus.CANCELLED || state === ReferralStatus.CLOSED;
        let note: string | null = null;
        if (state === ReferralStatus.DECLINED) note = row.declineReason = 'Demo: no capacity this week; please refer to another provider.';
        if (state === ReferralStatus.CANCELLED) note = row.cancelReason = 'Demo: the family moved out of the county.';
        row[STAMP[state] as string] = occurredAt;
        events.push({
          referralId: id,
          sequence: step + 2,
          fromStatus: from,
          toStatus: state,
          actor: bySender ? sender : recipient,
          actorProviderId: bySender ? row.fromProviderId : row.toProviderId,
          actorAgencyId: bySender ? row.fromAgencyId : row.toAgencyId,
          occurredAt,
          note,
        });
        from = state;
      });
      const serviceRecords: Array<Record<string, unknown>> = [];
      if ([ReferralStatus.IN_PROGRESS, ReferralStatus.COMPLETED, ReferralStatus.CLOSED].includes(target)) {
        const clinical = to.agencyType === AgencyType.HEALTH;
        const startedAt = row.startedAt as Date;
        serviceRecords.push({
          id: demoId('service-record', id),
          referralId: id,
          providerId: row.toProviderId,
          service,
          deliveredOn: new Date(startedAt.getTime() + 3 * HOUR).toISOString().slice(0, 10),
          outcome: target === ReferralStatus.IN_PROGRESS ? ServiceOutcome.PARTIALLY_DELIVERED : ServiceOutcome.DELIVERED,
          pepGiven: clinical ? service === S.POST_EXPOSURE_PROPHYLAXIS : null,
          emergencyContraceptionGiven: clinical ? caseIndex % 2 === 0 : null,
          forensicExaminationDone: clinical ? caseIndex % 3 !== 0 : null,
          injuries: clinical ? 'Demo: minor bruising, documented (invented).' : null,
          recordedBy: recipient.sub,
          recordedByRole: recipient.role,
          recordedAt: startedAt,
        });
      }
      result.push({ row, events, serviceRecords });
    });
  }
  return result;
}
