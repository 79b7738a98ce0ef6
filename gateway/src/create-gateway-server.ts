import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import {
  authenticate,
  createErrorMasker,
  createTokenVerifier,
  GATEWAY_SECRET_HEADER,
  jsonErrorHandler,
  locals,
  MAX_BODY_BYTES,
  REQUEST_ID_HEADER,
  requestScope,
  type Caller,
  type Logger,
  type RunningServer,
} from '@kinga/shared';
import express from 'express';
import type { GatewayConfig } from './gateway.config';

export interface GatewayContext {
  caller: Caller | null;
  requestId: string;
  /** Forwarded unchanged: each subgraph verifies the caller again. */
  authorization?: string;
}

/** Adds the caller's token, the gateway secret and the request id to every subgraph request, with a timeout. */
class KingaDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    url: string,
    private readonly secret: string,
    timeoutMs: number,
  ) {
    super({
      url,
      fetcher: ((input: string, init?: RequestInit) => fetch(input, { ...init, signal: AbortSignal.timeout(timeoutMs) })) as never,
    });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const headers = request.http?.headers;
    if (!headers) return;
    headers.set(GATEWAY_SECRET_HEADER, this.secret);
    if ('requestId' in context && context.requestId) headers.set(REQUEST_ID_HEADER, context.requestId);
    if ('authorization' in context && context.authorization) headers.set('authorization', context.authorization);
  }
}

export interface GatewayServer {
  app: express.Express;
  listen(port: number, host?: string): Promise<RunningServer>;
}

export async function createGatewayServer(config: GatewayConfig, supergraphSdl: string, logger: Logger): Promise<GatewayServer> {
  const app = express();
  app.disable('x-powered-by');
  const httpServer = createServer(app);
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ url }) => new KingaDataSource(url as string, config.SUBGRAPH_SECRET, config.SUBGRAPH_TIMEOUT_MS),
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: config.introspection,
    includeStacktraceInErrorResponses: false,
    formatError: createErrorMasker(logger),
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ...(config.introspection ? [] : [ApolloServerPluginLandingPageDisabled()]),
    ],
  });
  await apollo.start();

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', service: 'gateway' });
  });
  app.get('/ready', (_req, res) => {
    res.json({ status: 'ready', service: 'gateway' });
  });
  app.use(
    '/graphql',
    express.json({ limit: MAX_BODY_BYTES }),
    requestScope(),
    authenticate(createTokenVerifier(config), logger),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const { caller, requestId } = locals(res);
        return { caller, requestId, authorization: caller ? req.header('authorization') : undefined };
      },
    }),
  );
  app.use(jsonErrorHandler(logger));

  return {
    app,
    listen: (port, host = '127.0.0.1') =>
      new Promise<RunningServer>((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => {
          const actualPort = (httpServer.address() as AddressInfo).port;
          resolve({ url: `http://${host}:${actualPort}/graphql`, port: actualPort, stop: () => apollo.stop() });
        });
      }),
  };
}
