import { buildSchema, execute, GraphQLError, parse } from 'graphql';
import { argumentRefusedWhileRunning, isCallersMalformedInput, knownFaultsAsClientErrors } from './hostile-input';

// graphql-js's own wording, from a real execution: a change to it must fail here, not leak into logs.
const schema = buildSchema(`
  enum Sex { FEMALE MALE }
  input ChildInput { name: String!, sex: Sex! }
  type Query { child(input: ChildInput!): String, needs(sex: Sex!): String }
`);

async function errorOf(query: string, variableValues: Record<string, unknown>) {
  const result = await execute({ schema, document: parse(query), variableValues, rootValue: { child: () => 'x', needs: () => 'x' } });
  expect(result.errors).toHaveLength(1);
  return result.errors![0];
}

describe('arguments graphql-js refuses while running an operation', () => {
  it('answers a defaulted variable sent as null inside typed-in values without quoting them', async () => {
    const error = await errorOf(`query ($sex: Sex = FEMALE) { child(input: { name: "Amani Wanjiru", sex: $sex }) }`, { sex: null });
    expect(error.message).toContain('Amani Wanjiru');
    expect(argumentRefusedWhileRunning(error)).toBe(
      'Argument "input" has an invalid value: a variable in it is null or missing where a value is required',
    );
    expect(isCallersMalformedInput(error)).toBe(true);
  });

  it('answers a defaulted variable sent as null for the whole argument', async () => {
    const error = await errorOf(`query ($sex: Sex = FEMALE) { needs(sex: $sex) }`, { sex: null });
    expect(argumentRefusedWhileRunning(error)).toMatch(/^Argument "sex" has an invalid value/);
  });

  it('leaves every other error alone, a resolver’s own included', async () => {
    const thrown = await execute({
      schema,
      document: parse(`{ needs(sex: FEMALE) }`),
      rootValue: {
        needs: () => {
          throw new Error('Argument "sex" has invalid value FEMALE.');
        },
      },
    });
    expect(argumentRefusedWhileRunning(thrown.errors![0])).toBeNull();
    expect(argumentRefusedWhileRunning(new Error('Argument "sex" has invalid value FEMALE.'))).toBeNull();
    expect(isCallersMalformedInput(new Error('boom'))).toBe(false);
  });
});

describe('a transaction PostgreSQL rolled back for another', () => {
  const formatted = { message: 'deadlock detected', path: ['updateCase'] };
  const masked = knownFaultsAsClientErrors(() => ({ message: 'masked', extensions: { code: 'INTERNAL_SERVER_ERROR' } }));

  it.each(['40P01', '40001'])('is CONFLICT, retryable (%s), without PostgreSQL’s text', (code) => {
    const error = new GraphQLError('deadlock detected', {
      path: ['updateCase'],
      originalError: Object.assign(new Error('deadlock detected'), { code }),
    });
    expect(masked(formatted, error)).toEqual({
      message:
        'This change met another made at the same moment, and what it was saving was undone; send it again (a change made in steps, such as an erasure, carries on from where it stopped)',
      path: ['updateCase'],
      extensions: { code: 'CONFLICT', retryable: true },
    });
  });

  it('is TOO_SLOW, retryable, when PostgreSQL stopped a statement that ran past its timeout', () => {
    const error = new GraphQLError('canceling statement due to statement timeout', {
      path: ['updateCase'],
      originalError: Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' }),
    });
    expect(masked(formatted, error)).toMatchObject({ path: ['updateCase'], extensions: { code: 'TOO_SLOW', retryable: true } });
    expect(masked(formatted, error).message).not.toMatch(/statement timeout/);
  });

  it('leaves any other database error to the mask', () => {
    const error = new GraphQLError('boom', { originalError: Object.assign(new Error('boom'), { code: '23514' }) });
    expect(masked(formatted, error).extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
  });
});
