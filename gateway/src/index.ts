export { startGateway } from './start-gateway';
export { composeSupergraph, CompositionError, type SubgraphSource } from './supergraph';
export { SUBGRAPHS, SUPERGRAPH_PATH, readSubgraphSchema, subgraphSchemaPath, type SubgraphName } from './subgraphs';
export { createGatewayServer, type GatewayContext } from './create-gateway-server';
export { loadGatewayConfig, subgraphUrls, type GatewayConfig } from './gateway.config';
