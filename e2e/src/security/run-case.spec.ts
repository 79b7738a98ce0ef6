import { TEST_SUBGRAPH_SECRET } from '@kinga/shared/testing';
import { leaksIn } from './run-case';

const outcome = (text: string) => ({ status: 200, code: null, message: null, text });

describe('the leak check of the security suite', () => {
  it.each([
    ['a stack frame', '{"errors":[{"message":"x    at Object.resolve (/srv/app/dist/case.js:10:5)"}]}'],
    ['a stack trace field', '{"errors":[{"message":"x","extensions":{"stacktrace":["Error"]}}]}'],
    ['SQL text or a driver error', '{"errors":[{"message":"syntax error at or near \\"OR\\""}]}'],
    ['the gateway secret', `{"errors":[{"message":"${TEST_SUBGRAPH_SECRET}"}]}`],
    ['a subgraph address', '{"errors":[{"message":"request to http://127.0.0.1:4002/graphql failed, ECONNREFUSED"}]}'],
    ["a child's personal data", '{"data":{"child":{"lastName":"Wanjiru-Test","birthCertificateNumber":"DEMO-BC-004211"}}}'],
  ])('finds %s', (what, text) => {
    expect(leaksIn(outcome(text), {})).toContain(what);
  });

  it('does not count the caller’s own hostile input, echoed back, as a leak', () => {
    const payload = "' UNION SELECT usename FROM pg_shadow --";
    const text = JSON.stringify({ data: { createAgency: { agency: { name: payload } } } });
    expect(leaksIn(outcome(text), { variables: { i: { name: payload } } })).toEqual([]);
    expect(leaksIn(outcome(text), {})).toEqual(['SQL text or a driver error']);
  });
});
