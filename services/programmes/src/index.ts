export { programmesSubgraph } from './programmes.subgraph';
export { buildProgrammesSchema } from './programmes.schema';
