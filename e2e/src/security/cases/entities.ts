import { MAX_ENTITY_REPRESENTATIONS } from '@kinga/shared';
import type { SecurityCase } from './types';

/**
 * `_entities` is a way in, not a way around: it is not exposed through the gateway, it takes at most
 * `MAX_ENTITY_REPRESENTATIONS` representations, and a representation that names nothing real resolves to nothing.
 */
const TOO_MANY = MAX_ENTITY_REPRESENTATIONS + 1;
const atMost = new RegExp(`at most ${MAX_ENTITY_REPRESENTATIONS} representations`);
const reps = (n: number, typename = 'County') =>
  JSON.stringify(Array.from({ length: n }, (_, i) => ({ __typename: typename, code: String((i % 47) + 1).padStart(3, '0') })));
const ENTITIES =
  'query($r: [_Any!]!) { _entities(representations: $r) { ... on County { code name } ... on Agency { name } ... on ServiceProvider { name phone } } }';
const direct = (
  name: string,
  variables: Record<string, unknown>,
  expect: SecurityCase['expect'],
  token?: 'admin' | 'analyst',
): SecurityCase => ({
  category: '_entities',
  name,
  request: { target: 'directory', query: ENTITIES, variables, token },
  expect,
});

export const ENTITY_CASES: SecurityCase[] = [
  {
    category: '_entities',
    name: '_entities through the gateway',
    request: { query: '{ _entities(representations: []) { __typename } }' },
    expect: { status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
  },
  {
    category: '_entities',
    name: '_service through the gateway',
    request: { query: '{ _service { sdl } }' },
    expect: { status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
  },
  direct(`${TOO_MANY} representations`, { r: JSON.parse(reps(TOO_MANY)) }, { status: 400, code: 'BAD_USER_INPUT', message: atMost }),
  direct('50,000 representations', { r: JSON.parse(reps(50_000)) }, { status: 400, code: 'BAD_USER_INPUT', message: atMost }),
  {
    category: '_entities',
    // So many written into the operation's text are more tokens than a subgraph parses.
    name: `${TOO_MANY} representations written literally`,
    request: {
      target: 'directory',
      query: `{ _entities(representations: [${Array.from({ length: TOO_MANY }, () => '{ __typename: "County", code: "047" }').join(', ')}]) { ... on County { name } } }`,
    },
    expect: { status: 400, code: 'GRAPHQL_VALIDATION_FAILED', message: /Token limit/ },
  },
  direct('an unknown type', { r: [{ __typename: 'Child', id: '1' }] }, { status: 200, code: 'INTERNAL_SERVER_ERROR' }),
  direct('a representation without __typename', { r: [{ id: '1' }] }, { status: 200, code: 'INTERNAL_SERVER_ERROR' }),
  // Not a uuid, so no agency has it: answered as one that does not exist, without reaching PostgreSQL (rowByIdLoader).
  direct(
    'an agency id that is SQL',
    { r: [{ __typename: 'Agency', id: "' OR '1'='1" }] },
    { status: 200, code: null, data: { _entities: [null] } },
  ),
  direct(
    'a provider id that does not exist',
    { r: [{ __typename: 'ServiceProvider', id: '00000000-0000-0000-0000-000000000000' }] },
    { status: 200, code: null, data: { _entities: [null] } },
  ),
  direct(
    'a county code that is SQL',
    { r: [{ __typename: 'County', code: "047' OR 1=1 --" }] },
    { status: 200, code: null, data: { _entities: [null] } },
  ),
  direct('a representation that is a string', { r: ['County'] }, { status: 200, code: 'INTERNAL_SERVER_ERROR' }),
];
