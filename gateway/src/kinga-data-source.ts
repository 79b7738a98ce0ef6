import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import {
  ClientErrorCode,
  GATEWAY_ONLY_MESSAGE,
  GATEWAY_SECRET_HEADER,
  isExposedErrorCode,
  REQUEST_ID_HEADER,
  type Caller,
  type Logger,
} from '@kinga/shared';
import { GraphQLError } from 'graphql';
import { createSubgraphFetcher, type SubgraphResponse } from './subgraph-fetcher';

export interface GatewayContext {
  caller: Caller | null;
  requestId: string;
  /** Forwarded unchanged: each subgraph verifies the caller again. */
  authorization?: string;
}

export const SUBGRAPH_UNAVAILABLE = ClientErrorCode.SUBGRAPH_UNAVAILABLE;

/** Says which part of the answer is missing, without the subgraph's URL or the network error's text. */
export function subgraphUnavailable(serviceName: string, reason: 'down' | 'timeout' | 'failed', timeoutMs?: number): GraphQLError {
  const why = reason === 'timeout' ? `did not answer within ${timeoutMs} ms` : reason === 'down' ? 'cannot be reached' : 'failed to answer';
  return new GraphQLError(`The ${serviceName} service ${why}; the fields it serves are missing from this answer. Try again shortly.`, {
    extensions: { code: SUBGRAPH_UNAVAILABLE, serviceName },
  });
}

/**
 * A write whose answer never came may still have been made (the subgraph finishes what it started), so "try
 * again" could make it twice: the client is told to look first. `outcome: UNKNOWN` says so to a program.
 */
export function writeOutcomeUnknown(serviceName: string, timeoutMs: number | undefined): GraphQLError {
  const why = timeoutMs === undefined ? 'stopped answering' : `did not answer within ${timeoutMs} ms`;
  return new GraphQLError(
    `The ${serviceName} service ${why}, so whether this change was made is not known: look for it before you send it again, or send it again with the same idempotency key where it takes one.`,
    { extensions: { code: SUBGRAPH_UNAVAILABLE, serviceName, outcome: 'UNKNOWN' } },
  );
}

/**
 * Marks an error from a fetch made for a mutation's answer after its write (a query the gateway sends once the
 * mutation's own fetch has answered): the write was made, whatever this error says. Never shown to a client
 * (not a safe extension); `savedWritePlugin` reads it.
 */
export const AFTER_WRITE = 'kingaAfterWrite';

const isMutationText = (query: string | undefined) => /^\s*mutation\b/.test(query ?? '');

function markedAfterWrite<E extends { extensions?: Record<string, unknown> | undefined }>(error: E): E {
  return Object.assign(error, { extensions: { ...error.extensions, [AFTER_WRITE]: true } });
}

interface GraphqlErrorBody {
  errors?: Array<{ message?: unknown; extensions?: { code?: unknown; field?: unknown; outcome?: unknown; retryable?: unknown } }>;
}

/**
 * Adds the caller's token, the gateway secret and the request id to every subgraph request, gives each
 * a deadline, and turns a subgraph that is down, slow or failing into an error that names it, so the
 * gateway answers what the other subgraphs can.
 */
export class KingaDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    private readonly serviceName: string,
    url: string,
    private readonly secret: string,
    private readonly timeoutMs: number,
    private readonly logger?: Logger,
  ) {
    super({
      url,
      // A deadline per fetch: a subgraph that hangs costs the caller at most `timeoutMs`.
      fetcher: createSubgraphFetcher(timeoutMs) as never,
      // No Kinga answer may be cached, so the subgraphs' cache-control headers are not worth parsing.
      honorSubgraphCacheControlHeader: false,
    });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const headers = request.http?.headers;
    if (!headers) return;
    headers.set(GATEWAY_SECRET_HEADER, this.secret);
    if ('requestId' in context && context.requestId) headers.set(REQUEST_ID_HEADER, context.requestId);
    if ('authorization' in context && context.authorization) headers.set('authorization', context.authorization);
  }

  /** What a fetch made after a mutation's write answers, or fails with, is marked as such (`AFTER_WRITE`). */
  override async process(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
  ): ReturnType<RemoteGraphQLDataSource<GatewayContext>['process']> {
    const afterWrite =
      'incomingRequestContext' in options &&
      options.incomingRequestContext.operation?.operation === 'mutation' &&
      !isMutationText(options.request.query);
    if (!afterWrite) return super.process(options);
    try {
      const response = await super.process(options);
      // Errors in an answer are passed on as plain objects; the gateway keeps their extensions.
      return response.errors ? { ...response, errors: response.errors.map((error) => markedAfterWrite({ ...error })) } : response;
    } catch (error) {
      throw error instanceof GraphQLError ? markedAfterWrite(error) : error;
    }
  }

  /**
   * A subgraph that refuses the request with a client error (a 400 for its own limits, a 401, a 503 for
   * an audit that could not be written), or refuses the operation itself, is passed on with its code; anything
   * else means it is unwell.
   */
  override async errorFromResponse(response: SubgraphResponse): Promise<GraphQLError> {
    let body: GraphqlErrorBody | undefined;
    try {
      body = (await response.json()) as GraphqlErrorBody;
    } catch {
      body = undefined;
    }
    const first = body?.errors?.[0];
    const code = first?.extensions?.code;
    // The subgraph does not recognise the gateway's secret: the deployment is misconfigured, not the caller.
    const misconfigured = response.status === 401 && first?.message === GATEWAY_ONLY_MESSAGE;
    // Also the subgraph's own refusals of the operation (its limits, a body too large): retrying cannot help.
    if (isExposedErrorCode(code) && typeof first?.message === 'string' && !misconfigured) {
      const { field, outcome, retryable } = first.extensions ?? {};
      return new GraphQLError(first.message, {
        extensions: {
          code,
          serviceName: this.serviceName,
          ...(typeof field === 'string' ? { field } : {}),
          // A write the subgraph made before it had to withhold the answer (AUDIT_UNAVAILABLE): not to be sent again.
          ...(outcome === 'SAVED' ? { outcome } : {}),
          ...(retryable === true ? { retryable } : {}),
        },
      });
    }
    this.logger?.error(
      { serviceName: this.serviceName, status: response.status, code, misconfigured },
      misconfigured ? 'subgraph refused the gateway secret: SUBGRAPH_SECRET differs' : 'subgraph failed',
    );
    return subgraphUnavailable(this.serviceName, 'failed');
  }

  override didEncounterError(
    error: Error,
    _fetchRequest: unknown,
    _fetchResponse?: unknown,
    context?: GatewayContext,
    request?: { query?: string },
  ): void {
    if (error instanceof GraphQLError) {
      // The subgraph answered a write with a failure of its own (a 5xx, say from a proxy in front of it): the write
      // may have been made before it failed, as when the connection drops.
      const failedWrite =
        error.extensions.code === SUBGRAPH_UNAVAILABLE && error.extensions.outcome === undefined && isMutationText(request?.query);
      throw failedWrite ? writeOutcomeUnknown(this.serviceName, undefined) : error;
    }
    const timedOut = error.name === 'TimeoutError' || error.name === 'AbortError';
    this.logger?.warn(
      { requestId: context?.requestId, serviceName: this.serviceName, reason: timedOut ? 'timeout' : error.name },
      'subgraph unreachable',
    );
    // A refused connection delivered nothing; any other failure may have come after the subgraph began the write.
    const maybeDelivered = (error as NodeJS.ErrnoException).code !== 'ECONNREFUSED';
    if (maybeDelivered && isMutationText(request?.query)) {
      throw writeOutcomeUnknown(this.serviceName, timedOut ? this.timeoutMs : undefined);
    }
    throw subgraphUnavailable(this.serviceName, timedOut ? 'timeout' : 'down', this.timeoutMs);
  }
}
