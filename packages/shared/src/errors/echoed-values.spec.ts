import { buildSchema, parse, validate, type GraphQLError } from 'graphql';
import { getVariableValues } from 'graphql/execution/values';
import { withoutEchoedValues } from './echoed-values';
import { maskError } from './format-error';

// The messages come from graphql-js itself, so a change in its wording fails here rather than leaking.
const schema = buildSchema(`
  enum Sex { FEMALE MALE }
  input Child { firstName: String! sex: Sex! age: Int }
  input Caregiver { name: String! phone: String }
  input OpenCase { child: Child! caregivers: [Caregiver!] narrative: String riskLevel: Int! }
  type Query { open(input: OpenCase!, id: ID): Int }
`);
const operation = parse('query($input: OpenCase!, $id: ID) { open(input: $input, id: $id) }');
const definitions = operation.definitions[0].kind === 'OperationDefinition' ? operation.definitions[0].variableDefinitions! : [];

function variableErrors(inputs: Record<string, unknown>): string[] {
  const result = getVariableValues(schema, definitions, inputs);
  return 'errors' in result ? (result.errors ?? []).map((error: GraphQLError) => error.message) : [];
}

/** The message graphql-js's parser gives for an operation it cannot parse. */
function parseError(source: string): string {
  try {
    parse(source);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('parsed');
}

const CHILD = { firstName: 'Amina Otieno', sex: 'FEMALE' };
const PERSONAL = /Amina|Otieno|Zuhura|0712|defiled/;

describe('input errors without the values the caller sent', () => {
  it('keeps the variable, the path and the missing or unknown field, never the input around them', () => {
    const [missing] = variableErrors({ input: { child: CHILD, narrative: 'She was defiled; at "input.x"; by a neighbour' } });
    expect(missing).toContain('Amina');
    expect(withoutEchoedValues('BAD_USER_INPUT', missing)).toBe(
      'Variable "$input" got an invalid value: Field "riskLevel" of required type "Int!" was not provided.',
    );
    const [unknown] = variableErrors({ input: { child: CHILD, riskLevel: 1, clinicalNote: 'Zuhura' } });
    expect(withoutEchoedValues('BAD_USER_INPUT', unknown)).toBe(
      'Variable "$input" got an invalid value: Field "clinicalNote" is not defined by type "OpenCase".',
    );
    const [deep] = variableErrors({ input: { child: CHILD, riskLevel: 1, caregivers: [{ phone: '0712345678' }] } });
    expect(withoutEchoedValues('BAD_USER_INPUT', deep)).toBe(
      'Variable "$input" got an invalid value at "input.caregivers[0]": Field "name" of required type "String!" was not provided.',
    );
  });

  it('says which type a refused value should have had, without the value', () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ input: { child: { ...CHILD, sex: 'Amina' }, riskLevel: 1 } }, 'at "input.child.sex": Expected value of type "Sex".'],
      [{ input: { child: { ...CHILD, age: 'Otieno' }, riskLevel: 1 } }, 'at "input.child.age": Expected value of type "Int".'],
      [{ input: { child: { ...CHILD, firstName: 5 }, riskLevel: 1 } }, 'at "input.child.firstName": Expected value of type "String".'],
    ];
    for (const [inputs, expected] of cases) {
      const [message] = variableErrors(inputs);
      expect(withoutEchoedValues('BAD_USER_INPUT', message)).toBe(`Variable "$input" got an invalid value ${expected}`);
    }
    const [id] = variableErrors({ input: { child: CHILD, riskLevel: 1 }, id: { name: 'Zuhura; Otieno' } });
    expect(withoutEchoedValues('BAD_USER_INPUT', id)).toBe('Variable "$id" got an invalid value: Expected value of type "ID".');
  });

  it('reduces a refused literal to the type expected, and a token it could not parse to its kind', () => {
    const literals = validate(
      schema,
      parse('{ open(input: { child: { firstName: "Amina", sex: Amina, age: "Otieno" }, riskLevel: 1 }) }'),
    ).map((error) => withoutEchoedValues('GRAPHQL_VALIDATION_FAILED', error.message));
    expect(literals).toEqual(['Expected value of type "Sex".', 'Expected value of type "Int".']);
    const unparsable = parseError('{ open(id: 1) } Otieno');
    expect(unparsable).toContain('Otieno');
    expect(withoutEchoedValues('GRAPHQL_PARSE_FAILED', unparsable)).toBe('Syntax Error: Unexpected Name.');
    expect(withoutEchoedValues('GRAPHQL_PARSE_FAILED', 'Syntax Error: Expected ":", found ")".')).toBe(
      'Syntax Error: Expected ":", found ")".',
    );
  });

  it('keeps the reasons that hold no value, and cuts a string token the parser printed unescaped', () => {
    const [nulled] = variableErrors({ input: { child: { ...CHILD, firstName: null }, riskLevel: 1 } });
    expect(withoutEchoedValues('BAD_USER_INPUT', nulled)).toBe(
      'Variable "$input" got an invalid value at "input.child.firstName": Expected non-nullable type "String!" not to be null.',
    );
    const [notObject] = variableErrors({ input: { child: 'Amina Otieno', riskLevel: 1 } });
    expect(withoutEchoedValues('BAD_USER_INPUT', notObject)).toBe(
      'Variable "$input" got an invalid value at "input.child": Expected type "Child" to be an object.',
    );
    const quoted = parseError('{ open(input "told \\"Amina Otieno\\" to hide") }');
    expect(quoted).toContain('Amina');
    expect(withoutEchoedValues('GRAPHQL_PARSE_FAILED', quoted)).toBe('Syntax Error: Expected ":", found String.');
  });

  it('finds the reason behind a long note, and never takes a word of the value for a type', () => {
    const [long] = variableErrors({ input: { child: CHILD, narrative: 'a'.repeat(45_000) } });
    expect(withoutEchoedValues('BAD_USER_INPUT', long)).toBe(
      'Variable "$input" got an invalid value: Field "riskLevel" of required type "Int!" was not provided.',
    );
    const [trap] = variableErrors({ input: { child: CHILD, narrative: 'custody; Otieno cannot represent the child' } });
    expect(withoutEchoedValues('BAD_USER_INPUT', trap)).not.toMatch(PERSONAL);
    expect(withoutEchoedValues('BAD_USER_INPUT', trap)).toContain('Field "riskLevel" of required type "Int!" was not provided.');
  });

  it('does not search a message as long as a hostile input for its reason', () => {
    const input = { child: CHILD, narrative: '; '.repeat(100_000), ...Object.fromEntries([...Array(100).keys()].map((i) => [`x${i}`, 1])) };
    const errors = variableErrors({ input });
    expect(errors.length).toBeGreaterThanOrEqual(100);
    // Past MAX_SEARCHED_LENGTH the answer is the generic one, given without searching the message.
    const masked = errors.map((message) => maskError({ message, extensions: { code: 'BAD_USER_INPUT' } }).message);
    expect(new Set(masked)).toEqual(new Set(['Variable "$input" got an invalid value: not a value of the type expected there.']));
  });

  it('leaves every other message as it was, and masks on the way out', () => {
    expect(withoutEchoedValues('BAD_USER_INPUT', 'input.child.dateOfBirth: must not be in the future')).toBe(
      'input.child.dateOfBirth: must not be in the future',
    );
    expect(withoutEchoedValues('GRAPHQL_VALIDATION_FAILED', 'Cannot query field "children" on type "Query".')).toBe(
      'Cannot query field "children" on type "Query".',
    );
    const [missing] = variableErrors({ input: { child: CHILD } });
    expect(maskError({ message: missing, extensions: { code: 'BAD_USER_INPUT' } }).message).not.toMatch(PERSONAL);
  });
});
