import 'reflect-metadata';
import { runSubgraphMain } from '@kinga/shared';
import { referralsSubgraph } from './referrals.subgraph';

runSubgraphMain(referralsSubgraph);
