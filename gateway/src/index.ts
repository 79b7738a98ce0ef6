// First: it must run before @apollo/gateway is loaded (see the module).
import './federation-internals-exports';
export { startGateway } from './start-gateway';
export { composeSupergraph, CompositionError, type SubgraphSource } from './supergraph';
export { SUBGRAPHS, SUPERGRAPH_PATH, readSubgraphSchema, subgraphSchemaPath, type SubgraphName } from './subgraphs';
export { createGatewayServer, type GatewayContext, type GatewayServerOptions } from './create-gateway-server';
export { loadGatewayConfig, rateLimitSettings, subgraphUrls, type GatewayConfig } from './gateway.config';
export { GATEWAY_OPERATION_LIMITS } from './operation-limits';
export { RATE_LIMITED } from './rate-limit';
export { OVERLOADED } from './load-shedding';
export { SUBGRAPH_UNAVAILABLE } from './kinga-data-source';
