import {
  composeSupergraph,
  createGatewayServer,
  loadGatewayConfig,
  readSubgraphSchema,
  SUBGRAPHS,
  type SubgraphName,
} from '@kinga/gateway';
import {
  createLogger,
  startSubgraph,
  type CallerClaims,
  type RunningServer,
  type StartedSubgraph,
  type SubgraphDefinition,
} from '@kinga/shared';
import {
  createTestDatabase,
  freePort,
  postGraphql,
  testEnv,
  testToken,
  type RawGraphqlResponse,
  type TestDatabase,
} from '@kinga/shared/testing';
import { GraphQLClient } from 'graphql-request';

export interface KingaSystem {
  gatewayUrl: string;
  subgraphs: Partial<Record<SubgraphName, StartedSubgraph>>;
  databaseUrl: string;
  /** A signed development token with these claims. */
  token(claims: CallerClaims): string;
  /** Posts through the gateway and returns status and body as they are (errors included). */
  request<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, token?: string): Promise<RawGraphqlResponse<T>>;
  /** A graphql-request client through the gateway, as a client application would use. */
  client(token?: string): GraphQLClient;
  /** SQL statements each subgraph has sent so far: read before and after an operation to count its cost. */
  sqlStatements(): Record<string, number>;
  stop(): Promise<void>;
}

export interface StartSystemOptions {
  /** Which subgraphs to start (default: all four). The supergraph is composed from these only. */
  subgraphs?: SubgraphName[];
  demoData?: boolean;
  env?: Record<string, string>;
}

function definitionOf(name: SubgraphName): SubgraphDefinition {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const module = require(`@kinga/${name}`) as Record<string, SubgraphDefinition>;
  return module[`${name}Subgraph`];
}

/** One test database, the chosen subgraphs and the gateway, in this process, on free ports. */
export async function startSystem(options: StartSystemOptions = {}): Promise<KingaSystem> {
  process.env.APOLLO_TELEMETRY_DISABLED = '1';
  const names = options.subgraphs ?? SUBGRAPHS.map((s) => s.name);
  const database: TestDatabase = await createTestDatabase();
  const gatewayPort = await freePort();
  const gatewayUrl = `http://127.0.0.1:${gatewayPort}/graphql`;
  const subgraphs: Partial<Record<SubgraphName, StartedSubgraph>> = {};
  let gateway: RunningServer | undefined;

  const stop = async () => {
    await gateway?.stop();
    await Promise.all(Object.values(subgraphs).map((s) => s?.stop()));
    await database.drop();
  };

  try {
    // Sequentially: the subgraphs migrate the same database.
    for (const name of names) {
      subgraphs[name] = await startSubgraph(
        definitionOf(name),
        testEnv(database.url, { DEMO_DATA: options.demoData ? 'true' : 'false', GATEWAY_URL: gatewayUrl, ...options.env }),
        createLogger(name, process.env.TEST_LOG_LEVEL ?? 'silent'),
      );
    }
    const env = testEnv(database.url, { PORT: String(gatewayPort), ...options.env });
    const config = loadGatewayConfig(env);
    const supergraph = composeSupergraph(
      names.map((name) => ({ name, url: (subgraphs[name] as StartedSubgraph).url, sdl: readSubgraphSchema(name) })),
    );
    const server = await createGatewayServer(config, supergraph, createLogger('gateway', process.env.TEST_LOG_LEVEL ?? 'silent'));
    gateway = await server.listen(gatewayPort);
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    gatewayUrl,
    subgraphs,
    databaseUrl: database.url,
    token: (claims) => testToken(claims),
    request: (query, variables = {}, token) => postGraphql(gatewayUrl, query, variables, { token, gatewaySecret: null }),
    client: (token) => new GraphQLClient(gatewayUrl, { headers: token ? { authorization: `Bearer ${token}` } : {} }),
    sqlStatements: () => Object.fromEntries(Object.entries(subgraphs).map(([name, s]) => [name, s?.database.sqlCounter.total ?? 0])),
    stop,
  };
}

/** Runs `operation` and returns how many SQL statements each subgraph sent for it. */
export async function countSqlStatements(system: KingaSystem, operation: () => Promise<unknown>): Promise<Record<string, number>> {
  const before = system.sqlStatements();
  await operation();
  const after = system.sqlStatements();
  return Object.fromEntries(Object.keys(after).map((name) => [name, after[name] - (before[name] ?? 0)]));
}
