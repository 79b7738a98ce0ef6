import { GraphQLError, responsePathAsArray, type GraphQLResolveInfo } from 'graphql';

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
  /**
   * A service the answer needs could not be reached. Raised by the gateway for a subgraph that is down
   * (`serviceName` names it), and by a subgraph whose check through the gateway could not be made (then
   * `unavailableService` names the service, and `retryable`: nothing was saved).
   */
  SUBGRAPH_UNAVAILABLE: 'SUBGRAPH_UNAVAILABLE',
} as const;
export type ClientErrorCode = (typeof ClientErrorCode)[keyof typeof ClientErrorCode];

/**
 * A client error is an answer, not a fault: no log or response ever shows its stack, yet capturing one and
 * formatting it (graphql-js reads `stack` when it locates the error) took about seven times as long as the
 * error without it, and every answer of B2 carries two FORBIDDEN fields (bench/NOTES.md, session 6).
 *
 * `at`, the field being refused, makes the error already located: graphql-js passes a located error through as
 * it is, where it would otherwise wrap it in a second GraphQLError with a captured stack (5% of the cases
 * subgraph's CPU under B2; bench/NOTES.md, session 8). The answer is the same: message, path, locations, code.
 *
 * It carries no `http.status`, UNAUTHENTICATED included: Apollo Server makes an error's status the status of the
 * whole response, and the gateway throws away the body of a subgraph answer that is not 200, so a field refused
 * for want of a token (a 401) cost an anonymous caller every public field the same service answered beside it.
 * A request refused as a whole (a bad token, no gateway secret) gets its status where it is refused (http.ts).
 */
function clientError(code: ClientErrorCode, message: string, extensions: Record<string, unknown> = {}, at?: RefusedField): GraphQLError {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return new GraphQLError(message, {
      extensions: { code, ...extensions },
      ...(at ? { nodes: at.fieldNodes, path: responsePathAsArray(at.path) } : {}),
    });
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/** Where a refusal of one field is made (a permission rule): what `clientError` needs to locate it. */
export type RefusedField = Pick<GraphQLResolveInfo, 'fieldNodes' | 'path'>;

/** Input the caller can fix; `field` names the input path at fault, e.g. `input.child.dateOfBirth`. */
export const badUserInput = (message: string, field?: string, extra: Record<string, unknown> = {}) =>
  clientError('BAD_USER_INPUT', message, { ...(field ? { field } : {}), ...extra });
export const forbidden = (message = 'You are not allowed to see or do this', at?: RefusedField) =>
  clientError('FORBIDDEN', message, {}, at);
export const unauthenticated = (message = 'A valid token is required', at?: RefusedField, extra: Record<string, unknown> = {}) =>
  clientError('UNAUTHENTICATED', message, extra, at);
export const notFound = (message: string) => clientError('NOT_FOUND', message);
export const conflict = (message: string, extra: Record<string, unknown> = {}) => clientError('CONFLICT', message, extra);
/**
 * `SAVED`: the request was one write that was made (and recorded); only the answer it would show is withheld.
 * `UNKNOWN`: of several writes in one request, some were made: the records say which.
 */
export const auditUnavailable = (outcome?: 'SAVED' | 'UNKNOWN') =>
  outcome === 'SAVED'
    ? clientError(
        'AUDIT_UNAVAILABLE',
        'The change was saved, but the audit trail of what its answer shows could not be written, so the answer was withheld. Read the record again; do not send the change again.',
        { outcome },
      )
    : outcome === 'UNKNOWN'
      ? clientError(
          'AUDIT_UNAVAILABLE',
          'Some of these changes were saved, but the audit trail of the answer could not be written, so it was withheld. Read the records before sending any change again.',
          { outcome },
        )
      : clientError('AUDIT_UNAVAILABLE', 'The audit trail could not be written, so the data was withheld. Try again shortly.');

export const tooSlow = (message: string) => clientError('TOO_SLOW', message, { retryable: true });

/**
 * A write refused before anything was saved because a check it needs through another service could not be
 * made. `unavailableService` names that service: the gateway sets `serviceName` to the subgraph that answered.
 */
/** `extra`: what else a client must know, e.g. `outcome: 'SAVED'` when part of the write was made before the outage. */
export const checkUnavailable = (unavailableService: string, message: string, extra: Record<string, unknown> = {}) =>
  clientError('SUBGRAPH_UNAVAILABLE', message, { unavailableService, retryable: true, ...extra });

export function isClientErrorCode(code: unknown): code is ClientErrorCode {
  return typeof code === 'string' && code in ClientErrorCode;
}
