import { Agent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

/** The part of a fetch `Response` that Apollo's RemoteGraphQLDataSource and KingaDataSource read. */
export interface SubgraphResponse {
  ok: boolean;
  status: number;
  statusText: string;
  url: string;
  headers: { get(name: string): string | null };
  json(): Promise<unknown>;
  text(): Promise<string>;
}

export interface SubgraphRequestInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

export type SubgraphFetcher = (url: string, init?: SubgraphRequestInit) => Promise<SubgraphResponse>;

/** Named as the fetch API names an aborted deadline, so one check recognises both. */
export class SubgraphTimeoutError extends Error {
  constructor(timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
    this.name = 'TimeoutError';
  }
}

function headerReader(headers: IncomingHttpHeaders): SubgraphResponse['headers'] {
  return {
    get(name) {
      const value = headers[name.toLowerCase()];
      if (value === undefined) return null;
      return Array.isArray(value) ? value.join(', ') : value;
    },
  };
}

/**
 * HTTP/1.1 POSTs to the subgraphs over kept-alive connections, each with a deadline covering the whole
 * exchange: plain HTTP on loopback, TLS (`https://`) to a subgraph another agency runs elsewhere. Replaces the
 * global fetch, whose streams, abort signals and header objects were a tenth of the gateway's CPU per request
 * in the benchmark profiles (BENCHMARKS.md) for bodies read whole anyway.
 */
export function createSubgraphFetcher(
  timeoutMs: number,
  agents: { http: Agent; https: HttpsAgent } = { http: new Agent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) },
): SubgraphFetcher {
  return (url, init = {}) =>
    new Promise<SubgraphResponse>((resolve, reject) => {
      const body = init.body ?? '';
      const secure = url.startsWith('https:');
      const outgoing = (secure ? httpsRequest : httpRequest)(
        url,
        {
          method: init.method ?? 'POST',
          agent: secure ? agents.https : agents.http,
          headers: { ...init.headers, 'content-length': String(Buffer.byteLength(body)) },
        },
        (incoming) => {
          const chunks: Buffer[] = [];
          incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
          incoming.on('error', fail);
          incoming.on('end', () => {
            clearTimeout(deadline);
            const text = Buffer.concat(chunks).toString('utf8');
            const status = incoming.statusCode ?? 0;
            resolve({
              ok: status >= 200 && status < 300,
              status,
              statusText: incoming.statusMessage ?? '',
              url,
              headers: headerReader(incoming.headers),
              text: async () => text,
              json: async () => JSON.parse(text) as unknown,
            });
          });
        },
      );
      const deadline = setTimeout(() => {
        // Rejects first: once the answer has begun, destroying the request reports a reset, not the deadline.
        reject(new SubgraphTimeoutError(timeoutMs));
        outgoing.destroy();
      }, timeoutMs);
      function fail(error: Error): void {
        clearTimeout(deadline);
        reject(error);
      }
      outgoing.on('error', fail);
      outgoing.end(body);
    });
}
