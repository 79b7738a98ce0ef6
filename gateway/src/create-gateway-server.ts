import { createServer } from 'node:http';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import {
  answerSizeLimitPlugin,
  MAX_ANSWER_SIZE,
  authenticate,
  cacheVerifiedTokens,
  createKingaApp,
  createTokenVerifier,
  handlerChain,
  jsonErrorHandler,
  listSizeLimitPlugin,
  MAX_LIST_ITEMS,
  locals,
  MAX_BODY_BYTES,
  operationLimitProtection,
  refuseNulCharacters,
  runnableOperationPlugin,
  pageSizeLimitPlugin,
  listenOnLoopback,
  requestScope,
  secretsMatch,
  GATEWAY_SECRET_HEADER,
  tokenLimitMiddleware,
  unexpectedErrorLogging,
  type OperationLimits,
  type Logger,
  type RunningServer,
} from '@kinga/shared';
import express, { type Request } from 'express';
import { rateLimitSettings, subgraphSecrets, type GatewayConfig } from './gateway.config';
import { createGatewayErrorFormatter, savedWritePlugin } from './gateway-errors';
import { KingaDataSource, type GatewayContext } from './kinga-data-source';
import { GATEWAY_OPERATION_LIMITS } from './operation-limits';
import { bodyReadingLimit, keepsSlotUntilDone, loadShedding } from './load-shedding';
import { inaccessibleFieldNames, reservedResponseKeys } from './reserved-response-keys';
import { rateLimitMiddleware, refusedTokenLimit } from './rate-limit';

export type { GatewayContext } from './kinga-data-source';

/** How long a request may take to arrive, headers and body. */
export const REQUEST_ARRIVAL_MS = 20_000;

export interface GatewayServer {
  app: express.Express;
  listen(port: number, host?: string): Promise<RunningServer>;
}

export interface GatewayServerOptions {
  /** Overrides the operation limits (tests use it to prove a limit is what refuses an operation). */
  limits?: Partial<OperationLimits>;
}

export async function createGatewayServer(
  config: GatewayConfig,
  supergraphSdl: string,
  logger: Logger,
  options: GatewayServerOptions = {},
): Promise<GatewayServer> {
  const app = createKingaApp();
  app.set('trust proxy', config.TRUST_PROXY ?? false);
  // Timeouts are checked every 2 s (Node's default, 30 s, would let a request outlive its deadline by as much).
  const httpServer = createServer({ connectionsCheckingInterval: 2_000 }, app);
  // A request has this long to arrive whole (Node's default is five minutes): a client trickling a body
  // holds a socket and a parser, and no more than that.
  httpServer.requestTimeout = REQUEST_ARRIVAL_MS;
  httpServer.headersTimeout = Math.min(httpServer.headersTimeout, REQUEST_ARRIVAL_MS);
  const limits: OperationLimits = { ...GATEWAY_OPERATION_LIMITS, ...options.limits };
  const secrets = subgraphSecrets(config);
  const rateLimits = rateLimitSettings(config);
  const verifyToken = cacheVerifiedTokens(createTokenVerifier(config));
  const showsSubgraphSecret = (req: Request) =>
    Object.values(secrets).some((secret) => secretsMatch(req.header(GATEWAY_SECRET_HEADER), secret));
  const refusedTokens = refusedTokenLimit(rateLimits, verifyToken.knows, showsSubgraphSecret);
  const protection = operationLimitProtection(limits);
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) =>
      new KingaDataSource(name, url as string, secrets[name] ?? config.SUBGRAPH_SECRET, config.SUBGRAPH_TIMEOUT_MS, logger),
  });
  // Production never shows the landing page, even if someone turns introspection on for a debugging session.
  const landingPage = config.introspection && config.NODE_ENV !== 'production';
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: config.introspection,
    includeStacktraceInErrorResponses: false,
    // The process's main owns SIGINT and SIGTERM (`exitAfterStopOnSignal`). Apollo's own handlers would call
    // stop() beside it, and a second stop() during a first waits on a promise Apollo resolves only on failure.
    stopOnTerminationSignals: false,
    formatError: createGatewayErrorFormatter(),
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    // Clients send whole operations; an automatic-persisted-query cache is only a place to stuff garbage.
    persistedQueries: false,
    validationRules: [...protection.validationRules, reservedResponseKeys(inaccessibleFieldNames(supergraphSdl))],
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ...(landingPage ? [] : [ApolloServerPluginLandingPageDisabled()]),
      ...(protection.plugins as ApolloServerPlugin<GatewayContext>[]),
      pageSizeLimitPlugin(limits.maxPageSize) as ApolloServerPlugin<GatewayContext>,
      answerSizeLimitPlugin(MAX_ANSWER_SIZE) as ApolloServerPlugin<GatewayContext>,
      listSizeLimitPlugin(MAX_LIST_ITEMS) as ApolloServerPlugin<GatewayContext>,
      runnableOperationPlugin() as ApolloServerPlugin<GatewayContext>,
      unexpectedErrorLogging(logger) as ApolloServerPlugin<GatewayContext>,
      savedWritePlugin<GatewayContext>(),
    ],
  });
  await apollo.start();
  let ready = true;

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', service: 'gateway' });
  });
  // The supergraph is composed and loaded once `apollo.start()` has returned; not ready again while draining.
  app.get('/ready', (_req, res) => {
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'stopping', service: 'gateway' });
  });
  app.use(
    '/graphql',
    handlerChain(
      bodyReadingLimit(2 * config.GATEWAY_MAX_IN_FLIGHT),
      express.json({ limit: MAX_BODY_BYTES }),
      // A slot is taken once the body is in: clients trickling bodies cannot hold every slot and turn everyone
      // else away as OVERLOADED, before any rate limit has seen them.
      loadShedding(config.GATEWAY_MAX_IN_FLIGHT),
      // A subgraph's own check through the gateway (createReferral) shows that subgraph's secret.
      requestScope(showsSubgraphSecret),
      refusedTokens.beforeAuthentication,
      authenticate(verifyToken, logger),
      refusedTokens.afterAuthentication,
      rateLimitMiddleware(rateLimits),
      tokenLimitMiddleware(limits.maxTokens),
      refuseNulCharacters(),
      keepsSlotUntilDone(
        expressMiddleware(apollo, {
          context: async ({ req, res }) => {
            const { caller, requestId } = locals(res);
            return { caller, requestId, authorization: caller ? req.header('authorization') : undefined };
          },
        }),
      ),
    ),
  );
  app.use(jsonErrorHandler(logger));

  return {
    app,
    listen: (port, host = '127.0.0.1') =>
      listenOnLoopback(httpServer, port, host, async () => {
        ready = false;
        await apollo.stop();
      }),
  };
}
