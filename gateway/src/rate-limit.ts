import { bearerToken, locals, sendError } from '@kinga/shared';
import type { Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator, MemoryStore, rateLimit, type Options } from 'express-rate-limit';

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

/**
 * The per-caller limit counts callers after authentication, so a token that fails verification was never
 * counted: an address could try tokens without end. This counts, per address and in express-rate-limit's own
 * store, every request that brings a token this process has not verified before, when it comes in (so that
 * requests in flight together cannot pass the limit together), and `settle` takes the count back once the
 * token has verified: what stays counted are tokens refused (401) or that could not be checked (503, e.g.
 * made-up key ids). Past `settings.refusedTokens` in a window, such requests from the address, and its
 * anonymous ones, are refused with 429 before any token is read. Tokens already verified here still pass, so
 * someone guessing behind an office's shared address does not lock out the people signed in there.
 * Put `check` before authentication and `settle` after it.
 */
export function refusedTokenLimit(
  settings: Pick<RateLimitSettings, 'windowMs' | 'refusedTokens'>,
  isVerifiedToken: (token: string) => boolean,
) {
  const store = new MemoryStore();
  store.init({ windowMs: settings.windowMs } as Options);
  const counted = new WeakSet<Request>();
  const refuse = (res: Response, resetTime: Date | undefined) => {
    const retryAfter = retryAfterSeconds(resetTime, settings.windowMs);
    res.setHeader('Retry-After', String(retryAfter));
    sendError(res, 429, RATE_LIMITED, `Too many refused sign-ins from this address; try again in ${retryAfter} seconds`, { retryAfter });
  };
  const check: RequestHandler = (req, res, next) => {
    const token = bearerToken(req.header('authorization'));
    if (token && isVerifiedToken(token)) return next();
    const key = addressOf(req);
    if (token === undefined) {
      store.get(key).then((info) => (info && info.totalHits >= settings.refusedTokens ? refuse(res, info.resetTime) : next()), next);
      return;
    }
    Promise.resolve(store.increment(key)).then((info) => {
      if (info.totalHits > settings.refusedTokens) return refuse(res, info.resetTime);
      counted.add(req);
      next();
    }, next);
  };
  const settle: RequestHandler = (req, res, next) => {
    if (counted.has(req) && locals(res).caller) void store.decrement(addressOf(req));
    next();
  };
  return { check, settle, stop: () => store.shutdown() };
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
      const retryAfter = Number(res.getHeader('Retry-After') ?? Math.ceil(settings.windowMs / 1000));
      sendError(res, 429, RATE_LIMITED, `Too many requests from this caller; try again in ${retryAfter} seconds`, { retryAfter });
    },
  });
}
