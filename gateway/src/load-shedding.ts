import { sendError } from '@kinga/shared';
import type { Request, RequestHandler, Response } from 'express';

export const OVERLOADED = 'OVERLOADED';

/**
 * At most `maxInFlight` GraphQL requests per gateway worker are worked on at once; the next one is refused at
 * once with 503, Retry-After and OVERLOADED instead of joining a queue. Past what the machine can serve, each
 * request admitted makes every other one slower: 100 case lists a second against 93 at most (B3,
 * BENCHMARKS.md) queued everyone for seconds and grew the processes' memory. A refusal costs a client one
 * retry and keeps the answers of the rest fast.
 */
export function loadShedding(maxInFlight: number): RequestHandler {
  // `close` also covers a client that goes away before the answer is written.
  return admission(maxInFlight, (_req, res, release) => res.once('finish', release));
}

/**
 * At most `maxReading` request bodies per gateway worker are being received at once, each up to the body
 * limit, before any request is admitted (`loadShedding` counts requests once their bodies are in, so that
 * clients trickling bodies cannot take its slots): this bounds the memory bodies can hold.
 */
export function bodyReadingLimit(maxReading: number): RequestHandler {
  return admission(maxReading, (req, _res, release) => req.once('end', release));
}

/** Admits up to `max` at once, refusing the next with 503 OVERLOADED; a slot is freed by `releaseOn` or by `close`. */
function admission(max: number, releaseOn: (req: Request, res: Response, release: () => void) => void): RequestHandler {
  let inFlight = 0;
  return (req, res, next) => {
    if (inFlight >= max) {
      res.setHeader('Retry-After', '1');
      sendError(res, 503, OVERLOADED, 'Kinga is too busy to take this request now; try again in a second', { retryAfter: 1 });
      return;
    }
    inFlight += 1;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      inFlight -= 1;
    };
    releaseOn(req, res, release);
    res.once('close', release);
    next();
  };
}
