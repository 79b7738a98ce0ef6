import type { OperationLimits } from '@kinga/shared';

/**
 * The gateway's limits on one operation. Chosen from the operations the project documents (the e2e tests
 * and the subgraphs' schemas): the deepest legitimate read, a case with its referrals and their
 * providers' agencies, is 9 levels; a dashboard asks for a few aliased counties at once; nothing needs a
 * directive more than a handful of times. Each limit leaves headroom over that and stays far below what
 * it takes to make the planner or a subgraph do real harm. `operation-limits.spec.ts` checks every
 * documented operation against them.
 */
export const GATEWAY_OPERATION_LIMITS: OperationLimits = {
  maxDepth: 12,
  maxAliases: 30,
  maxDirectives: 20,
  maxTokens: 3000,
  // The armor multiplies a literal `first` into the cost: the documented providers page with `first: 100`
  // written literally costs about 9,100; thirty aliased copies of it (the alias limit) cost 273,000.
  maxCost: 20_000,
  maxPageSize: 100,
};
