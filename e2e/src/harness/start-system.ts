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

/** Port 9 (discard) on loopback: connections are refused at once. */
const UNREACHABLE_SUBGRAPH_URL = 'http://127.0.0.1:9/graphql';

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
  /** Stops one subgraph's server (its port stays reserved for `restartSubgraph`); the gateway keeps running. */
  stopSubgraph(name: SubgraphName): Promise<void>;
  /** Starts a stopped (or running) subgraph again on the same port, as an operator restarting it would. */
  restartSubgraph(name: SubgraphName): Promise<StartedSubgraph>;
  stop(): Promise<void>;
}

export interface StartSystemOptions {
  /** Which subgraphs to start (default: all four). The supergraph is composed from these only. */
  subgraphs?: SubgraphName[];
  demoData?: boolean;
  env?: Record<string, string>;
  /**
   * Subgraphs the test runs itself (e.g. as a separate process it can kill), composed into the supergraph
   * beside the ones started here.
   */
  extraSubgraphs?: Array<{ name: string; url: string; sdl: string }>;
  /**
   * Where every process's log lines go (the gateway's and each subgraph's), e.g. a stream a test reads to
   * prove no personal data is logged; `logLevel` then defaults to `trace`. Without it, logs are silent.
   */
  logDestination?: { write(line: string): unknown };
  logLevel?: string;
}

/**
 * Tests send far more requests a minute than a person would; they opt in to rate limiting by setting
 * `RATE_LIMIT_*` in `env`.
 */
export const UNLIMITED_FOR_TESTS = {
  RATE_LIMIT_PER_MINUTE: '1000000',
  RATE_LIMIT_ANONYMOUS: '1000000',
  RATE_LIMIT_REFUSED_TOKENS: '1000000',
};

function definitionOf(name: SubgraphName): SubgraphDefinition {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const module = require(`@kinga/${name}`) as Record<string, SubgraphDefinition>;
  return module[`${name}Subgraph`];
}

/**
 * One test database, the chosen subgraphs and the gateway, in this process, on free ports. The gateway's port
 * is chosen first (the referrals subgraph is told its URL) and taken last: a test running beside this one may
 * take it meanwhile, and then the whole system is started again on another.
 */
export async function startSystem(options: StartSystemOptions = {}): Promise<KingaSystem> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await startSystemOnce(options);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt === 3) throw error;
    }
  }
}

async function startSystemOnce(options: StartSystemOptions): Promise<KingaSystem> {
  process.env.APOLLO_TELEMETRY_DISABLED = '1';
  const logger = (name: string) =>
    createLogger(
      name,
      options.logLevel ?? (options.logDestination ? 'trace' : (process.env.TEST_LOG_LEVEL ?? 'silent')),
      options.logDestination,
    );
  const names = options.subgraphs ?? SUBGRAPHS.map((s) => s.name);
  const database: TestDatabase = await createTestDatabase();
  const gatewayPort = await freePort();
  const gatewayUrl = `http://127.0.0.1:${gatewayPort}/graphql`;
  const subgraphs: Partial<Record<SubgraphName, StartedSubgraph>> = {};
  let gateway: RunningServer | undefined;

  const stopped = new Set<SubgraphName>();
  const subgraphEnv = (port?: number) =>
    testEnv(database.url, {
      DEMO_DATA: options.demoData ? 'true' : 'false',
      GATEWAY_URL: gatewayUrl,
      ...options.env,
      ...(port === undefined ? {} : { PORT: String(port) }),
    });
  const stop = async () => {
    await gateway?.stop();
    await Promise.all(
      Object.entries(subgraphs)
        .filter(([name]) => !stopped.has(name as SubgraphName))
        .map(([, s]) => s?.stop()),
    );
    await database.drop();
  };

  try {
    // Sequentially: the subgraphs migrate the same database.
    for (const name of names) {
      subgraphs[name] = await startSubgraph(definitionOf(name), subgraphEnv(), logger(name));
    }
    const env = testEnv(database.url, { ...UNLIMITED_FOR_TESTS, PORT: String(gatewayPort), ...options.env });
    const config = loadGatewayConfig(env);
    // Like the real gateway, compose every committed subgraph schema (entities such as Indicator span several);
    // a subgraph this test did not start answers nothing, as one that is down would.
    const extra = options.extraSubgraphs ?? [];
    const notStarted = SUBGRAPHS.map((s) => s.name).filter((name) => !names.includes(name) && !extra.some((e) => e.name === name));
    const supergraph = composeSupergraph([
      ...names.map((name) => ({ name, url: (subgraphs[name] as StartedSubgraph).url, sdl: readSubgraphSchema(name) })),
      ...notStarted.map((name) => ({ name, url: UNREACHABLE_SUBGRAPH_URL, sdl: readSubgraphSchema(name) })),
      ...extra,
    ]);
    const server = await createGatewayServer(config, supergraph, logger('gateway'));
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
    async stopSubgraph(name) {
      const running = subgraphs[name];
      if (!running || stopped.has(name)) return;
      stopped.add(name);
      await running.stop();
    },
    async restartSubgraph(name) {
      const previous = subgraphs[name];
      if (!previous) throw new Error(`${name} was not started by this system`);
      if (!stopped.has(name)) await previous.stop();
      const restarted = await startSubgraph(definitionOf(name), subgraphEnv(previous.port), logger(name));
      subgraphs[name] = restarted;
      stopped.delete(name);
      return restarted;
    },
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
