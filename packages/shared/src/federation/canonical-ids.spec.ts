import { buildSchema, execute, parse, type GraphQLObjectType } from 'graphql';
import { canonicaliseIdArguments, canonicalId } from './canonical-ids';

const UPPER = 'B0000000-0000-4000-8000-0000000000AB';
const LOWER = UPPER.toLowerCase();

describe('canonicaliseIdArguments', () => {
  const schema = buildSchema(`
    input Party { providerId: ID, name: String, nested: Party }
    input Move { id: ID!, parties: [Party!], note: String }
    type Query {
      byId(id: ID!): String
      byIds(ids: [ID!]!): String
      move(input: Move!): String
      plain(text: String): String
      notAUuid(id: ID!): String
    }
  `);
  const seen: unknown[] = [];
  const fields = (schema.getType('Query') as GraphQLObjectType).getFields();
  for (const field of Object.values(fields)) {
    field.resolve = (_source, args) => {
      seen.push(args);
      return 'ok';
    };
  }
  const untouched = fields.plain.resolve;
  canonicaliseIdArguments(schema);

  beforeEach(() => (seen.length = 0));

  it('hands rules and resolvers a uuid in lower case, in arguments, lists and input objects at any depth', async () => {
    const result = await execute({
      schema,
      document: parse(`query($ids: [ID!]!) {
        byId(id: "${UPPER}")
        byIds(ids: $ids)
        move(input: { id: "${UPPER}", note: "Seen ${UPPER}", parties: [{ providerId: "${UPPER}", name: "X", nested: { providerId: "${UPPER}" } }] })
      }`),
      variableValues: { ids: [UPPER, LOWER] },
    });
    expect(result.errors).toBeUndefined();
    expect(seen).toEqual([
      { id: LOWER },
      { ids: [LOWER, LOWER] },
      // Only ids: a free text that quotes one is the caller's own words.
      { input: { id: LOWER, note: `Seen ${UPPER}`, parties: [{ providerId: LOWER, name: 'X', nested: { providerId: LOWER } }] } },
    ]);
  });

  it('leaves other ids and fields without ids as they are', async () => {
    await execute({ schema, document: parse(`{ notAUuid(id: "KE-047-2026-000001") plain(text: "${UPPER}") }`) });
    expect(seen).toEqual([{ id: 'KE-047-2026-000001' }, { text: UPPER }]);
    expect(fields.plain.resolve).toBe(untouched);
    expect(canonicalId(42)).toBe(42);
  });
});
