import express from 'express';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { bodyReadingLimit, keepsSlotUntilDone, loadShedding, OVERLOADED } from './load-shedding';

/** Serves `app` on a free port, runs `use` with its base URL, and closes it, whatever happened. */
async function serving(app: express.Express, use: (base: string) => Promise<void>): Promise<void> {
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    await use(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

/** The status of a request (a GET of `url`, or `ask`) once it stops answering 503, or 503 after half a second of asking. */
async function statusOnceAdmitted(ask: string | (() => Promise<Response>)): Promise<number> {
  const send = typeof ask === 'string' ? () => fetch(ask) : ask;
  let status = 503;
  for (let i = 0; i < 50 && status === 503; i += 1) {
    status = (await send()).status;
    if (status === 503) await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return status;
}

describe('loadShedding', () => {
  it('refuses what is over the limit at once, with 503 and Retry-After, and admits again when a request ends', async () => {
    const waiting: Array<() => void> = [];
    const app = express();
    app.use(loadShedding(2));
    app.get('/', (_req, res) => {
      waiting.push(() => res.json({ ok: true }));
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    try {
      const first = fetch(url);
      const second = fetch(url);
      while (waiting.length < 2) await new Promise((resolve) => setTimeout(resolve, 5));
      const refused = await fetch(url);
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBe('1');
      expect(((await refused.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0].extensions.code).toBe(OVERLOADED);

      waiting.shift()!();
      expect((await first).status).toBe(200);
      const admitted = fetch(url);
      while (waiting.length < 2) await new Promise((resolve) => setTimeout(resolve, 5));
      waiting.splice(0).forEach((answer) => answer());
      expect((await second).status).toBe(200);
      expect((await admitted).status).toBe(200);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('counts a request whose client went away as ended', async () => {
    let started = 0;
    const app = express();
    app.use(loadShedding(1));
    app.get('/slow', () => {
      started += 1;
    });
    app.get('/', (_req, res) => res.json({ ok: true }));
    await serving(app, async (base) => {
      const abort = new AbortController();
      const slow = fetch(`${base}/slow`, { signal: abort.signal }).catch(() => null);
      while (started === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      expect((await fetch(base)).status).toBe(503);
      abort.abort();
      await slow;
      expect(await statusOnceAdmitted(base)).toBe(200);
    });
  });

  it('keeps the slot of a request whose client went away while the work it started goes on, and frees it when that ends', async () => {
    let started = 0;
    let finishWork: () => void = () => undefined;
    let closed = false;
    const app = express();
    app.use(loadShedding(1));
    app.get(
      '/slow',
      keepsSlotUntilDone(async (_req, res) => {
        started += 1;
        res.once('close', () => (closed = true));
        await new Promise<void>((resolve) => (finishWork = resolve));
        if (!res.destroyed) res.json({ late: true });
      }),
    );
    app.get('/', (_req, res) => res.json({ ok: true }));
    await serving(app, async (base) => {
      const abort = new AbortController();
      const slow = fetch(`${base}/slow`, { signal: abort.signal }).catch(() => null);
      while (started === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      abort.abort();
      await slow;
      // The client is gone, as the server has seen; its work is not, and holds the slot.
      while (!closed) await new Promise((resolve) => setTimeout(resolve, 5));
      expect((await fetch(base)).status).toBe(503);
      finishWork();
      expect(await statusOnceAdmitted(base)).toBe(200);
    });
  });

  it('frees the slot of an answer its client stops reading, once the answer has had its time to be delivered', async () => {
    const app = express();
    app.use(loadShedding(1));
    // More than the loopback socket buffers hold, so that the answer stays unfinished while nobody reads it.
    const large = Buffer.alloc(64 * 1024 * 1024, 'x');
    app.get(
      '/large',
      keepsSlotUntilDone(async (_req, res) => {
        res.end(large);
      }, 300),
    );
    app.get('/', (_req, res) => res.json({ ok: true }));
    await serving(app, async (base) => {
      const { port } = new URL(base);
      const stalled = connect(Number(port), '127.0.0.1');
      stalled.on('error', () => undefined);
      try {
        await new Promise((resolve) => stalled.once('connect', resolve));
        stalled.pause();
        stalled.write('GET /large HTTP/1.1\r\nHost: x\r\n\r\n');
        await new Promise((resolve) => setTimeout(resolve, 100));
        expect((await fetch(base)).status).toBe(503);
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(await statusOnceAdmitted(base)).toBe(200);
      } finally {
        stalled.destroy();
      }
    });
  });

  it('counts no GET among the bodies being received: it has none', async () => {
    const app = express();
    const answer: Array<() => void> = [];
    app.use(bodyReadingLimit(1, 1));
    app.get('/', (_req, res) => {
      answer.push(() => res.json({ ok: true }));
    });
    await serving(app, async (base) => {
      const gets = [fetch(base), fetch(base), fetch(base)];
      while (answer.length < 3) await new Promise((resolve) => setTimeout(resolve, 5));
      answer.forEach((send) => send());
      expect((await Promise.all(gets)).map((r) => r.status)).toEqual([200, 200, 200]);
    });
  });

  it('bounds the bodies being received, and frees a slot once a body is in', async () => {
    const app = express();
    app.use(bodyReadingLimit(1), express.json(), (req, res) => res.json({ got: req.body }));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as AddressInfo;
    const url = `http://127.0.0.1:${port}/`;
    const post = () => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1}' });
    const trickle = connect(port, '127.0.0.1');
    try {
      await new Promise((resolve) => trickle.once('connect', resolve));
      const answer = new Promise<string>((resolve) => trickle.once('data', (chunk) => resolve(String(chunk))));
      trickle.write('POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 7\r\n\r\n{"a"');
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect((await post()).status).toBe(503);
      trickle.write(':2}');
      expect(await answer).toContain('{"got":{"a":2}}');
      expect((await post()).status).toBe(200);
    } finally {
      trickle.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('lets one address hold only so many bodies being received, well below the total', async () => {
    const app = express();
    app.use(bodyReadingLimit(10, 2), express.json(), (req, res) => res.json({ got: req.body }));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as AddressInfo;
    const tricklers = [connect(port, '127.0.0.1'), connect(port, '127.0.0.1')];
    try {
      for (const socket of tricklers) {
        await new Promise((resolve) => socket.once('connect', resolve));
        socket.write('POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 7\r\n\r\n{"a"');
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
      const refused = await fetch(`http://127.0.0.1:${port}/`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      expect(refused.status).toBe(503);
      tricklers[0].destroy();
      const post = () =>
        fetch(`http://127.0.0.1:${port}/`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(await statusOnceAdmitted(post)).toBe(200);
    } finally {
      for (const socket of tricklers) socket.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
