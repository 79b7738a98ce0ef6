// Constant-arrival-rate load (k6's "constant-arrival-rate" model): request i is due at start + i / rate,
// whether or not earlier ones have been answered, and its latency is measured from when it was due, so a
// generator or server that falls behind is charged for the wait (no coordinated omission).
//
// Why not autocannon's `overallRate`: it gives each connection a budget of rate / connections requests per
// second, reset by a one-second timer, and each connection spends it back to back. At "300 requests per
// second" over 16 connections the system saw 16 concurrent requests at the start of every second and nothing
// for the rest of it, so the latencies measured were those of a saturated system at 16 concurrent requests
// (B1 direct: p50 8 ms for 0.8 ms of CPU per request), not of one receiving 300 requests a second.
import http from 'node:http';
import { performance } from 'node:perf_hooks';

/**
 * @param {{ url: string, headers: Record<string, string>, bodies: string[], rate: number, seconds: number,
 *           warmupSeconds?: number, maxSockets?: number, timeoutMs?: number, onMeasureStart?: () => void,
 *           onResponse?: (status: number, body: string, latencyMs: number) => void,
 *           onError?: (error: Error) => void }} options
 * @returns {Promise<{ sent: number, answered: number, failed: number, unanswered: number, latencies: number[], lateStarts: number }>}
 */
export async function pacedLoad({
  url,
  headers,
  bodies,
  rate,
  seconds,
  warmupSeconds = 0,
  maxSockets = 256,
  timeoutMs = 10_000,
  onMeasureStart,
  onResponse,
  onError,
}) {
  const target = new URL(url);
  const agent = new http.Agent({ keepAlive: true, maxSockets });
  if (warmupSeconds > 0) {
    // Same rate, same agent, answers not recorded: clients of a running system hold open connections to warm
    // processes, and the first hundred milliseconds of a cold run (sockets opened, code not yet optimised)
    // are otherwise a good part of its 99th percentile.
    await pacedRun({ agent, target, headers, bodies, rate, seconds: warmupSeconds, timeoutMs });
  }
  // e.g. where CPU time starts being counted, so the warm-up's is not divided among the measured requests.
  onMeasureStart?.();
  const run = await pacedRun({ agent, target, headers, bodies, rate, seconds, timeoutMs, onResponse, onError });
  agent.destroy();
  return run;
}

async function pacedRun({ agent, target, headers, bodies, rate, seconds, timeoutMs, onResponse, onError }) {
  const total = Math.round(rate * seconds);
  const interval = 1000 / rate;
  const latencies = [];
  let sent = 0;
  let settled = 0;
  let failed = 0;
  // Requests sent more than one interval after they were due: the generator itself could not keep up.
  let lateStarts = 0;

  const send = (index, dueAt) => {
    const body = bodies[index % bodies.length];
    const request = http.request(
      {
        agent,
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers },
        timeout: timeoutMs,
      },
      (response) => {
        const chunks = [];
        response.on('data', (chunk) => chunks.push(chunk));
        // An answer cut off half-way is a failure, not a request that never ends.
        response.on('error', (error) => {
          failed += 1;
          onError?.(error);
          settled += 1;
        });
        response.on('end', () => {
          const latency = performance.now() - dueAt;
          latencies.push(latency);
          onResponse?.(response.statusCode ?? 0, Buffer.concat(chunks).toString('utf8'), latency);
          settled += 1;
        });
      },
    );
    request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    request.on('error', (error) => {
      failed += 1;
      onError?.(error);
      settled += 1;
    });
    request.end(body);
  };

  const start = performance.now();
  await new Promise((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (sent < total && start + sent * interval <= now) {
        const dueAt = start + sent * interval;
        if (now - dueAt > interval) lateStarts += 1;
        send(sent, dueAt);
        sent += 1;
      }
      if (sent < total) {
        // setTimeout(…, 0) fires after ~1 ms: requests due within the same millisecond go out together.
        setTimeout(tick, Math.max(0, start + sent * interval - performance.now() - 0.5));
      } else resolve();
    };
    tick();
  });
  const deadline = performance.now() + timeoutMs + 1000;
  while (settled < sent && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
  // Requests neither answered nor failed by the deadline (e.g. still queued for a socket) count as failed too.
  return { sent, answered: latencies.length, failed, unanswered: sent - latencies.length - failed, latencies, lateStarts };
}
