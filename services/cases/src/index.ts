export { casesSubgraph } from './cases.subgraph';
export { buildCasesSchema } from './cases.schema';
export { DEMO_CASES, demoCaseId, type DemoCaseSummary } from './demo/demo-cases';
