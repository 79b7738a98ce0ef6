import pino, { type Logger } from 'pino';
import { currentRequestScope } from '../context/request-context';

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
  'narrative',
  'incidentNarrative',
  'perpetratorDetails',
  'clinicalNotes',
  'notes',
  'body',
  'variables',
  'authorization',
  'token',
];

const redactPaths = [
  ...PERSONAL_DATA_KEYS,
  ...PERSONAL_DATA_KEYS.map((k) => `*.${k}`),
  ...PERSONAL_DATA_KEYS.map((k) => `*.*.${k}`),
  'req.headers.authorization',
  'req.headers["x-kinga-gateway"]',
  'headers.authorization',
  'headers["x-kinga-gateway"]',
];

export type { Logger };

export function createLogger(service: string, level = process.env.LOG_LEVEL ?? 'info', destination?: pino.DestinationStream): Logger {
  return pino(
    {
      name: service,
      level,
      redact: { paths: redactPaths, censor: '[redacted]' },
      mixin() {
        const scope = currentRequestScope();
        return scope ? { requestId: scope.requestId } : {};
      },
      base: { service },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
