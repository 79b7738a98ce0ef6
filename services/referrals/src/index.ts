export { referralsSubgraph } from './referrals.subgraph';
export { buildReferralsSchema } from './referrals.schema';
