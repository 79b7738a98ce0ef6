import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from '../logging/logger';
import { checkDeadlineMs, checkThroughGateway, createGatewayClient, type GatewayCheck } from './gateway-client';

/** A stand-in gateway answering every request with `status` and `body` after `delayMs`. */
async function standInGateway(status: number, body: unknown, delayMs = 0): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      setTimeout(() => {
        if (res.destroyed) return;
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, server };
}

const check: GatewayCheck<{ case: unknown }> = {
  query: '{ case(id: "x") { id } }',
  variables: {},
  checking: 'the case and providers',
  onFieldError: () => undefined,
  onData: (data) => data,
};

describe('checkThroughGateway', () => {
  const servers: Server[] = [];
  afterAll(async () => {
    for (const server of servers) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
  const ask = async (status: number, body: unknown, options: { delayMs?: number; timeoutMs?: number } = {}) => {
    const { url, server } = await standInGateway(status, body, options.delayMs);
    servers.push(server);
    const gateway = createGatewayClient(url, 'a-subgraph-secret-for-tests', options.timeoutMs ?? 1_000);
    return checkThroughGateway({ gateway, authorization: 'Bearer t', requestId: 'r1', logger: createLogger('test', 'silent') }, check);
  };

  it('tells a caller whose token ran out between the write and its check to sign in again, nothing saved', async () => {
    const refused = ask(401, { errors: [{ message: 'Your token has expired', extensions: { code: 'UNAUTHENTICATED' } }] });
    await expect(refused).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
      message: 'Your sign-in ran out while checking the case and providers, so nothing was saved. Sign in again',
    });
  });

  it('gives up on a gateway slower than its deadline and answers SUBGRAPH_UNAVAILABLE, retryable', async () => {
    const slow = ask(200, { data: { case: null } }, { delayMs: 500, timeoutMs: 100 });
    await expect(slow).rejects.toMatchObject({
      extensions: { code: 'SUBGRAPH_UNAVAILABLE', retryable: true, unavailableService: 'gateway' },
      // Not "could not be reached": the gateway answers, a service it asks may be the slow one.
      message:
        'Checking the case and providers took too long (a service the gateway asks may be slow), so nothing was saved. Send it again shortly.',
    });
  });

  it('keeps any other refusal of the check itself an internal fault, not the caller’s', async () => {
    await expect(
      ask(400, { errors: [{ message: 'Cannot query field', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }] }),
    ).rejects.toThrow(/did not answer a cross-subgraph check: HTTP 400/);
  });
});

describe('checkDeadlineMs', () => {
  it('ends a check well inside the gateway’s deadline for the write that asked it', () => {
    expect(checkDeadlineMs(10_000)).toBe(6_000);
    expect(checkDeadlineMs(500)).toBeLessThan(500);
  });
});
