import type { SecurityCase } from './types';

/** Introspection in production: the schema of a child-protection API is not a public map. */

const production = (name: string, query: string, expect: SecurityCase['expect']): SecurityCase => ({
  category: 'introspection in production',
  name,
  request: { target: 'production-gateway', query },
  expect,
});
const REFUSED = { status: 400, code: 'GRAPHQL_VALIDATION_FAILED', message: /introspection is not allowed/ };

export const INTROSPECTION_CASES: SecurityCase[] = [
  production('__schema', '{ __schema { types { name } } }', REFUSED),
  production('__schema behind an alias', '{ s: __schema { queryType { name } } }', REFUSED),
  production('__schema in a fragment', '{ ...S } fragment S on Query { __schema { types { name fields { name } } } }', REFUSED),
  production('__type', '{ __type(name: "Agency") { fields { name } } }', REFUSED),
  production('__type of the mutation root', '{ __type(name: "Mutation") { fields { name args { name } } } }', REFUSED),
  production(
    'the full introspection query',
    'query IntrospectionQuery { __schema { queryType { name } mutationType { name } types { kind name } directives { name } } }',
    REFUSED,
  ),
  production('__schema next to a real field', '{ counties { code } __schema { types { name } } }', REFUSED),
  production('__typename (harmless, allowed)', '{ __typename counties { __typename code } }', { status: 200, code: null }),
  production('a typo probing for field suggestions', '{ agencie { id } }', {
    status: 400,
    code: 'GRAPHQL_VALIDATION_FAILED',
    message: /^Cannot query field "agencie" on type "Query"\.$/,
  }),
  production('an argument typo probing for suggestions', '{ agencies(frist: 1) { totalCount } }', {
    status: 400,
    code: 'GRAPHQL_VALIDATION_FAILED',
    message: /^Unknown argument "frist" on field "Query\.agencies"\.$/,
  }),
  {
    category: 'introspection in production',
    name: 'the landing page asked for by a browser',
    request: { target: 'production-gateway', method: 'GET', contentType: null, headers: { accept: 'text/html' } },
    expect: { status: 400, code: 'BAD_REQUEST' },
  },
  {
    category: 'introspection in production',
    name: '_service { sdl } through the gateway',
    request: { target: 'production-gateway', query: '{ _service { sdl } }' },
    expect: { status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
  },
];
