import { operationFromDocument, Supergraph } from '@apollo/federation-internals';
import { QueryPlanner, type FetchNode, type PlanNode, type QueryPlan, type SubscriptionNode } from '@apollo/query-planner';
import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { SUPERGRAPH_PATH } from './subgraphs';

/**
 * The plans the gateway makes for the committed supergraph. Each subgraph fetch is a whole HTTP and GraphQL
 * round, so how many an operation needs is its main cost (bench/NOTES.md); and which facts reach the cases
 * subgraph's rules is a permission question. Both are decided by directives, so they are checked here.
 */
const supergraph = Supergraph.build(readFileSync(SUPERGRAPH_PATH, 'utf8'));
const planner = new QueryPlanner(supergraph);

function plan(query: string): QueryPlan {
  return planner.buildQueryPlan(operationFromDocument(supergraph.schema, parse(query)));
}

/** The plan's fetches in the order the gateway starts them (parallel branches in their listed order). */
function fetchesOf(node: PlanNode | SubscriptionNode | undefined): FetchNode[] {
  if (!node) return [];
  switch (node.kind) {
    case 'Fetch':
      return [node];
    case 'Flatten':
      return fetchesOf(node.node);
    case 'Sequence':
    case 'Parallel':
      return node.nodes.flatMap(fetchesOf);
    default:
      throw new Error(`a plan node this test does not know: ${node.kind}`);
  }
}

const caseFields = 'caseNumber status child { firstName lastName } consents { basis } incidentNarrative';

describe('query plans', () => {
  it("answers a children officer's page of cases with one cases fetch: the list provides the referral parties", () => {
    const fetches = fetchesOf(
      plan(`{ cases(first: 20) { edges { node { id ${caseFields}
        referrals(first: 5) { edges { node { reference toProvider { name } } } } } } } }`).node,
    );
    expect(fetches.map((f) => f.serviceName)).toEqual(['cases', 'referrals', 'directory']);
    expect(fetches[0].operation).toContain('incidentNarrative');
    // The referrals subgraph is asked for the case's referrals only, not for parties nobody needs there.
    expect(fetches[1].operation).not.toContain('referralParties');
  });

  it("reads a subject access request's case in the request's own fetch, and hands referrals the request's status and case", () => {
    const fetches = fetchesOf(
      plan(`{ subjectAccessRequest(id: "x") { status case { id ${caseFields} } referrals { edges { node { reason } } } } }`).node,
    );
    // The referral's reason needs the case's facts (its live consents and the DPO's grant): a cases fetch for
    // them, then the reason from referrals.
    expect(fetches.map((f) => f.serviceName)).toEqual(['cases', 'referrals', 'cases', 'referrals']);
    // The grant lives on the case as the request's fetch returns it; a second cases fetch would not carry it.
    expect(fetches[0].operation).toContain('incidentNarrative');
    expect(fetches[1].requires).toBeDefined();
    expect(JSON.stringify(fetches[1].requires)).toMatch(/status[\s\S]*caseId/);
    expect(fetches[2].operation).toMatch(/liveConsents[\s\S]*subjectAccessGrant/);
    expect(fetches[2].operation).not.toContain('incidentNarrative');
    expect(JSON.stringify(fetches[3].requires)).toMatch(/liveConsents[\s\S]*subjectAccessGrant/);
  });

  it("reads a referral's OPERATIONAL fields in one fetch, and fetches the case's consents only for its free text", () => {
    expect(fetchesOf(plan(`{ referralByReference(reference: "x") { status urgency updatedAt } }`).node).map((f) => f.serviceName)).toEqual([
      'referrals',
    ]);
    const fetches = fetchesOf(plan(`{ referralByReference(reference: "x") { status reason history { note } } }`).node);
    expect(fetches.map((f) => f.serviceName)).toEqual(['referrals', 'cases', 'referrals']);
    expect(fetches[1].operation).toMatch(/liveConsents/);
  });

  it.each([
    ['openCase', 'openCase(input: $input)'],
    ['addCaseNote', 'addCaseNote(input: $input)'],
    ['recordConsent', 'recordConsent(input: $input)'],
  ])('answers %s with the case in the mutation’s own fetch: a write returns only a case the caller owns or supervises', (name, call) => {
    const inputType = `${name.charAt(0).toUpperCase()}${name.slice(1)}Input`;
    const fetches = fetchesOf(plan(`mutation($input: ${inputType}!) { ${call} { case { id ${caseFields} } } }`).node);
    expect(fetches.map((f) => f.serviceName)).toEqual(['cases']);
    expect(fetches[0].operation).toContain('incidentNarrative');
  });

  it.each([
    ['a case by id', `{ case(id: "c1") { ${caseFields} } }`],
    ['a case by number', `{ caseByNumber(caseNumber: "KE-047-2025-000001") { ${caseFields} } }`],
    ['a referral’s case', `{ referralByReference(reference: "KE-047-2025-000001") { case { ${caseFields} } } }`],
  ])('decides %s with the referral parties the referrals subgraph holds', (_name, query) => {
    const fetches = fetchesOf(plan(query).node);
    const partiesFetch = fetches.findIndex((f) => f.serviceName === 'referrals' && f.operation.includes('referralParties'));
    const caseFieldsFetch = fetches.findIndex((f) => f.serviceName === 'cases' && f.operation.includes('incidentNarrative'));
    expect(partiesFetch).toBeGreaterThanOrEqual(0);
    expect(caseFieldsFetch).toBeGreaterThan(partiesFetch);
    // The parties travel to the cases subgraph inside each case's representation.
    expect(fetches[caseFieldsFetch].requires).toBeDefined();
    expect(JSON.stringify(fetches[caseFieldsFetch].requires)).toContain('referralParties');
  });
});
