import { z } from 'zod';
import { GraphQLError } from 'graphql';
import { validateInput } from './validate-input';

it('names the input path of the first problem and never echoes the value', () => {
  const schema = z.object({ child: z.object({ phone: z.string().regex(/^\d+$/, 'must be digits') }) });
  try {
    validateInput(schema, { child: { phone: 'secret-value' } });
    throw new Error('accepted invalid input');
  } catch (error) {
    const graphqlError = error as GraphQLError;
    expect(graphqlError.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.child.phone' });
    expect(graphqlError.message).not.toContain('secret-value');
  }
});
