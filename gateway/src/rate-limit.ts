import { locals, sendError } from '@kinga/shared';
import type { Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';

export const RATE_LIMITED = 'RATE_LIMITED';

export interface RateLimitSettings {
  windowMs: number;
  /** Requests per window for a signed-in caller whose role has no override. */
  perCaller: number;
  /** Requests per window for callers without a token, counted per IP address. */
  anonymous: number;
  /** Overrides by role, e.g. `{ PARTNER_SYSTEM: 1200 }`. */
  byRole: Partial<Record<string, number>>;
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
      return caller ? `sub:${caller.sub}` : `ip:${ipKeyGenerator(req.ip ?? 'unknown')}`;
    },
    handler: (_req: Request, res: Response) => {
      const retryAfter = Number(res.getHeader('Retry-After') ?? Math.ceil(settings.windowMs / 1000));
      sendError(res, 429, RATE_LIMITED, `Too many requests from this caller; try again in ${retryAfter} seconds`, { retryAfter });
    },
  });
}
