import { TEST_JWT_SECRET, TEST_SUBGRAPH_SECRET } from '@kinga/shared/testing';
import type { SecurityCase, Target } from './types';

/** Calls that skip the gateway: without its exact secret a subgraph answers 401, whatever else is sent. */
const QUERY = '{ counties { code } }';
const ENTITIES =
  '{ _entities(representations: [{ __typename: "Agency", id: "00000000-0000-0000-0000-000000000000" }]) { ... on Agency { name } } }';
const SECRETS: Array<[string | null, string]> = [
  [null, 'no gateway secret'],
  ['', 'an empty gateway secret'],
  ['wrong-secret-0123456789-abcdefgh', 'a wrong gateway secret'],
  [TEST_SUBGRAPH_SECRET.slice(0, -1), 'the secret minus its last character'],
  [`${TEST_SUBGRAPH_SECRET}x`, 'the secret plus a character'],
  [TEST_SUBGRAPH_SECRET.toUpperCase(), 'the secret in upper case'],
  [TEST_JWT_SECRET, 'the JWT secret instead of the gateway secret'],
];

const SERVICE = '{ _service { sdl } }';

/**
 * What `authenticate` says about a token that fails verification (as opposed to a request without the gateway's
 * secret), or a genuine one whose claims are not a caller's (it names the claim, never its value).
 */
export const TOKEN_REFUSED = /token is invalid or expired|token's claims are not those of a Kinga caller \([a-zA-Z.0-9]+: /;

export const DIRECT_SUBGRAPH_CASES: SecurityCase[] = [
  ...SECRETS.flatMap(([gatewaySecret, name]): SecurityCase[] => [
    {
      category: 'direct subgraph call',
      name: `${name}, anonymous`,
      request: { target: 'directory', query: QUERY, gatewaySecret },
      expect: { status: 401, code: 'UNAUTHENTICATED', message: /answers only the Kinga gateway/ },
    },
    {
      category: 'direct subgraph call',
      name: `${name}, with a valid admin token`,
      request: { target: 'directory', query: QUERY, gatewaySecret, token: 'admin' },
      expect: { status: 401, code: 'UNAUTHENTICATED', message: /answers only the Kinga gateway/ },
    },
    {
      category: 'direct subgraph call',
      name: `${name}, _entities`,
      request: { target: 'directory', query: ENTITIES, gatewaySecret },
      expect: { status: 401, code: 'UNAUTHENTICATED' },
    },
  ]),
  {
    category: 'direct subgraph call',
    name: 'the secret in another header',
    request: { target: 'directory', query: QUERY, gatewaySecret: null, headers: { 'x-kinga-gateway-secret': TEST_SUBGRAPH_SECRET } },
    expect: { status: 401, code: 'UNAUTHENTICATED' },
  },
  {
    category: 'direct subgraph call',
    name: 'the secret as a bearer token',
    request: { target: 'directory', query: QUERY, gatewaySecret: null, headers: { authorization: `Bearer ${TEST_SUBGRAPH_SECRET}` } },
    expect: { status: 401, code: 'UNAUTHENTICATED' },
  },
];

/** The same walls around every other subgraph of the system: no secret, a wrong one, a forged token. */
export function directCallsTo(subgraph: Exclude<Target, 'gateway' | 'production-gateway'>): SecurityCase[] {
  const refused = { status: 401, code: 'UNAUTHENTICATED' };
  return [
    ...SECRETS.map(([gatewaySecret, name]) => ({
      category: 'direct subgraph call',
      name: `${subgraph}: ${name}, with a valid admin token`,
      request: { target: subgraph, query: SERVICE, gatewaySecret, token: 'admin' as const },
      expect: { ...refused, message: /answers only the Kinga gateway/ },
    })),
    ...(['expired', 'algNone', 'hsWithPublicKey', 'tamperedRole', 'wrongAudience', 'wrongSecret'] as const).map((token) => ({
      category: 'token attack',
      name: `${subgraph}: ${token} token, with the gateway secret`,
      request: { target: subgraph, query: SERVICE, token },
      // The token's refusal, not the gateway secret's: otherwise a missing secret would pass these rows too.
      expect: { ...refused, message: TOKEN_REFUSED },
    })),
  ];
}
