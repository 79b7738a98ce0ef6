import type { SecurityCase } from './types';

/** Abusive operation shapes: each is refused by a limit at the gateway with 400, before any subgraph call. */

const nest = (depth: number, leaf = 'code') => `{ ${'a { '.repeat(depth - 1)}${leaf}${' }'.repeat(depth - 1)} }`;
const aliases = (n: number, field = 'counties { code }') => `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')} }`;
/** A chain of fragments, each adding one level: depth hidden behind spreads. */
const fragmentChain = (levels: number) =>
  `{ serviceProviders { ...F0 } }\n` +
  Array.from(
    { length: levels },
    (_, i) => `fragment F${i} on ServiceProviderConnection { edges { node { id } } pageInfo { ...F${i + 1} } }`,
  )
    .join('\n')
    .replace(`...F${levels}`, 'hasNextPage');
/** The "billion laughs" of GraphQL: every fragment spreads the next one twice. */
const fragmentBomb = (levels: number) =>
  `{ counties { ...B0 } }\n` +
  Array.from({ length: levels }, (_, i) => `fragment B${i} on County { code ...B${i + 1} ...B${i + 1} }`).join('\n') +
  `\nfragment B${levels} on County { name }`;
const directives = (n: number, name = 'include(if: true)') => `{ counties { code ${`@${name} `.repeat(n)} } }`;
const fields = (n: number) => `{ counties { ${'code '.repeat(n)} } }`;
const literalList = (n: number) => `{ serviceProviders(filter: { services: [${'LEGAL_AID '.repeat(n)}] }) { totalCount } }`;

const VALIDATION = 'GRAPHQL_VALIDATION_FAILED';
const refused = (message: RegExp) => ({ status: 400, code: VALIDATION, message });

export const OPERATION_CASES: SecurityCase[] = [
  // Deep nesting.
  ...[13, 20].map((depth) => ({
    category: 'deep nesting',
    name: `selection nested ${depth} levels`,
    request: { query: nest(depth) },
    expect: refused(/depth limit of 12 exceeded/),
  })),
  // Deeper still, the cost (which grows with depth) is over its limit too, and the armor reports it first.
  ...[50, 100, 400].map((depth) => ({
    category: 'deep nesting',
    name: `selection nested ${depth} levels`,
    request: { query: nest(depth) },
    expect: refused(/Query Cost limit of 20000 exceeded/),
  })),
  {
    category: 'deep nesting',
    name: 'selection nested 2,000 levels',
    request: { query: nest(2000) },
    expect: refused(/Token limit of 3000 exceeded/),
  },
  {
    category: 'deep nesting',
    name: 'depth hidden in a chain of 10 fragments',
    request: { query: fragmentChain(10) },
    expect: refused(/Query Cost limit of 20000 exceeded/),
  },
  {
    category: 'deep nesting',
    name: 'depth hidden in a chain of 40 fragments',
    request: { query: fragmentChain(40) },
    expect: refused(/Query Cost limit of 20000 exceeded/),
  },
  {
    category: 'deep nesting',
    name: 'depth hidden in nested inline fragments',
    request: { query: `{ counties { ${'... on County { '.repeat(30)}code${' }'.repeat(30)} } }` },
    expect: refused(/Query Cost limit of 20000 exceeded/),
  },
  {
    category: 'deep nesting',
    name: 'deeply nested input object',
    request: { query: `{ agencies(filter: ${'{ text: '.repeat(200)}"x"${' }'.repeat(200)}) { totalCount } }` },
    expect: { status: 400, code: VALIDATION },
  },

  // Alias bombs.
  ...[31, 100, 450].map((n) => ({
    category: 'alias bomb',
    name: `${n} aliases of counties`,
    request: { query: aliases(n) },
    expect: refused(/Aliases limit of 30 exceeded/),
  })),
  {
    category: 'alias bomb',
    name: '1,000 aliases (over the token limit first)',
    request: { query: aliases(1000) },
    expect: refused(/Token limit of 3000 exceeded/),
  },
  {
    category: 'alias bomb',
    name: '31 aliases of a full page of providers',
    request: { query: aliases(31, 'serviceProviders(first: 100) { edges { node { id name } } }') },
    expect: refused(/Query Cost limit of 20000 exceeded, found 50375/),
  },
  {
    category: 'alias bomb',
    name: '30 aliases (within the limit) of a full page each: refused by cost',
    request: { query: aliases(30, 'serviceProviders(first: 100) { edges { node { id name agency { name } county { name } } } }') },
    expect: refused(/Query Cost limit of 20000 exceeded/),
  },
  {
    category: 'alias bomb',
    name: 'aliases spread across nested selections',
    request: { query: `{ counties { ${Array.from({ length: 40 }, (_, i) => `c${i}: code`).join(' ')} } }` },
    expect: refused(/Aliases limit of 30 exceeded/),
  },
  {
    category: 'alias bomb',
    name: 'aliases hidden in a fragment',
    request: { query: `{ counties { ...A } } fragment A on County { ${Array.from({ length: 40 }, (_, i) => `n${i}: name`).join(' ')} }` },
    expect: refused(/Aliases limit of 30 exceeded/),
  },

  // Fragment bombs and recursive fragments.
  ...[10, 16, 24].map((levels) => ({
    category: 'fragment bomb',
    name: `fragments doubling ${levels} times (${2 ** levels} expansions)`,
    request: { query: fragmentBomb(levels) },
    expect: refused(/limit of \d+ exceeded/),
  })),
  {
    category: 'recursive fragment',
    name: 'a fragment spreading itself',
    request: { query: `{ counties { ...A } } fragment A on County { code ...A }` },
    expect: refused(/Cannot spread fragment "A" within itself/),
  },
  {
    category: 'recursive fragment',
    name: 'two fragments spreading each other',
    request: { query: `{ counties { ...A } } fragment A on County { code ...B } fragment B on County { name ...A }` },
    expect: refused(/Cannot spread fragment "A" within itself via "B"/),
  },
  {
    category: 'recursive fragment',
    name: 'a cycle of ten fragments',
    request: {
      query: `{ counties { ...F0 } } ${Array.from({ length: 10 }, (_, i) => `fragment F${i} on County { code ...F${(i + 1) % 10} }`).join(' ')}`,
    },
    expect: refused(/Query Cost limit of 20000 exceeded/),
  },
  {
    category: 'recursive fragment',
    name: 'a fragment spread that names no fragment',
    request: { query: `{ counties { ...Missing } }` },
    expect: refused(/Unknown fragment "Missing"/),
  },
  {
    category: 'recursive fragment',
    name: 'an unused fragment',
    request: { query: `{ counties { code } } fragment U on County { code }` },
    expect: refused(/Fragment "U" is never used/),
  },
  {
    category: 'recursive fragment',
    name: 'a fragment on the wrong type',
    request: { query: `{ counties { ...A } } fragment A on Agency { id }` },
    expect: refused(/cannot be spread here/),
  },

  // Directives.
  {
    category: 'directive flood',
    name: '500 @include directives on one field',
    request: { query: directives(500) },
    expect: refused(/Token limit of 3000 exceeded/),
  },
  ...[21, 100].map((n) => ({
    category: 'directive flood',
    name: `${n} @include directives on one field`,
    request: { query: directives(n) },
    expect: refused(/Directives limit of 20 exceeded/),
  })),
  {
    category: 'directive flood',
    name: '25 @skip directives spread over fields',
    request: { query: `{ counties { ${Array.from({ length: 25 }, (_, i) => `c${i % 5}: code @skip(if: false)`).join(' ')} } }` },
    expect: refused(/limit of \d+ exceeded/),
  },
  {
    category: 'directive flood',
    name: 'an unknown directive',
    request: { query: `{ counties { code @deprecated } }` },
    expect: refused(/may not be used on FIELD/),
  },
  {
    category: 'directive flood',
    name: 'a made-up directive',
    request: { query: `{ counties { code @debug(level: 9) } }` },
    expect: refused(/Unknown directive "@debug"/),
  },

  // Tokens.
  {
    category: 'token flood',
    name: '3,001 repeated fields',
    request: { query: fields(3001) },
    expect: refused(/Token limit of 3000 exceeded/),
  },
  {
    category: 'token flood',
    name: '20,000 repeated fields',
    request: { query: fields(20_000) },
    expect: refused(/Token limit of 3000 exceeded/),
  },
  {
    category: 'token flood',
    name: '5,000 commas between two fields',
    request: { query: `{ counties { code ${','.repeat(5000)} name } }` },
    expect: { status: 200, code: null },
  },
  {
    category: 'token flood',
    name: '1,000 variables declared',
    request: { query: `query(${Array.from({ length: 1000 }, (_, i) => `$v${i}: Int`).join(' ')}) { counties { code } }` },
    expect: refused(/Token limit of 3000 exceeded/),
  },

  // Huge lists.
  {
    category: 'huge list',
    name: 'a literal list of 101 services',
    request: { query: literalList(101) },
    expect: { status: 400, code: 'BAD_USER_INPUT', message: /lists are limited to 100 items; this one has 101/ },
  },
  {
    category: 'huge list',
    name: 'a literal list of 2,000 services',
    request: { query: literalList(2000) },
    expect: { status: 400, code: 'BAD_USER_INPUT', message: /lists are limited to 100 items/ },
  },
  {
    category: 'huge list',
    name: 'a literal list of 4,000 services',
    request: { query: literalList(4000) },
    expect: refused(/Token limit of 3000 exceeded/),
  },
  {
    category: 'huge list',
    name: 'a variable list of 10,000 services',
    request: {
      query: `query($s: [ServiceType!]) { serviceProviders(filter: { services: $s }) { totalCount } }`,
      variables: { s: Array.from({ length: 10_000 }, () => 'LEGAL_AID') },
    },
    expect: { status: 400, code: 'BAD_USER_INPUT', message: /s: lists are limited to 100 items; this one has 10000/ },
  },
  {
    category: 'huge list',
    name: 'a list of 101 provider types in a filter variable',
    request: {
      query: `query($f: ServiceProviderFilter) { serviceProviders(filter: $f) { totalCount } }`,
      variables: { f: { types: Array.from({ length: 101 }, () => 'GBVRC') } },
    },
    expect: { status: 400, code: 'BAD_USER_INPUT', message: /f\.types: lists are limited to 100 items/ },
  },
  {
    category: 'huge list',
    name: 'a page of 101',
    request: { query: `{ agencies(first: 101) { totalCount } }` },
    expect: { status: 400, code: 'BAD_USER_INPUT', message: /`first` is 101/ },
  },
  // A literal `first` multiplies the cost, so a huge literal page is over the cost limit before its size is checked.
  {
    category: 'huge list',
    name: 'a page of 2^31 - 1',
    request: { query: `{ serviceProviders(first: 2147483647) { totalCount } }` },
    expect: refused(/Query Cost limit of 20000 exceeded/),
  },
  {
    category: 'huge list',
    name: 'a page larger than an Int',
    request: { query: `{ serviceProviders(first: 99999999999) { totalCount } }` },
    expect: refused(/Query Cost limit of 20000 exceeded/),
  },
  {
    category: 'huge list',
    name: 'a page of 1,000,000 through a variable',
    request: { query: `query($n: Int) { agencies(first: $n) { totalCount } }`, variables: { n: 1_000_000 } },
    expect: { status: 400, code: 'BAD_USER_INPUT' },
  },
  {
    category: 'huge list',
    name: 'a negative page',
    request: { query: `{ agencies(first: -1) { totalCount } }` },
    expect: { status: 400, code: 'BAD_USER_INPUT' },
  },
  {
    // A negative page took values off the answer-size estimate, so the 1.4 million values beside it passed.
    category: 'huge list',
    name: 'a negative page beside an answer of a million values, anonymous',
    request: {
      query: `{ agencies(first: 1) { edges { node { progressReports(first: -2000000000) { totalCount } } } }
        counties { ${Array.from({ length: 28 }, (_, i) => `p${i}: indicatorProgress(period: { year: 2021 }) { countyCode target baseline actual absoluteVariance relativeVariance status reportCount indicator { id } }`).join(' ')} } }`,
    },
    expect: { status: 400, code: 'BAD_USER_INPUT' },
  },
  {
    // Another operation's default for a variable of the same name hid the negative default of the one run.
    category: 'huge list',
    name: "a negative page by default, hidden behind another operation's default",
    request: {
      rawBody: JSON.stringify({
        query: `query A($n: Int = -2000000000) { agencies(first: 1) { edges { node { progressReports(first: $n) { totalCount } } } } }
          query B($n: Int = 5) { agencies(first: $n) { totalCount } }`,
        operationName: 'A',
      }),
    },
    expect: { status: 400, code: 'BAD_USER_INPUT' },
  },
  // A client's field answered under the name of a fact the services pass each other (a case's live consents, its
  // referral parties) would share that fact's response key in the gateway's merged answer.
  ...(['liveConsents', 'referralParties', 'subjectAccessGrant'] as const).map((key) => ({
    category: 'reserved alias',
    name: `a field aliased ${key}, the name of a fact the services pass each other`,
    request: {
      token: 'analyst' as const,
      query: `{ referralByReference(reference: "KE-047-2026-000001") { reason case { ${key}: consents { basis agencyTypes tiers expiresAt } } } }`,
    },
    expect: refused(new RegExp(`"${key}" is a name Kinga keeps`)),
  })),
  {
    // The referrals service decides which referrals a subject access request opens by its status, fetched by the
    // gateway beside the client's fields: a note aliased as the status could stand in for it.
    category: 'reserved alias',
    name: "a subject access request's note aliased as its status",
    request: {
      token: 'analyst' as const,
      query: `{ subjectAccessRequest(id: "00000000-0000-4000-8000-000000000001") { referrals { totalCount } status: outcomeNote } }`,
    },
    expect: refused(/"status" is another field of SubjectAccessRequest/),
  },
];
