import 'reflect-metadata';
import { runSubgraphMain } from '@kinga/shared';
import { programmesSubgraph } from './programmes.subgraph';

runSubgraphMain(programmesSubgraph);
