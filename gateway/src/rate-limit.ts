import { bearerToken, locals, sendError } from '@kinga/shared';
import type { Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator, MemoryStore, rateLimit } from 'express-rate-limit';

export const RATE_LIMITED = 'RATE_LIMITED';

export interface RateLimitSettings {
  windowMs: number;
  /** Requests per window for a signed-in caller whose role has no override. */
  perCaller: number;
  /** Requests per window for callers without a token, counted per IP address. */
  anonymous: number;
  /** Overrides by role, e.g. `{ PARTNER_SYSTEM: 1200 }`. */
  byRole: Partial<Record<string, number>>;
  /** Tokens refused (401) per window from one IP address before its requests are refused unread. */
  refusedTokens: number;
}

const addressOf = (req: Request) => `ip:${ipKeyGenerator(req.ip ?? 'unknown')}`;

function retryAfterSeconds(resetTime: Date | undefined, windowMs: number): number {
  return Math.max(1, Math.ceil(((resetTime?.getTime() ?? Date.now() + windowMs) - Date.now()) / 1000));
}

function tooManyRequests(res: Response, retryAfter: number, from: string): void {
  res.setHeader('Retry-After', String(retryAfter));
  sendError(res, 429, RATE_LIMITED, `Too many ${from}; try again in ${retryAfter} seconds`, { retryAfter });
}

/**
 * The per-caller limit counts callers after authentication, so a token that fails verification was never
 * counted: an address could try tokens without end. This limiter, before authentication, counts requests per
 * address as they come in (so that requests in flight together cannot pass it together) and forgets each one
 * that ends in anything but 401 or 503 (`skipSuccessfulRequests`): what stays counted are tokens refused, or
 * that could not be checked (e.g. made-up key ids). Past `settings.refusedTokens` in a window, the address's
 * requests are refused with 429 before any token is read. Tokens already verified here are not counted or
 * refused, so someone guessing behind an office's shared address does not lock out the people signed in there.
 * Requests with no token are not counted either, only refused while the address is over the limit: counted
 * while in flight, thirty anonymous directory searches at once from one address (a mobile operator's shared
 * address serves thousands of phones) were refused as "refused sign-ins", with no token sent.
 */
export function refusedTokenLimit(
  settings: Pick<RateLimitSettings, 'windowMs' | 'refusedTokens'>,
  isVerifiedToken: (token: string) => boolean,
  /** A subgraph's own check through the gateway: from the subgraph's address, for a caller it has verified. */
  isSubgraphCheck: (req: Request) => boolean = () => false,
): { beforeAuthentication: RequestHandler; afterAuthentication: RequestHandler } {
  const refusedSoFar = new MemoryStore();
  /** Requests whose token verified: taken off the count at once, not when their answer is sent. */
  const uncounted = new WeakSet<Request>();
  const refuse = (res: Response, resetTime: Date | undefined) =>
    tooManyRequests(res, retryAfterSeconds(resetTime, settings.windowMs), 'refused sign-ins from this address');
  const counting = rateLimit({
    windowMs: settings.windowMs,
    limit: settings.refusedTokens,
    store: refusedSoFar,
    // The per-caller limiter owns the rate-limit headers and `req.rateLimit`.
    legacyHeaders: false,
    standardHeaders: false,
    requestPropertyName: 'refusedTokenLimit',
    keyGenerator: addressOf,
    skip: (req: Request) => {
      if (isSubgraphCheck(req)) return true;
      const token = bearerToken(req.header('authorization'));
      return token !== undefined && token !== '' && isVerifiedToken(token);
    },
    skipSuccessfulRequests: true,
    // One already taken off the count stays off (`afterAuthentication`); it is not taken off twice.
    requestWasSuccessful: (req: Request, res: Response) => !uncounted.has(req) && res.statusCode !== 401 && res.statusCode !== 503,
    handler: (req: Request, res: Response) => {
      const info = (req as Request & { refusedTokenLimit?: { resetTime?: Date } }).refusedTokenLimit;
      refuse(res, info?.resetTime);
    },
  });
  const beforeAuthentication: RequestHandler = (req, res, next) => {
    if (req.header('authorization') !== undefined) return counting(req, res, next);
    refusedSoFar
      .get(addressOf(req))
      .then((info) => (info && info.totalHits >= settings.refusedTokens ? refuse(res, info.resetTime) : next()), next);
  };
  // A token that verified was no guess: off the count as soon as that is known, so that first requests of people
  // signing in behind one address, answered slowly, do not add up to a refusal while they are in flight.
  const afterAuthentication: RequestHandler = (req, res, next) => {
    const counted = (req as Request & { refusedTokenLimit?: { resetTime?: Date } }).refusedTokenLimit;
    if (!counted || !locals(res).caller || uncounted.has(req)) return next();
    uncounted.add(req);
    // Not once its window has ended: the count it was in is gone.
    if (counted.resetTime && Date.now() >= counted.resetTime.getTime()) return next();
    refusedSoFar.decrement(addressOf(req)).then(() => next(), next);
  };
  return { beforeAuthentication, afterAuthentication };
}

/**
 * Counts requests per caller after authentication: a signed-in caller by token subject (so one user
 * behind a shared NAT does not exhaust a county office's allowance), an anonymous one by IP address.
 */
export function rateLimitMiddleware(settings: RateLimitSettings): RequestHandler {
  const limitFor = (res: Response): number => {
    const caller = locals(res).caller;
    if (!caller) return settings.anonymous;
    return settings.byRole[caller.role] ?? settings.perCaller;
  };
  return rateLimit({
    windowMs: settings.windowMs,
    limit: (_req: Request, res: Response) => limitFor(res),
    legacyHeaders: true,
    standardHeaders: 'draft-7',
    keyGenerator: (req: Request, res: Response) => {
      const caller = locals(res).caller;
      return caller ? `sub:${caller.sub}` : addressOf(req);
    },
    handler: (_req: Request, res: Response) => {
      tooManyRequests(res, Number(res.getHeader('Retry-After') ?? Math.ceil(settings.windowMs / 1000)), 'requests from this caller');
    },
  });
}
