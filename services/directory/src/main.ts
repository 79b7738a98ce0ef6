import 'reflect-metadata';
import { runSubgraphMain } from '@kinga/shared';
import { directorySubgraph } from './directory.subgraph';

runSubgraphMain(directorySubgraph);
