import { sendError } from '@kinga/shared';
import type { RequestHandler } from 'express';

export const OVERLOADED = 'OVERLOADED';

/**
 * At most `maxInFlight` GraphQL requests per gateway worker are worked on at once; the next one is refused at
 * once with 503, Retry-After and OVERLOADED instead of joining a queue. Past what the machine can serve, each
 * request admitted makes every other one slower: 100 case lists a second against 93 at most (B3,
 * BENCHMARKS.md) queued everyone for seconds and grew the processes' memory. A refusal costs a client one
 * retry and keeps the answers of the rest fast.
 */
export function loadShedding(maxInFlight: number): RequestHandler {
  let inFlight = 0;
  return (_req, res, next) => {
    if (inFlight >= maxInFlight) {
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
    // `close` also covers a client that goes away before the answer is written.
    res.once('finish', release);
    res.once('close', release);
    next();
  };
}
