import { buildSchema, execute, parse, type GraphQLError, type GraphQLResolveInfo } from 'graphql';
import { badUserInput, forbidden, unauthenticated } from './errors';

describe('client errors', () => {
  it('carry their code and message but no stack frames, and leave the stack trace limit as it was', () => {
    const before = Error.stackTraceLimit;
    for (const error of [forbidden('You may not see reason of this referral'), unauthenticated(), badUserInput('bad', 'input.x')]) {
      expect(error.extensions.code).toEqual(expect.any(String));
      expect(error.stack ?? '').not.toMatch(/\n\s+at /);
    }
    expect(Error.stackTraceLimit).toBe(before);
    expect(new Error('a fault').stack).toMatch(/\n\s+at /);
  });
});

describe('a refusal located at its field', () => {
  const schema = buildSchema(`type Item { id: ID! secret: String } type Query { items: [Item!]! }`);
  const refused: GraphQLError[] = [];
  const rootValue = {
    items: () =>
      [1, 2].map((id) => ({
        id,
        secret: (_args: unknown, _ctx: unknown, info: GraphQLResolveInfo) => {
          const error = forbidden('You may not see secret of this item', info);
          refused.push(error);
          return error;
        },
      })),
  };

  it('reaches the answer as it was made, with the path and location graphql-js would have given it', async () => {
    const document = parse('{ items { id secret } }');
    const located = await execute({ schema, document, rootValue });
    const unlocated = await execute({
      schema,
      document,
      rootValue: { items: () => [1, 2].map((id) => ({ id, secret: () => forbidden('You may not see secret of this item') })) },
    });
    // The same object: graphql-js did not wrap it in a second error with a stack of its own.
    expect(located.errors).toEqual(refused);
    expect(located.errors?.every((error, i) => error === refused[i])).toBe(true);
    expect(located.errors?.map((error) => error.toJSON())).toEqual(unlocated.errors?.map((error) => error.toJSON()));
    expect(located.errors?.map((error) => error.path)).toEqual([
      ['items', 0, 'secret'],
      ['items', 1, 'secret'],
    ]);
    expect(located.errors?.[0].locations).toEqual([{ line: 1, column: 14 }]);
    expect(located.errors?.[0].stack ?? '').not.toMatch(/\n\s+at /);
  });
});
