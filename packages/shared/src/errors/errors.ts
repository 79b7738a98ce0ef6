import { GraphQLError } from 'graphql';

/** The codes a client can act on. Anything else reaching a client is masked as INTERNAL_SERVER_ERROR. */
export const ClientErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  FORBIDDEN: 'FORBIDDEN',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  AUDIT_UNAVAILABLE: 'AUDIT_UNAVAILABLE',
  /** The request took too long to finish safely; nothing was saved, and the same request may be sent again. */
  TOO_SLOW: 'TOO_SLOW',
} as const;
export type ClientErrorCode = (typeof ClientErrorCode)[keyof typeof ClientErrorCode];

const httpStatusByCode: Partial<Record<ClientErrorCode, number>> = {
  UNAUTHENTICATED: 401,
};

/**
 * A client error is an answer, not a fault: no log or response ever shows its stack, yet capturing one and
 * formatting it (graphql-js reads `stack` when it locates the error) took about seven times as long as the
 * error without it, and every answer of B2 carries two FORBIDDEN fields (bench/NOTES.md, session 6).
 */
function clientError(code: ClientErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  const status = httpStatusByCode[code];
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return new GraphQLError(message, {
      extensions: { code, ...extensions, ...(status ? { http: { status } } : {}) },
    });
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/** Input the caller can fix; `field` names the input path at fault, e.g. `input.child.dateOfBirth`. */
export const badUserInput = (message: string, field?: string, extra: Record<string, unknown> = {}) =>
  clientError('BAD_USER_INPUT', message, { ...(field ? { field } : {}), ...extra });
export const forbidden = (message = 'You are not allowed to see or do this') => clientError('FORBIDDEN', message);
export const unauthenticated = (message = 'A valid token is required') => clientError('UNAUTHENTICATED', message);
export const notFound = (message: string) => clientError('NOT_FOUND', message);
export const conflict = (message: string, extra: Record<string, unknown> = {}) => clientError('CONFLICT', message, extra);
export const auditUnavailable = () =>
  clientError('AUDIT_UNAVAILABLE', 'The audit trail could not be written, so the data was withheld. Try again shortly.');

export const tooSlow = (message: string) => clientError('TOO_SLOW', message, { retryable: true });

export function isClientErrorCode(code: unknown): code is ClientErrorCode {
  return typeof code === 'string' && code in ClientErrorCode;
}
