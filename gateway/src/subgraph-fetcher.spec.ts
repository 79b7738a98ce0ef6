import { Agent, createServer, type Server } from 'node:http';
import { Agent as HttpsAgent, createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createSubgraphFetcher } from './subgraph-fetcher';

/** A self-signed certificate for 127.0.0.1 (valid until 2126), made for this test with openssl. */
const TEST_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg3LgEXIkuP9cyCEC9
sBB/FXz2vBzGFIMKCpvctd8jObWhRANCAARwpmF7/2M9HwB4eC0bMGrhqPK2JfUN
YsBk45AayH1QMY3+sB47RqV39jdigU9S+zDQ27SXKWNWEMSpEgMjcv56
-----END PRIVATE KEY-----`;
const TEST_CERT = `-----BEGIN CERTIFICATE-----
MIIBjzCCATagAwIBAgIUfi2DPPSCimIZUiOS+yavEN1Oq/cwCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJMTI3LjAuMC4xMCAXDTI2MTEyMzA0MzkxNFoYDzIxMjYxMDMw
MDQzOTE0WjAUMRIwEAYDVQQDDAkxMjcuMC4wLjEwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAARwpmF7/2M9HwB4eC0bMGrhqPK2JfUNYsBk45AayH1QMY3+sB47RqV3
9jdigU9S+zDQ27SXKWNWEMSpEgMjcv56o2QwYjAdBgNVHQ4EFgQUjlM5hkdIRg8g
VCGakP46SpBbv4AwHwYDVR0jBBgwFoAUjlM5hkdIRg8gVCGakP46SpBbv4AwDwYD
VR0TAQH/BAUwAwEB/zAPBgNVHREECDAGhwR/AAABMAoGCCqGSM49BAMCA0cAMEQC
IHf/FsJalmfzbIhsKF+VjTWsgnEbRVszGZLqGqYmjjO4AiBYsCKODJSg1w83lj1K
xPwnq+vwklR+XJzeM22lYGwB2A==
-----END CERTIFICATE-----`;

function listen(server: Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`)),
  );
}

describe('createSubgraphFetcher', () => {
  const servers: Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => new Promise((r) => (s.closeAllConnections(), s.close(r)))));
  });

  it('posts the body with its headers and reads the answer, reusing the connection', async () => {
    const ports = new Set<number>();
    const server = createServer((req, res) => {
      ports.add(req.socket.remotePort as number);
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ data: { echo: body, secret: req.headers['x-kinga-gateway'] } }));
      });
    });
    servers.push(server);
    const url = await listen(server);
    const fetcher = createSubgraphFetcher(1_000);
    for (let i = 0; i < 3; i += 1) {
      const response = await fetcher(url, { method: 'POST', headers: { 'x-kinga-gateway': 's3cret' }, body: '{"query":"{ a }"}' });
      expect(response.ok).toBe(true);
      expect(response.headers.get('Content-Type')).toBe('application/json');
      expect(await response.json()).toEqual({ data: { echo: '{"query":"{ a }"}', secret: 's3cret' } });
    }
    expect(ports.size).toBe(1);
  });

  it('passes an error status on with its body', async () => {
    const server = createServer((_req, res) => {
      res.statusCode = 503;
      res.end('{"errors":[{"message":"down"}]}');
    });
    servers.push(server);
    const response = await createSubgraphFetcher(1_000)(await listen(server), { body: '{}' });
    expect(response.ok).toBe(false);
    expect(response.status).toBe(503);
    expect(await response.text()).toBe('{"errors":[{"message":"down"}]}');
  });

  it('gives up at the deadline, also when the answer has begun', async () => {
    const server = createServer((req, res) => {
      if (req.url?.endsWith('slow-body')) res.write('{"data":');
      // never ends
    });
    servers.push(server);
    const url = await listen(server);
    const fetcher = createSubgraphFetcher(150);
    await expect(fetcher(url, { body: '{}' })).rejects.toMatchObject({ name: 'TimeoutError' });
    await expect(fetcher(`${url}?slow-body`, { body: '{}' })).rejects.toMatchObject({ name: 'TimeoutError' });
  });

  it('speaks TLS to an https:// subgraph (one another agency runs elsewhere), checking its certificate', async () => {
    const server = createHttpsServer({ key: TEST_KEY, cert: TEST_CERT }, (_req, res) => res.end('{"data":{"ok":true}}'));
    servers.push(server as unknown as Server);
    const url = (await listen(server as unknown as Server)).replace('http://', 'https://');
    const trusting = createSubgraphFetcher(1_000, { http: new Agent(), https: new HttpsAgent({ ca: TEST_CERT }) });
    expect(await (await trusting(url, { body: '{}' })).json()).toEqual({ data: { ok: true } });
    // A certificate nobody vouches for is refused, not skipped.
    await expect(createSubgraphFetcher(1_000)(url, { body: '{}' })).rejects.toMatchObject({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
  });

  it('reports a subgraph that is not listening as a connection error, not a timeout', async () => {
    const server = createServer();
    servers.push(server);
    const url = await listen(server);
    await new Promise((r) => server.close(r));
    await expect(createSubgraphFetcher(1_000)(url, { body: '{}' })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});
