import type { SecurityCase } from './types';

/** Hostile HTTP: what arrives before GraphQL is even parsed. */

const OK_QUERY = '{ counties { code } }';
const json = (value: unknown) => JSON.stringify(value);
const BAD_REQUEST = 'BAD_REQUEST';

export const TRANSPORT_CASES: SecurityCase[] = [
  // Oversized bodies (the limit is 256 kB).
  ...[300_000, 1_000_000, 8_000_000].map((bytes) => ({
    category: 'oversized body',
    name: `a ${bytes.toLocaleString('en')}-byte body`,
    request: { rawBody: json({ query: OK_QUERY, variables: { pad: 'x'.repeat(bytes) } }) },
    expect: { status: 413, code: BAD_REQUEST, message: /too large/ },
  })),
  {
    category: 'oversized body',
    name: 'a 300 kB query text',
    request: { rawBody: json({ query: `{ counties { code } } #${'x'.repeat(300_000)}` }) },
    expect: { status: 413, code: BAD_REQUEST },
  },
  {
    category: 'oversized body',
    name: 'a 200 kB comment (under the body limit, no tokens)',
    request: { rawBody: json({ query: `#${'x'.repeat(200_000)}\n${OK_QUERY}` }) },
    expect: { status: 200, code: null },
  },

  // Batched arrays.
  {
    category: 'batched array',
    name: 'two operations in an array',
    request: { rawBody: json([{ query: OK_QUERY }, { query: OK_QUERY }]) },
    expect: { status: 400, code: BAD_REQUEST, message: /batching disabled/ },
  },
  {
    category: 'batched array',
    name: 'one operation in an array',
    request: { rawBody: json([{ query: OK_QUERY }]) },
    expect: { status: 400, code: BAD_REQUEST, message: /batching disabled/ },
  },
  {
    category: 'batched array',
    name: '1,000 operations in an array',
    request: { rawBody: json(Array.from({ length: 1000 }, () => ({ query: OK_QUERY }))) },
    expect: { status: 400, code: BAD_REQUEST, message: /batching disabled/ },
  },
  { category: 'batched array', name: 'an empty array', request: { rawBody: '[]' }, expect: { status: 400, code: BAD_REQUEST } },
  {
    category: 'batched array',
    name: 'an array of mutations',
    request: { rawBody: json([{ query: 'mutation { deactivateAgency(input: { id: "x" }) { agency { id } } }' }]), token: 'admin' },
    expect: { status: 400, code: BAD_REQUEST },
  },

  // Malformed JSON.
  ...[
    ['an unterminated object', '{'],
    ['a missing value', '{"query": }'],
    ['trailing garbage', `${json({ query: OK_QUERY })}garbage`],
    ['single quotes', "{'query': '{ counties { code } }'}"],
    ['a bare string', '"{ counties { code } }"'],
    ['null', 'null'],
    ['a number', '42'],
    ['a JavaScript object literal', '{query: "{ counties { code } }"}'],
    ['an invalid escape', '{"query": "\\x41"}'],
  ].map(([name, rawBody]) => ({
    category: 'malformed JSON',
    name,
    request: { rawBody },
    expect: { status: 400, code: BAD_REQUEST },
  })),
  {
    category: 'malformed JSON',
    name: 'a lone surrogate escape',
    request: { rawBody: '{"query": "\\ud800"}' },
    expect: { status: 400, code: 'GRAPHQL_PARSE_FAILED' },
  },
  {
    category: 'malformed JSON',
    name: 'JSON nested 100,000 levels',
    request: { rawBody: `${'['.repeat(100_000)}${']'.repeat(100_000)}` },
    expect: { status: 400, code: BAD_REQUEST },
  },
  {
    category: 'malformed JSON',
    name: 'an automatic persisted query hash without a query',
    request: { rawBody: json({ extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } }) },
    expect: { status: 200, code: 'PERSISTED_QUERY_NOT_SUPPORTED' },
  },
  {
    category: 'malformed JSON',
    name: 'an automatic persisted query registration',
    request: { rawBody: json({ query: OK_QUERY, extensions: { persistedQuery: { version: 1, sha256Hash: 'b'.repeat(64) } } }) },
    expect: { status: 200, code: 'PERSISTED_QUERY_NOT_SUPPORTED' },
  },
  { category: 'malformed JSON', name: 'an empty object', request: { rawBody: '{}' }, expect: { status: 400, code: BAD_REQUEST } },
  {
    category: 'malformed JSON',
    name: 'a query that is a number',
    request: { rawBody: json({ query: 42 }) },
    expect: { status: 400, code: BAD_REQUEST },
  },
  {
    category: 'malformed JSON',
    name: 'a query that is an object',
    request: { rawBody: json({ query: { counties: true } }) },
    expect: { status: 400, code: BAD_REQUEST },
  },
  {
    category: 'malformed JSON',
    name: 'variables that are a string',
    request: { rawBody: json({ query: OK_QUERY, variables: 'x' }) },
    expect: { status: 400, code: BAD_REQUEST },
  },
  {
    category: 'malformed JSON',
    name: 'variables that are an array',
    request: { rawBody: json({ query: OK_QUERY, variables: [1, 2] }) },
    expect: { status: 400, code: BAD_REQUEST },
  },
  {
    category: 'malformed JSON',
    name: 'a __proto__ key in the variables',
    request: {
      rawBody: `{"query":"query($f: AgencyFilter) { agencies(filter: $f) { totalCount } }","variables":{"f":{"__proto__":{"admin":true},"text":"x"}}}`,
    },
    expect: { status: 400, code: 'BAD_USER_INPUT', message: /Field "__proto__" is not defined by type "AgencyFilter"/ },
  },

  // Malformed GraphQL.
  ...[
    ['an unterminated selection', '{ counties { code '],
    ['only braces', '}}}}'],
    ['an empty argument', '{ county(code: ) { name } }'],
    ['an unterminated string', '{ county(code: "047) { name } }'],
    ['a keyword alone', 'query'],
    ['an empty mutation', 'mutation { }'],
    ['SQL instead of GraphQL', "SELECT * FROM directory.agency WHERE '1'='1'"],
    ['HTML instead of GraphQL', '<script>alert(1)</script>'],
    ['a raw control character', '{ counties { code \u0007 } }'],
    ['a subscription', 'subscription { counties { code } }'],
  ].map(([name, query]) => ({
    category: 'malformed GraphQL',
    name,
    request: { query },
    expect:
      name === 'a subscription'
        ? { status: 400, code: BAD_REQUEST, message: /serves no subscriptions/ }
        : { status: 400, code: 'GRAPHQL_PARSE_FAILED' },
  })),
  { category: 'malformed GraphQL', name: 'an empty query', request: { query: '' }, expect: { status: 400, code: BAD_REQUEST } },
  {
    category: 'malformed GraphQL',
    name: 'a field that does not exist',
    request: { query: '{ children { name } }' },
    expect: { status: 400, code: 'GRAPHQL_VALIDATION_FAILED', message: /^Cannot query field "children" on type "Query"\.$/ },
  },
  {
    category: 'malformed GraphQL',
    name: 'two anonymous operations',
    request: { query: '{ counties { code } } { counties { name } }' },
    expect: { status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
  },
  {
    category: 'malformed GraphQL',
    name: 'an operation name that is not in the document',
    request: { rawBody: json({ query: 'query A { counties { code } }', operationName: 'B' }) },
    expect: { status: 400, code: BAD_REQUEST, message: /defines no operation named "B"/ },
  },
  {
    category: 'malformed GraphQL',
    name: 'two named operations and no operationName',
    request: { query: 'query A { counties { code } } query B { counties { name } }' },
    expect: { status: 400, code: BAD_REQUEST, message: /name the one to run/ },
  },
  {
    category: 'malformed GraphQL',
    name: 'a variable of the wrong type',
    request: { query: 'query($c: ID!) { county(code: $c) { name } }', variables: { c: { $gt: '' } } },
    // The type expected, not the value sent (withoutEchoedValues).
    expect: { status: 400, code: 'BAD_USER_INPUT', message: /^Variable "\$c" got an invalid value: Expected value of type "ID"\.$/ },
  },
  {
    category: 'malformed GraphQL',
    name: 'a missing required variable',
    request: { query: 'query($c: ID!) { county(code: $c) { name } }' },
    expect: { status: 400, code: 'BAD_USER_INPUT', message: /was not provided/ },
  },
  {
    category: 'malformed GraphQL',
    name: 'a NUL escape in a string literal',
    request: { query: '{ county(code: "04\\u00007") { name } }' },
    expect: { status: 400, code: 'BAD_USER_INPUT', message: /NUL/ },
  },
  {
    category: 'malformed GraphQL',
    name: 'a NUL in a variable',
    request: { query: 'query($c: ID!) { county(code: $c) { name } }', variables: { c: '047\u0000' } },
    expect: { status: 400, code: 'BAD_USER_INPUT', message: /NUL/ },
  },

  // Content types and methods (CSRF prevention: only non-simple requests are executed).
  ...[
    ['text/plain', 'text/plain'],
    ['form-urlencoded', 'application/x-www-form-urlencoded'],
    ['multipart/form-data', 'multipart/form-data; boundary=x'],
  ].map(([name, contentType]) => ({
    category: 'wrong content type',
    name: `${name} (a CSRF-able simple request)`,
    request: { query: OK_QUERY, contentType },
    expect: { status: 400, code: BAD_REQUEST, message: /Cross-Site Request Forgery/ },
  })),
  {
    category: 'wrong content type',
    name: 'no content type',
    request: { query: OK_QUERY, contentType: null },
    expect: { status: 400, code: BAD_REQUEST },
  },
  {
    category: 'wrong content type',
    name: 'application/xml',
    request: { rawBody: '<query>{ counties { code } }</query>', contentType: 'application/xml' },
    expect: { status: 400, code: BAD_REQUEST },
  },
  {
    category: 'wrong content type',
    name: 'application/graphql',
    request: { rawBody: OK_QUERY, contentType: 'application/graphql' },
    expect: { status: 400, code: BAD_REQUEST },
  },
  {
    category: 'wrong content type',
    name: 'JSON in UTF-16',
    request: { query: OK_QUERY, contentType: 'application/json; charset=utf-16' },
    expect: { status: 400, code: BAD_REQUEST, message: /not valid JSON/ },
  },
  {
    category: 'wrong content type',
    name: 'a GET without a preflight header',
    request: { method: 'GET', query: OK_QUERY, contentType: null },
    expect: { status: 400, code: BAD_REQUEST, message: /Cross-Site Request Forgery/ },
  },
  {
    category: 'wrong content type',
    name: 'a mutation over GET',
    request: {
      method: 'GET',
      query: 'mutation { deactivateAgency(input: { id: "x" }) { agency { id } } }',
      contentType: null,
      headers: { 'apollo-require-preflight': 'true' },
      token: 'admin',
    },
    expect: { status: 405, code: BAD_REQUEST },
  },
  ...(['PUT', 'PATCH', 'DELETE'] as const).map((method) => ({
    category: 'wrong content type',
    name: `a ${method}`,
    request: { method, query: OK_QUERY },
    expect: { status: 405, code: BAD_REQUEST },
  })),
  {
    category: 'wrong content type',
    name: 'a POST that asks to be a DELETE',
    request: { query: OK_QUERY, headers: { 'x-http-method-override': 'DELETE' } },
    expect: { status: 200, code: null },
  },
];
