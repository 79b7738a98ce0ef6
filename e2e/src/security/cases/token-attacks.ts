import { TOKEN_REFUSED } from './direct-subgraph';
import type { SecurityCase } from './types';
import type { TokenName } from './tokens';

/** Forged, stale and tampered tokens: every one is 401 UNAUTHENTICATED, never an anonymous caller. */
const ATTACKS: Array<[TokenName, string]> = [
  ['expired', 'an expired token'],
  ['notYetValid', 'a token not yet valid (nbf in an hour)'],
  ['wrongIssuer', 'a token from another issuer'],
  ['wrongAudience', 'a token for another audience'],
  ['noExpiry', 'a token without expiry'],
  ['wrongSecret', 'a token signed with another secret'],
  ['algNone', 'alg: none'],
  ['algNoneUppercase', 'alg: NONE'],
  ['rs256Attacker', "RS256 signed with an attacker's key"],
  ['hsWithPublicKey', 'HS/RS confusion: HS256 keyed with a public key'],
  ['tamperedRole', 'a tampered role claim (ANALYST → DIRECTORY_ADMIN)'],
  ['tamperedCounties', 'a tampered counties claim (047 → national)'],
  ['tamperedExpiry', 'an expired token with its exp pushed forward'],
  ['unknownRole', 'a role that does not exist'],
  ['noSubject', 'a token without a subject'],
  ['countiesNotCodes', 'a county claim that is not a county code'],
  ['garbage', 'a string that is not a JWT'],
  ['emptySignature', 'a valid token with its signature removed'],
];

const QUERY = '{ counties { code } }';
const MUTATION = 'mutation { createAgency(input: { name: "Forged Agency", type: NGO }) { agency { id } } }';

export const TOKEN_CASES: SecurityCase[] = [
  ...ATTACKS.flatMap(([token, name]): SecurityCase[] => [
    {
      category: 'token attack',
      name: `${name}, reading public data`,
      request: { query: QUERY, token },
      expect: { status: 401, code: 'UNAUTHENTICATED' },
    },
    {
      category: 'token attack',
      name: `${name}, writing`,
      request: { query: MUTATION, token },
      expect: { status: 401, code: 'UNAUTHENTICATED' },
    },
    {
      category: 'token attack',
      name: `${name}, straight to the directory with the gateway secret`,
      request: { target: 'directory', query: QUERY, token },
      expect: { status: 401, code: 'UNAUTHENTICATED', message: TOKEN_REFUSED },
    },
  ]),
  {
    category: 'token attack',
    name: 'a 20 kB token (header too large)',
    request: { query: QUERY, token: 'oversized' },
    expect: { status: 431, code: 'NOT_JSON' },
  },
  {
    category: 'token attack',
    name: 'no token, writing',
    request: { query: MUTATION },
    expect: { status: 200, code: 'UNAUTHENTICATED', message: /Sign in/ },
  },
  {
    category: 'token attack',
    name: 'a role that may not write the directory (ANALYST)',
    request: { query: MUTATION, token: 'analyst' },
    expect: { status: 200, code: 'FORBIDDEN' },
  },
  {
    category: 'token attack',
    name: 'Basic instead of Bearer',
    request: { query: QUERY, headers: { authorization: 'Basic YWRtaW46YWRtaW4=' } },
    expect: { status: 401, code: 'UNAUTHENTICATED' },
  },
  {
    category: 'token attack',
    name: 'Bearer with nothing after it',
    request: { query: QUERY, headers: { authorization: 'Bearer ' } },
    expect: { status: 401, code: 'UNAUTHENTICATED' },
  },
  {
    category: 'token attack',
    name: 'two bearer tokens',
    request: { query: QUERY, headers: { authorization: 'Bearer a.b.c Bearer d.e.f' } },
    expect: { status: 401, code: 'UNAUTHENTICATED' },
  },
];
