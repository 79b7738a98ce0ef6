import 'reflect-metadata';
import { runSubgraphMain } from '@kinga/shared';
import { casesSubgraph } from './cases.subgraph';

runSubgraphMain(casesSubgraph);
