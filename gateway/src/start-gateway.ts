import { createLogger, type Logger, type RunningServer } from '@kinga/shared';
import { loadGatewayConfig, subgraphUrls } from './gateway.config';
import { createGatewayServer } from './create-gateway-server';
import { readSubgraphSchema, SUBGRAPHS } from './subgraphs';
import { composeSupergraph } from './supergraph';

/** Reads config, composes the committed subgraph schemas and listens. Used by `main.ts` and by tests. */
export async function startGateway(
  env: NodeJS.ProcessEnv = process.env,
  logger: Logger = createLogger('gateway', env.LOG_LEVEL),
): Promise<RunningServer> {
  process.env.APOLLO_TELEMETRY_DISABLED = '1';
  const config = loadGatewayConfig(env);
  const urls = subgraphUrls(config);
  const supergraphSdl = composeSupergraph(SUBGRAPHS.map(({ name }) => ({ name, url: urls[name], sdl: readSubgraphSchema(name) })));
  const server = await createGatewayServer(config, supergraphSdl, logger);
  const running = await server.listen(config.PORT, config.HOST);
  logger.info({ url: running.url }, 'gateway ready');
  return running;
}
