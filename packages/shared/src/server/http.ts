import { randomUUID, timingSafeEqual } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { Caller } from '../auth/caller';
import { bearerToken, InvalidTokenError, TokenKeysUnavailableError, type TokenVerifier } from '../auth/token-verifier';
import type { RequestScope } from '../context/request-context';
import type { Logger } from '../logging/logger';
import type { RunningServer } from './create-subgraph-server';

export const GATEWAY_SECRET_HEADER = 'x-kinga-gateway';

/** The Express app of every Kinga server: no framework banner, and nothing any cache may keep. */
export function createKingaApp(): express.Express {
  const app = express();
  app.disable('x-powered-by');
  // An ETag would hash each body (personal data included) only to invite a cache to keep it.
  app.set('etag', false);
  app.use((_req, res, next) => {
    res.setHeader('cache-control', 'no-store');
    next();
  });
  return app;
}
/**
 * The handlers of one route run in order as a single router layer. Mounted one by one, each was a layer that
 * Express's router matched, trimmed the path for and stepped through again for every request: a twelfth of a
 * subgraph's allocations under B1 (bench/NOTES.md, session 10). Same semantics: a handler passes on with
 * `next()`, or with `next(error)` to the app's error handler, or answers and stops.
 */
export function handlerChain(...handlers: RequestHandler[]): RequestHandler {
  return (req, res, done) => {
    let index = 0;
    const next = (error?: unknown): void => {
      // 'route' ends a route's handlers; each of these was a layer of its own, whose next layer was the next one.
      if (error && error !== 'route') return done(error);
      const handler = handlers[index++];
      if (!handler) return done();
      try {
        const result = handler(req, res, next) as unknown;
        // Express 5 passes a rejected promise of an async handler on as an error; so does the chain.
        if (result instanceof Promise) result.catch((rejected: unknown) => next(rejected || new Error('Rejected promise')));
      } catch (thrown) {
        next(thrown ?? new Error('a handler threw nothing'));
      }
    };
    next();
  };
}

export const REQUEST_ID_HEADER = 'x-request-id';

export interface KingaLocals {
  caller: Caller | null;
  requestId: string;
  /** Set by `requestScope()`; absent on routes that do not use it. */
  scope?: RequestScope;
}

export function locals(res: Response): KingaLocals {
  return res.locals as KingaLocals;
}

/** A refusal before GraphQL runs, in the shape of a GraphQL error so that clients read it the same way. */
export function sendError(res: Response, status: number, code: string, message: string, extensions: Record<string, unknown> = {}): void {
  res.status(status).json({ errors: [{ message, extensions: { code, ...extensions } }] });
}

/** Constant-time comparison, so the secret cannot be guessed byte by byte from response times. */
export function secretsMatch(given: string | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** What a subgraph says to a request without the gateway's secret; the gateway recognises it as its own misconfiguration. */
export const GATEWAY_ONLY_MESSAGE = 'This service answers only the Kinga gateway';

/** Subgraphs answer only the gateway: without its secret a request is 401, whatever token it carries. */
export function requireGatewaySecret(secret: string): RequestHandler {
  return (req, res, next) => {
    if (secretsMatch(req.header(GATEWAY_SECRET_HEADER), secret)) return next();
    sendError(res, 401, 'UNAUTHENTICATED', GATEWAY_ONLY_MESSAGE);
  };
}

/**
 * No token: an anonymous caller, who sees only public data. A token that fails verification is 401:
 * a caller who meant to be someone must not silently become anonymous.
 */
export function authenticate(verify: TokenVerifier, logger: Logger): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const token = bearerToken(req.header('authorization'));
    if (token === undefined) {
      locals(res).caller = null;
      return next();
    }
    try {
      if (token === '') throw new InvalidTokenError('authorization header is not a bearer token');
      locals(res).caller = await verify(token);
      next();
    } catch (error) {
      if (error instanceof TokenKeysUnavailableError) {
        // The token may be fine: telling the caller to sign in again would not help, and would hide the outage.
        if (error.fetchFailed) logger.error({ requestId: locals(res).requestId, cause: error.message }, 'could not fetch the signing keys');
        else logger.warn({ requestId: locals(res).requestId, cause: error.message }, 'a token names a signing key not fetched yet');
        res.setHeader('Retry-After', '5');
        return sendError(res, 503, 'AUTH_UNAVAILABLE', 'Sign-in could not be checked just now; try again shortly');
      }
      if (!(error instanceof InvalidTokenError)) return next(error);
      logger.info({ requestId: locals(res).requestId, cause: error.message }, 'refused a token');
      sendError(
        res,
        401,
        'UNAUTHENTICATED',
        error.claimProblems
          ? `The token's claims are not those of a Kinga caller (${error.claimProblems}); ask whoever issues your tokens`
          : 'The token is invalid or expired; sign in again',
      );
    }
  };
}

/**
 * The operation and variables as Apollo Server reads them: a POST's JSON body, or a GET's URL parameters, all
 * of them. Not `req.query`: Express stops after 1,000 parameters, so a GET padded with 1,000 others would hide
 * its operation from the checks that run before Apollo while Apollo still ran it.
 */
export function graphqlParamsOf(req: Pick<Request, 'method' | 'body' | 'originalUrl'>): { query: unknown; variables: unknown } {
  if (req.method !== 'GET') {
    const body = req.body as { query?: unknown; variables?: unknown } | undefined;
    return { query: body?.query, variables: body?.variables };
  }
  const params = new URL(req.originalUrl, 'http://kinga.invalid').searchParams;
  const text = params.get('variables');
  let variables: unknown = text ?? undefined;
  try {
    if (text) variables = JSON.parse(text) as unknown;
  } catch {
    // Not JSON: Apollo refuses it; the text itself is still checked.
  }
  return { query: params.get('query') ?? undefined, variables };
}

/**
 * Gives the request an id and a scope its SQL statements are counted in. A subgraph takes the gateway's id, so
 * one operation has one id in every log and audit row. The gateway takes an id only from a caller that
 * `acceptsIncomingId` (a subgraph's own check, which shows the gateway secret) and mints one for anyone else:
 * an id a client chose could be another request's, and the audit trail would no longer tell them apart.
 */
export function requestScope(acceptsIncomingId: (req: Request) => boolean = () => true): RequestHandler {
  return (req, res, next) => {
    const incoming = acceptsIncomingId(req) ? req.header(REQUEST_ID_HEADER) : undefined;
    const requestId = incoming && /^[\w-]{8,64}$/.test(incoming) ? incoming : randomUUID();
    locals(res).requestId = requestId;
    res.setHeader(REQUEST_ID_HEADER, requestId);
    locals(res).scope = { requestId, sqlStatements: 0 };
    next();
  };
}

/** Malformed JSON and oversize bodies are the caller's fault: a 400 or 413 with a code, not a stack trace. */
export function jsonErrorHandler(logger: Logger) {
  return (error: Error & { status?: number; type?: string }, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    if (error.type === 'entity.too.large') return sendError(res, 413, 'BAD_REQUEST', 'The request body is too large');
    if (error.type === 'entity.parse.failed') return sendError(res, 400, 'BAD_REQUEST', 'The request body is not valid JSON');
    if (error.status && error.status >= 400 && error.status < 500)
      return sendError(res, error.status, 'BAD_REQUEST', 'The request is malformed');
    logger.error({ requestId: locals(res).requestId, err: { name: error.name, message: error.message } }, 'unhandled HTTP error');
    sendError(res, 500, 'INTERNAL_SERVER_ERROR', 'Something went wrong on our side; the error has been logged.');
  };
}

/** Listens and resolves with where; `stop` drains through Apollo's drain plugin. Used by every process. */
export function listenOnLoopback(httpServer: Server, port: number, host: string, stop: () => Promise<void>): Promise<RunningServer> {
  return new Promise<RunningServer>((resolve, reject) => {
    // A server that cannot listen (the port is taken) releases what was started for it before saying so.
    const cannotListen = (error: Error) =>
      void stop().then(
        () => reject(error),
        () => reject(error),
      );
    httpServer.once('error', cannotListen);
    httpServer.listen(port, host, () => {
      // Only while starting: a later error (EMFILE when accepting) would otherwise stop Apollo and the listener
      // and leave the process running, serving nothing, where a crash lets its supervisor restart it.
      httpServer.off('error', cannotListen);
      const actualPort = (httpServer.address() as AddressInfo).port;
      resolve({ url: `http://${host}:${actualPort}/graphql`, port: actualPort, stop });
    });
  });
}
