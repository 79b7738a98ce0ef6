import { buildSchema, parse, validate } from 'graphql';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inaccessibleFieldNames, reservedResponseKeys } from './reserved-response-keys';

describe('reserved response keys', () => {
  it("finds the supergraph's facts the services pass each other, and only those", () => {
    const names = inaccessibleFieldNames(readFileSync(join(__dirname, '..', 'supergraph.graphql'), 'utf8'));
    expect([...names].sort()).toEqual(expect.arrayContaining(['liveConsents', 'referralParties', 'subjectAccessGrant']));
    // Fields of an @inaccessible type are not themselves reserved: `basis` is an ordinary name.
    expect(names.has('basis')).toBe(false);
  });

  it('refuses a field aliased to a reserved name, and takes the same field under any other', () => {
    const schema = buildSchema(`type Query { consents: [String!]! }`);
    const rule = reservedResponseKeys(new Set(['liveConsents']));
    const refused = validate(schema, parse(`{ liveConsents: consents }`), [rule]);
    expect(refused.map((error) => error.message)).toEqual([
      '"liveConsents" is a name Kinga keeps for facts its services pass each other: give this field another alias',
    ]);
    expect(validate(schema, parse(`{ mine: consents consents }`), [rule])).toEqual([]);
  });

  it("refuses an alias that is another field's name of the same type, wherever it is written", () => {
    const schema = buildSchema(`type Request { status: String outcomeNote: String } type Query { request: Request }`);
    const rule = reservedResponseKeys(new Set());
    for (const query of [
      `{ request { status: outcomeNote } }`,
      `{ request { ...F } } fragment F on Request { status: outcomeNote }`,
      `{ request { ... on Request { status: outcomeNote } } }`,
    ]) {
      expect(validate(schema, parse(query), [rule]).map((error) => error.message)).toEqual([
        '"status" is another field of Request: give outcomeNote an alias that is no field\'s name',
      ]);
    }
    expect(validate(schema, parse(`{ request { __typename: outcomeNote } }`), [rule]).map((error) => error.message)).toEqual([
      '"__typename" is another field of Request: give outcomeNote an alias that is no field\'s name',
    ]);
    expect(validate(schema, parse(`{ request { status: status note: outcomeNote __typename } }`), [rule])).toEqual([]);
  });
});
