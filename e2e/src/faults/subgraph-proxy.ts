import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** `failsAfter`: the subgraph gets the request and does its work, and the caller gets `status` instead (a proxy's 502). */
export type ProxyMode = { kind: 'forward' } | { kind: 'down' } | { kind: 'slow'; delayMs: number } | { kind: 'failsAfter'; status: number };

/**
 * Stands between the gateway and one subgraph: counts the requests that reach it (to prove the gateway
 * refused an operation without calling any subgraph) and can play a subgraph that is down or slow.
 */
export interface SubgraphProxy {
  url: string;
  requests: number;
  mode: ProxyMode;
  stop(): Promise<void>;
}

export async function startSubgraphProxy(targetUrl: string): Promise<SubgraphProxy> {
  const sockets = new Set<Socket>();
  const state: SubgraphProxy = { url: '', requests: 0, mode: { kind: 'forward' }, stop: async () => undefined };
  const server: Server = createServer((req, res) => {
    state.requests += 1;
    const mode = state.mode;
    if (mode.kind === 'down') {
      req.socket.destroy();
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const forward = async () => {
        if (mode.kind === 'slow') await new Promise((resolve) => setTimeout(resolve, mode.delayMs));
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(req.headers)) {
          if (typeof value === 'string' && name !== 'host' && name !== 'content-length') headers[name] = value;
        }
        const response = await fetch(targetUrl, { method: req.method, headers, body: Buffer.concat(chunks) });
        const body = Buffer.from(await response.arrayBuffer());
        if (res.destroyed) return;
        if (mode.kind === 'failsAfter') {
          res.writeHead(mode.status, { 'content-type': 'text/html' });
          res.end('<html><body>Bad Gateway</body></html>');
          return;
        }
        res.writeHead(response.status, { 'content-type': response.headers.get('content-type') ?? 'application/json' });
        res.end(body);
      };
      forward().catch(() => res.destroy());
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  state.stop = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  return state;
}
