import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Request, Response } from 'express';
import { InvalidTokenError, TokenKeysUnavailableError } from '../auth/token-verifier';
import { createLogger } from '../logging/logger';
import { authenticate, listenOnLoopback } from './http';

/** What `authenticate` answers for a bearer token that `verify` refuses with `error`. */
async function answerTo(error: Error): Promise<{ status: number; body: unknown; headers: Record<string, string> }> {
  const answer = { status: 0, body: undefined as unknown, headers: {} as Record<string, string> };
  const res = {
    locals: {},
    status(code: number) {
      answer.status = code;
      return this;
    },
    json(body: unknown) {
      answer.body = body;
      return this;
    },
    setHeader(name: string, value: string) {
      answer.headers[name] = value;
    },
  } as unknown as Response;
  const req = { header: (name: string) => (name === 'authorization' ? 'Bearer a.b.c' : undefined) } as unknown as Request;
  await authenticate(() => Promise.reject(error), createLogger('test', 'silent'))(req, res, () => undefined);
  return answer;
}

describe('authenticate', () => {
  it('answers a refused token with 401: the caller should sign in again', async () => {
    const answer = await answerTo(new InvalidTokenError('bad signature'));
    expect(answer.status).toBe(401);
    expect(answer.body).toEqual({
      errors: [{ message: 'The token is invalid or expired; sign in again', extensions: { code: 'UNAUTHENTICATED' } }],
    });
  });

  it('answers keys it could not fetch with 503 and Retry-After: the token may be fine, signing in again would not help', async () => {
    const answer = await answerTo(new TokenKeysUnavailableError('connect ECONNREFUSED'));
    expect(answer.status).toBe(503);
    expect(answer.headers['Retry-After']).toBe('5');
    expect(answer.body).toEqual({
      errors: [{ message: 'Sign-in could not be checked just now; try again shortly', extensions: { code: 'AUTH_UNAVAILABLE' } }],
    });
  });
});

describe('listenOnLoopback', () => {
  it('releases what was started for a server whose port is taken, then reports EADDRINUSE', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as AddressInfo).port;
    const stop = jest.fn(async () => undefined);
    try {
      await expect(listenOnLoopback(createServer(), port, '127.0.0.1', stop)).rejects.toMatchObject({ code: 'EADDRINUSE' });
      expect(stop).toHaveBeenCalledTimes(1);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });

  it('stops listening for start-up errors once it listens: a later one is not taken for a failed start', async () => {
    const server = createServer();
    const stop = jest.fn(async () => undefined);
    const running = await listenOnLoopback(server, 0, '127.0.0.1', stop);
    try {
      expect(server.listenerCount('error')).toBe(0);
      expect(stop).not.toHaveBeenCalled();
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect(running.port).toBeGreaterThan(0);
  });
});
