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
  // `close` also covers a client that goes away before the answer is written (`keepsSlotUntilDone` below).
  return admission(maxInFlight, (_req, res, release) => res.once('finish', release));
}

/** Where `keepsSlotUntilDone` leaves the work a request started, for `admission` to wait on. */
const WORK = Symbol('work in progress');
type WithWork = Response & { [WORK]?: Promise<unknown> };

/** How long an answer, once written, may stand still on its way to a client before the connection is closed. */
export const ANSWER_DELIVERY_MS = 30_000;

/**
 * The handler that does a request's work (the gateway's Apollo handler) keeps its slot until that work is done,
 * even when its client has gone: nothing cancels the subgraph fetches a plan started, so a client that drops
 * the connection (a timeout shorter than the answer, or on purpose) would otherwise free the slot while the
 * machine still works for it, and could keep more than `maxInFlight` requests running. Once the work is done its
 * answer may stand still for `deliveryMs` at most: a client that stops reading (a zero TCP window) would otherwise hold the
 * slot, and the answer's memory, for as long as it keeps the connection open, and 128 such clients every slot.
 */
export function keepsSlotUntilDone(handler: RequestHandler, deliveryMs = ANSWER_DELIVERY_MS): RequestHandler {
  return (req, res, next) => {
    const work = Promise.resolve(handler(req, res, next));
    const done = work.catch(() => undefined);
    (res as WithWork)[WORK] = done;
    void done.then(() => closeUndeliveredAfter(res, deliveryMs));
    return work;
  };
}

/**
 * Closes the connection once its answer has stopped moving for `idleMs`: the socket's own inactivity timeout, so a
 * slow link still reading a large answer keeps it, and a client that reads nothing loses it.
 */
function closeUndeliveredAfter(res: Response, idleMs: number): void {
  const socket = res.socket;
  if (res.writableFinished || res.destroyed || !socket) return;
  const closeIdle = () => socket.destroy();
  socket.setTimeout(idleMs);
  socket.once('timeout', closeIdle);
  // Delivered (or gone): the connection may serve the next request with no such deadline.
  res.once('close', () => {
    socket.off('timeout', closeIdle);
    socket.setTimeout(0);
  });
}

/**
 * At most `maxReading` request bodies per gateway worker are being received at once, each up to the body
 * limit, before any request is admitted (`loadShedding` counts requests once their bodies are in, so that
 * clients trickling bodies cannot take its slots): this bounds the memory bodies can hold. One address holds at
 * most `maxPerAddress` of them, so that a single client trickling bodies does not turn everyone else away; many
 * addresses doing it are a reverse proxy's to absorb (one that buffers requests, as nginx does by default).
 */
export function bodyReadingLimit(maxReading: number, maxPerAddress = 8): RequestHandler {
  const total = admission(maxReading, (req, _res, release) => req.once('end', release));
  const byAddress = new Map<string, number>();
  return (req, res, next) => {
    // A request without a body (a GET query) has nothing to receive: no `end` would come before its answer.
    if (!hasBody(req)) {
      next();
      return;
    }
    const address = req.ip ?? 'unknown';
    const reading = byAddress.get(address) ?? 0;
    if (reading >= maxPerAddress) {
      refuseOverloaded(res);
      return;
    }
    byAddress.set(address, reading + 1);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      const left = (byAddress.get(address) ?? 1) - 1;
      if (left > 0) byAddress.set(address, left);
      else byAddress.delete(address);
    };
    req.once('end', release);
    res.once('close', release);
    total(req, res, next);
  };
}

/** What `type-is`'s hasBody says: a body is announced by its length (not 0) or by chunked transfer. */
const hasBody = (req: Request) =>
  req.headers['transfer-encoding'] !== undefined || (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0');

function refuseOverloaded(res: Response): void {
  res.setHeader('Retry-After', '1');
  sendError(res, 503, OVERLOADED, 'Kinga is too busy to take this request now; try again in a second', { retryAfter: 1 });
}

/**
 * Admits up to `max` at once, refusing the next with 503 OVERLOADED; a slot is freed by `releaseOn`, or by `close`
 * once the work a `keepsSlotUntilDone` handler started is done.
 */
function admission(max: number, releaseOn: (req: Request, res: Response, release: () => void) => void): RequestHandler {
  let inFlight = 0;
  return (req, res, next) => {
    if (inFlight >= max) {
      refuseOverloaded(res);
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
    res.once('close', () => {
      const work = (res as WithWork)[WORK];
      if (work) void work.finally(release);
      else release();
    });
    next();
  };
}
