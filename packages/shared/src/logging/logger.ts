import pino, { type Logger } from 'pino';
import { Tier } from '../permissions/tiers';

/**
 * Field names that may carry a child's or a caregiver's personal data. Logs are read by operators who
 * are not entitled to it, so these are censored wherever they appear in a logged object.
 */
export const PERSONAL_DATA_KEYS = [
  'firstName',
  'middleName',
  'lastName',
  'fullName',
  'otherNames',
  'dateOfBirth',
  'phone',
  'phoneNumber',
  'email',
  'address',
  'location',
  'school',
  'birthCertificateNumber',
  'caregivers',
  'formerCaregivers',
  'narrative',
  'incidentNarrative',
  'perpetratorDetails',
  'clinicalNotes',
  'notes',
  'note',
  'body',
  // Free text that may describe the child or the family: the services' tier tables (tested with
  // `sensitiveFieldsLoggedInClear`) and the consent's purpose.
  'estimatedAgeYears',
  'subCounty',
  'disability',
  'relationship',
  'closeReason',
  'revocationReason',
  'purpose',
  'reason',
  'declineReason',
  'cancelReason',
  'consentReference',
  'injuries',
  'pepGiven',
  'emergencyContraceptionGiven',
  'forensicExaminationDone',
  'variables',
  'authorization',
  'token',
];

const CENSORED_KEYS = new Set([...PERSONAL_DATA_KEYS, 'x-kinga-gateway']);
const CENSOR = '[redacted]';
/** Deeper than anything Kinga logs; past it a value is dropped rather than walked. */
const MAX_DEPTH = 6;

/**
 * A copy of `value` with every personal-data key censored, at any depth; objects without one are returned
 * as they are. One walk over the logged object: pino's path-based redaction tried its 75 paths on every
 * line, 4% of a subgraph's CPU per request (BENCHMARKS.md).
 */
export function censorPersonalData(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  if (depth >= MAX_DEPTH) return CENSOR;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((item, index) => {
      const censored = censorPersonalData(item, depth + 1);
      if (censored !== item) (copy ??= [...value])[index] = censored;
    });
    return copy ?? value;
  }
  let copy: Record<string, unknown> | undefined;
  for (const [key, item] of Object.entries(value)) {
    const censored = CENSORED_KEYS.has(key) ? CENSOR : censorPersonalData(item, depth + 1);
    if (censored !== item) (copy ??= { ...(value as Record<string, unknown>) })[key] = censored;
  }
  return copy ?? value;
}

/**
 * The fields of a tier table above OPERATIONAL that a log line would still show in clear. Each is tried as
 * `{ [field]: value }`, or, for a type only ever found inside another's field (a caregiver in `caregivers`),
 * as `{ [nestedUnder]: [{ [field]: value }] }`. Each service tests its tables with it, so that a sensitive
 * field added to a table is added to `PERSONAL_DATA_KEYS` too.
 */
export function sensitiveFieldsLoggedInClear(tiers: Readonly<Record<string, Tier>>, nestedUnder?: string): string[] {
  const sample = 'sensitive-sample-value';
  return Object.entries(tiers)
    .filter(([, tier]) => tier !== Tier.PUBLIC && tier !== Tier.OPERATIONAL)
    .map(([field]) => field)
    .filter((field) => {
      const logged = nestedUnder ? { [nestedUnder]: [{ [field]: sample }] } : { [field]: sample };
      return JSON.stringify(censorPersonalData(logged)).includes(sample);
    });
}

export type { Logger };

export function createLogger(service: string, level = process.env.LOG_LEVEL ?? 'info', destination?: pino.DestinationStream): Logger {
  return pino(
    {
      name: service,
      level,
      formatters: { log: (object) => censorPersonalData(object) as Record<string, unknown> },
      base: { service },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
