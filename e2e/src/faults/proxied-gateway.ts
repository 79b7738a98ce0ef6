import { composeSupergraph, createGatewayServer, loadGatewayConfig, readSubgraphSchema, type GatewayConfig } from '@kinga/gateway';
import { createLogger, type OperationLimits, type RunningServer } from '@kinga/shared';
import { freePort, testEnv } from '@kinga/shared/testing';
import { UNLIMITED_FOR_TESTS, type KingaSystem } from '../harness/start-system';
import { startSubgraphProxy, type SubgraphProxy } from './subgraph-proxy';

export interface ExtraSubgraph {
  name: string;
  url: string;
  sdl: string;
}

export interface ProxiedGateway {
  url: string;
  proxies: Record<string, SubgraphProxy>;
  /** Requests that reached any subgraph so far. */
  subgraphRequests(): number;
  stop(): Promise<void>;
}

export interface ProxiedGatewayOptions {
  env?: Record<string, string>;
  /** Changes the loaded configuration, e.g. to run the gateway as production would without a JWKS endpoint. */
  configure?: (config: GatewayConfig) => GatewayConfig;
  limits?: Partial<OperationLimits>;
  /** Subgraphs started by the test itself (e.g. a stand-in that is slow), composed beside the system's. */
  extraSubgraphs?: ExtraSubgraph[];
}

/**
 * A second gateway over the system's subgraphs, each behind a counting proxy, so a test can prove that an
 * operation was refused before any subgraph was called, or play a subgraph that is down or slow.
 */
export async function startProxiedGateway(system: KingaSystem, options: ProxiedGatewayOptions = {}): Promise<ProxiedGateway> {
  const sources = [
    ...Object.entries(system.subgraphs).map(([name, s]) => ({ name, url: s?.url as string, sdl: readSubgraphSchema(name) })),
    ...(options.extraSubgraphs ?? []),
  ];
  const proxies: Record<string, SubgraphProxy> = {};
  for (const source of sources) proxies[source.name] = await startSubgraphProxy(source.url);
  const port = await freePort();
  const loaded = loadGatewayConfig(testEnv(system.databaseUrl, { ...UNLIMITED_FOR_TESTS, PORT: String(port), ...options.env }));
  const config = options.configure ? options.configure(loaded) : loaded;
  const supergraph = composeSupergraph(sources.map((s) => ({ name: s.name, url: proxies[s.name].url, sdl: s.sdl })));
  const server = await createGatewayServer(config, supergraph, createLogger('gateway', process.env.TEST_LOG_LEVEL ?? 'silent'), {
    limits: options.limits,
  });
  const running: RunningServer = await server.listen(port);
  return {
    url: running.url,
    proxies,
    subgraphRequests: () => Object.values(proxies).reduce((sum, p) => sum + p.requests, 0),
    async stop() {
      await running.stop();
      await Promise.all(Object.values(proxies).map((p) => p.stop()));
    },
  };
}
