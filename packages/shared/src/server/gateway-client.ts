import { checkUnavailable, forbidden, unauthenticated } from '../errors/errors';
import type { Logger } from '../logging/logger';
import { GATEWAY_SECRET_HEADER, REQUEST_ID_HEADER } from './http';

export interface GatewayError {
  message: string;
  path?: ReadonlyArray<string | number>;
  /** As the answering service set them: `code` and the others a client may act on (format-error.ts). */
  extensions?: { code?: string; serviceName?: unknown; unavailableService?: unknown; [key: string]: unknown };
}

export interface GatewayResponse<T> {
  data: T | null;
  errors: GatewayError[];
}

export class GatewayUnavailableError extends Error {
  /**
   * @param status the HTTP status, if the gateway answered at all. Only a network failure, a timeout, a busy
   * gateway (429, 503) or a gateway that could not reach its own upstream (502, 504) is worth a retry.
   */
  constructor(
    reason: string,
    readonly status?: number,
    /** No answer within the check's deadline: the gateway may be fine and a service it asks slow. */
    readonly timedOut = false,
  ) {
    super(`the gateway did not answer a cross-subgraph check: ${reason}`);
    this.name = 'GatewayUnavailableError';
  }

  get retryable(): boolean {
    return this.status === undefined || [429, 502, 503, 504].includes(this.status);
  }
}

export type GatewayClient = <T>(
  query: string,
  variables: Record<string, unknown>,
  authorization: string,
  requestId: string,
) => Promise<GatewayResponse<T>>;

/**
 * How long a write's check may take, given the gateway's own deadline for the write (`SUBGRAPH_TIMEOUT_MS`): the
 * gateway started timing the write before the check began, so a check given as long would always outlast it, and
 * the caller would be told the write's outcome is unknown rather than that the check failed and nothing was saved.
 * Six tenths of it leaves the service time to roll back and answer.
 */
export const checkDeadlineMs = (subgraphTimeoutMs: number): number => Math.floor(subgraphTimeoutMs * 0.6);

/**
 * Asks the gateway, as the caller (their own token), about records other subgraphs own (DESIGN.md
 * "Writes"), so the same rules apply as if the caller had asked. Field errors come back as data, not throws.
 */
export function createGatewayClient(url: string, secret: string, timeoutMs: number): GatewayClient {
  return async <T>(query: string, variables: Record<string, unknown>, authorization: string, requestId: string) => {
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        // The secret lets the gateway take this request's id, so the check is logged and audited under it.
        headers: { 'content-type': 'application/json', authorization, [REQUEST_ID_HEADER]: requestId, [GATEWAY_SECRET_HEADER]: secret },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new GatewayUnavailableError((error as Error).message, undefined, (error as Error).name === 'TimeoutError');
    }
    let body: { data?: T | null; errors?: GatewayError[] };
    try {
      body = (await response.json()) as { data?: T | null; errors?: GatewayError[] };
    } catch {
      throw new GatewayUnavailableError(`HTTP ${response.status} without a GraphQL body`, response.status);
    }
    if (!response.ok && !body.data)
      throw new GatewayUnavailableError(`HTTP ${response.status}: ${body.errors?.[0]?.extensions?.code ?? 'no code'}`, response.status);
    return { data: body.data ?? null, errors: body.errors ?? [] };
  };
}

/** Error codes of a check that say a service could not answer just now, not that anything is wrong with it. */
const PASSING_OUTAGES: ReadonlySet<string> = new Set(['SUBGRAPH_UNAVAILABLE', 'AUDIT_UNAVAILABLE', 'OVERLOADED', 'RATE_LIMITED']);

export interface GatewayCheck<T> {
  query: string;
  variables: Record<string, unknown>;
  /** What is checked, for the message when it cannot be: "the case and providers". */
  checking: string;
  /** What that means, after "so": default "nothing was saved". */
  consequence?: string;
  /** Appended to "Send it again shortly", e.g. ", with the same idempotency key". */
  retryHint?: string;
  /**
   * Maps an error that says something about what was asked (FORBIDDEN: the caller may not see it; NOT_FOUND
   * or BAD_USER_INPUT: it is not there) to the caller's error, by throwing, or returns true when the answer's
   * data says enough without it; returns nothing for any other error.
   */
  onFieldError(error: GatewayError): boolean | void;
  /** The answer is there: map it (null records to the caller's fields) and return what the write needs. */
  onData(data: T): T;
}

export interface GatewayCaller {
  gateway: GatewayClient;
  authorization?: string;
  requestId: string;
  logger: Logger;
}

/**
 * A write's checks of records other subgraphs own, asked through the gateway with the caller's own token
 * (DESIGN.md "Writes"), so the same rules apply as if the caller had asked. A service down or unable to audit
 * the check makes a missing record unknown, not absent: the write is refused as SUBGRAPH_UNAVAILABLE naming
 * that service, retryable, with nothing saved. A 401 is the caller's token, accepted for the write a moment
 * before, run out by the time of the check: UNAUTHENTICATED, to sign in again. Anything else (a 400 because the
 * check no longer fits the supergraph) is a fault of ours that a retry cannot mend: an internal error, logged as one.
 */
export async function checkThroughGateway<T>(ctx: GatewayCaller, check: GatewayCheck<T>): Promise<T> {
  const unavailable = (serviceName: string, timedOut = false) =>
    checkUnavailable(
      serviceName,
      `${
        timedOut
          ? `Checking ${check.checking} took too long (a service the gateway asks may be slow)`
          : `${serviceName === 'gateway' ? 'The gateway' : `The ${serviceName} service`} could not be reached to check ${check.checking}`
      }, so ${check.consequence ?? 'nothing was saved'}. Send it again shortly${check.retryHint ?? ''}.`,
    );
  if (!ctx.authorization) throw forbidden('Sign in to do this');
  let answer: GatewayResponse<T>;
  try {
    answer = await ctx.gateway<T>(check.query, check.variables, ctx.authorization, ctx.requestId);
  } catch (error) {
    if (error instanceof GatewayUnavailableError && error.status === 401)
      throw unauthenticated(
        `Your sign-in ran out while checking ${check.checking}, so ${check.consequence ?? 'nothing was saved'}. Sign in again`,
      );
    if (!(error instanceof GatewayUnavailableError) || !error.retryable) throw error;
    ctx.logger.warn({ requestId: ctx.requestId, cause: error.message }, 'a check could not be made through the gateway');
    throw unavailable('gateway', error.timedOut);
  }
  for (const error of answer.errors) {
    if (check.onFieldError(error) === true) continue;
    const code = error.extensions?.code;
    const serviceName = typeof error.extensions?.serviceName === 'string' ? error.extensions.serviceName : 'gateway';
    if (!code || !PASSING_OUTAGES.has(code)) throw new Error(`a check failed in the ${serviceName} service with ${code ?? 'no code'}`);
    ctx.logger.warn({ requestId: ctx.requestId, serviceName, code }, 'a check could not be made in another service');
    throw unavailable(serviceName);
  }
  if (!answer.data) throw unavailable('gateway');
  return check.onData(answer.data);
}
