import { GraphQLScalarType, Kind } from 'graphql';

function toKes(value: unknown): number {
  const n = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n)) throw new TypeError('Kes is a whole number of Kenya shillings');
  return n;
}

/**
 * Whole Kenya shillings. GraphQL's Int stops at 2^31 - 1 (KES 2.1 billion), below the plan's total of
 * KES 5.16 billion, so money is its own scalar: a JSON number up to 2^53 - 1.
 */
export const Kes = new GraphQLScalarType({
  name: 'Kes',
  description: 'An amount in whole Kenya shillings (a JSON integer up to 2^53 - 1).',
  serialize: toKes,
  parseValue: toKes,
  parseLiteral(ast) {
    if (ast.kind === Kind.INT) return toKes(Number(ast.value));
    throw new TypeError('Kes is a whole number of Kenya shillings');
  },
});
