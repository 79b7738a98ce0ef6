export { directorySubgraph } from './directory.subgraph';
export { buildDirectorySchema } from './directory.schema';
