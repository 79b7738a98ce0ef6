import { GATEWAY_SECRET_HEADER, REQUEST_ID_HEADER } from '@kinga/shared';

export interface GatewayError {
  message: string;
  path?: ReadonlyArray<string | number>;
  extensions?: { code?: string; serviceName?: unknown; unavailableService?: unknown };
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

const TIMEOUT_MS = 10_000;

/**
 * Asks the gateway, as the caller (their own token), about records other subgraphs own (DESIGN.md
 * "Writes"), so the same rules apply as if the caller had asked. Field errors come back as data, not throws.
 */
export function createGatewayClient(url: string, secret: string): GatewayClient {
  return async <T>(query: string, variables: Record<string, unknown>, authorization: string, requestId: string) => {
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        // The secret lets the gateway take this request's id, so the check is logged and audited under it.
        headers: { 'content-type': 'application/json', authorization, [REQUEST_ID_HEADER]: requestId, [GATEWAY_SECRET_HEADER]: secret },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      throw new GatewayUnavailableError((error as Error).message);
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
