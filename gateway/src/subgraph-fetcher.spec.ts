import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSubgraphFetcher } from './subgraph-fetcher';

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

  it('reports a subgraph that is not listening as a connection error, not a timeout', async () => {
    const server = createServer();
    servers.push(server);
    const url = await listen(server);
    await new Promise((r) => server.close(r));
    await expect(createSubgraphFetcher(1_000)(url, { body: '{}' })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});
