import { z } from 'zod';
import { GraphQLError } from 'graphql';
import { KENYAN_PHONE, KENYAN_SUBSCRIBER_PHONE, validateInput } from './validate-input';

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

describe('Kenyan phone numbers', () => {
  it.each(['+254712345678', '0712345678', '0112345678', '0201234567', '0800720600'])('takes the number %s', (phone) => {
    expect(KENYAN_SUBSCRIBER_PHONE.test(phone)).toBe(true);
    expect(KENYAN_PHONE.test(phone)).toBe(true);
  });

  it.each(['0000000000', '+254000000000', '0012345678', '071234567', '07123456789', '+2540712345678', '712345678'])(
    'refuses %s, which reaches nobody',
    (phone) => {
      expect(KENYAN_SUBSCRIBER_PHONE.test(phone)).toBe(false);
      expect(KENYAN_PHONE.test(phone)).toBe(false);
    },
  );

  it('takes a short code for a service only', () => {
    for (const code of ['116', '1195', '999', '112']) {
      expect(KENYAN_PHONE.test(code)).toBe(true);
      expect(KENYAN_SUBSCRIBER_PHONE.test(code)).toBe(false);
    }
    for (const code of ['000', '0116', '12', '123456']) expect(KENYAN_PHONE.test(code)).toBe(false);
  });
});
