import { createServer, type Server } from 'node:http';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import type { GraphQLSchema } from 'graphql';
import type { TokenVerifier } from '../auth/token-verifier';
import { pendingMigrations, type SubgraphDataSource } from '../database/data-source';
import { afterEachCommittedWrite, dataSourceForRequest, type RequestScope } from '../context/request-context';
import { forgetCachedReads } from '../context/request-loaders';
import { maskError, unexpectedErrorLogging } from '../errors/format-error';
import type { Logger } from '../logging/logger';
import { auditAndLogPlugin } from './audit-plugin';
import {
  authenticate,
  createKingaApp,
  handlerChain,
  jsonErrorHandler,
  listenOnLoopback,
  locals,
  requestScope,
  requireGatewaySecret,
} from './http';
import { createBaseContext, type SubgraphContext } from './subgraph-context';
import type { GatewayClient } from './gateway-client';
import { isCallersMalformedInput, knownFaultsAsClientErrors, refuseNulCharacters } from './hostile-input';
import { sqlStatementsHeader } from './sql-statements-header';
import {
  entityRepresentationLimitPlugin,
  MAX_ENTITY_REPRESENTATIONS,
  operationLimitProtection,
  runnableOperationPlugin,
  SUBGRAPH_OPERATION_LIMITS,
  tokenLimitMiddleware,
  type OperationLimits,
} from './operation-limits';

/** What a client may send the gateway. */
export const MAX_BODY_BYTES = '256kb';

/**
 * What the gateway may send a subgraph: an `_entities` call carries up to `MAX_ENTITY_REPRESENTATIONS`
 * representations, a case's with its referral parties about 300 bytes each.
 */
export const MAX_SUBGRAPH_BODY_BYTES = '4mb';

export interface SubgraphServerOptions<Ctx extends SubgraphContext> {
  name: string;
  schema: GraphQLSchema;
  database: SubgraphDataSource;
  verifyToken: TokenVerifier;
  gatewaySecret: string;
  /** The gateway, for a write's checks of other subgraphs' records; shared by every request. */
  gateway: GatewayClient;
  introspection: boolean;
  logger: Logger;
  /** Adds the service's per-request loaders to the base context (built on `base.db`, so their statements count). */
  extendContext: (base: SubgraphContext) => Ctx;
  /** Overrides `SUBGRAPH_OPERATION_LIMITS` (depth, aliases, directives, tokens, cost). */
  limits?: Partial<OperationLimits>;
  /** Default `MAX_ENTITY_REPRESENTATIONS` (100). */
  maxEntityRepresentations?: number;
}

export interface RunningServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export interface SubgraphServer {
  app: express.Express;
  listen(port: number, host?: string): Promise<RunningServer>;
}

/** Builds (but does not start) a subgraph's HTTP server; `main.ts` decides where it listens. */
export async function createSubgraphServer<Ctx extends SubgraphContext>(options: SubgraphServerOptions<Ctx>): Promise<SubgraphServer> {
  const { database, logger } = options;
  const app = createKingaApp();
  const httpServer: Server = createServer(app);
  const limits: OperationLimits = { ...SUBGRAPH_OPERATION_LIMITS, ...options.limits };
  const protection = operationLimitProtection(limits);

  const apollo = new ApolloServer<Ctx>({
    schema: options.schema,
    introspection: options.introspection,
    includeStacktraceInErrorResponses: false,
    // The process's main owns SIGINT and SIGTERM (`exitAfterStopOnSignal`). Apollo's own handlers would call
    // stop() beside it, and a second stop() during a first waits on a promise Apollo resolves only on failure.
    stopOnTerminationSignals: false,
    formatError: knownFaultsAsClientErrors(maskError),
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    // The gateway sends whole operations; nothing needs an automatic-persisted-query cache.
    persistedQueries: false,
    validationRules: protection.validationRules,
    plugins: [
      ...(protection.plugins as ApolloServerPlugin<Ctx>[]),
      entityRepresentationLimitPlugin(options.maxEntityRepresentations ?? MAX_ENTITY_REPRESENTATIONS) as ApolloServerPlugin<Ctx>,
      runnableOperationPlugin() as ApolloServerPlugin<Ctx>,
      ApolloServerPluginLandingPageDisabled(),
      // Traces carry field timings to whoever asks through the gateway; nothing here needs them.
      ApolloServerPluginInlineTraceDisabled(),
      // No answer here may be cached by anyone, and the cache-control plugin's per-field hook wrapped every
      // resolver: a quarter of the time and half the memory of a 16,000-cell statistics table (BENCHMARKS.md).
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      auditAndLogPlugin(database.schema, logger),
      unexpectedErrorLogging(logger, { isClientFault: isCallersMalformedInput }) as ApolloServerPlugin<Ctx>,
    ],
  });
  await apollo.start();

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', service: options.name });
  });
  // Once this process has found its migrations run, they stay run (new ones come with a new process): the
  // probe then costs one statement of the pool that serves requests, not the migration table's reads each time.
  let migrated = false;
  app.get('/ready', async (_req, res) => {
    try {
      await database.dataSource.query('SELECT 1');
      const pending = migrated ? false : await pendingMigrations(database.dataSource);
      migrated = !pending;
      res.status(pending ? 503 : 200).json({ status: pending ? 'migrations pending' : 'ready', service: options.name });
    } catch {
      res.status(503).json({ status: 'database unreachable', service: options.name });
    }
  });
  app.use(
    '/graphql',
    handlerChain(
      requireGatewaySecret(options.gatewaySecret),
      express.json({ limit: MAX_SUBGRAPH_BODY_BYTES }),
      tokenLimitMiddleware(limits.maxTokens),
      refuseNulCharacters(),
      requestScope(),
      sqlStatementsHeader(),
      authenticate(options.verifyToken, logger),
      expressMiddleware(apollo, {
        context: async ({ req, res }) => {
          const { caller, scope } = locals(res);
          const requestScope = scope as RequestScope;
          const base = createBaseContext(
            caller,
            requestScope,
            logger,
            database.schema,
            dataSourceForRequest(database.dataSource, requestScope),
            options.gateway,
          );
          // Only a verified caller's token is kept, so a forwarded check cannot run as someone unverified.
          if (caller) base.authorization = req.header('authorization');
          const context = options.extendContext(base);
          // Each subgraph's context keeps its per-request loaders under `loaders`.
          const { loaders } = context as SubgraphContext & { loaders?: object };
          if (loaders) afterEachCommittedWrite(requestScope, () => forgetCachedReads(loaders));
          return context;
        },
      }),
    ),
  );
  app.use(jsonErrorHandler(logger));

  return {
    app,
    listen: (port, host = '127.0.0.1') => listenOnLoopback(httpServer, port, host, () => apollo.stop()),
  };
}
