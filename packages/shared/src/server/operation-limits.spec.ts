import { MaxTokensParserWLexer } from '@escape.tech/graphql-armor-max-tokens';
import type { Request, Response } from 'express';
import { buildSchema, parse, type DocumentNode } from 'graphql';
import { graphqlParamsOf } from './http';
import {
  answerSizeLimitPlugin,
  answerSizeOf,
  entityRepresentationCounts,
  pageSizesOf,
  REMEMBERED_DOCUMENT_CHARS,
  tokenLimitMiddleware,
} from './operation-limits';

function send(middleware: ReturnType<typeof tokenLimitMiddleware>, query: string): { passed: boolean; status?: number } {
  const outcome: { passed: boolean; status?: number } = { passed: false };
  const res = {
    status(code: number) {
      outcome.status = code;
      return this;
    },
    json() {
      return this;
    },
  } as unknown as Response;
  middleware({ method: 'POST', body: { query } } as Request, res, () => (outcome.passed = true));
  return outcome;
}

describe('tokenLimitMiddleware', () => {
  afterEach(() => jest.restoreAllMocks());

  it('parses a document once, then lets it through from memory; one over the limit is refused every time', () => {
    const parse = jest.spyOn(MaxTokensParserWLexer.prototype, 'parseDocument');
    const middleware = tokenLimitMiddleware(20);
    const small = '{ referral(id: "1") { id status } }';
    expect(send(middleware, small)).toEqual({ passed: true });
    expect(send(middleware, small)).toEqual({ passed: true });
    expect(parse).toHaveBeenCalledTimes(1);

    const large = `{ ${Array.from({ length: 30 }, (_, i) => `f${i}`).join(' ')} }`;
    expect(send(middleware, large)).toEqual({ passed: false, status: 400 });
    expect(send(middleware, large)).toEqual({ passed: false, status: 400 });
    expect(parse).toHaveBeenCalledTimes(3);
  });

  it('does not remember malformed or very long documents', () => {
    const parse = jest.spyOn(MaxTokensParserWLexer.prototype, 'parseDocument');
    const middleware = tokenLimitMiddleware(100_000);
    send(middleware, '{ broken');
    send(middleware, '{ broken');
    const long = `{ a${' '.repeat(REMEMBERED_DOCUMENT_CHARS)} }`;
    expect(send(middleware, long)).toEqual({ passed: true });
    send(middleware, long);
    expect(parse).toHaveBeenCalledTimes(4);
  });
});

describe('graphqlParamsOf', () => {
  it('reads a GET operation past a thousand padding parameters, as Apollo does, so the checks see what runs', () => {
    const query = `{ ${Array.from({ length: 30 }, (_, i) => `f${i}`).join(' ')} }`;
    const padded = `/graphql?${Array.from({ length: 1000 }, (_, i) => `p${i}=1`).join('&')}&query=${encodeURIComponent(query)}&variables=${encodeURIComponent('{"a":"b"}')}`;
    const request = { method: 'GET', originalUrl: padded, body: undefined } as unknown as Request;
    expect(graphqlParamsOf(request)).toEqual({ query, variables: { a: 'b' } });
    const res = { status: () => res, json: () => res } as unknown as Response;
    let passed = false;
    tokenLimitMiddleware(20)(request, res, () => (passed = true));
    expect(passed).toBe(false);
  });

  it('reads a POST from its body', () => {
    expect(graphqlParamsOf({ method: 'POST', originalUrl: '/graphql', body: { query: '{ a }', variables: { x: 1 } } } as Request)).toEqual({
      query: '{ a }',
      variables: { x: 1 },
    });
  });
});

describe('per-document reads', () => {
  it('read a document once but resolve its variables per request', () => {
    const document = parse(`query Q($n: Int = 30, $m: Int, $r: [_Any!]!) {
      a: cases(first: $n) { totalCount } b: cases(first: 5) { totalCount } c: cases(first: $m) { totalCount }
      _entities(representations: $r) { __typename } }`);
    expect(pageSizesOf(document)).toEqual([30, 5]);
    expect(pageSizesOf(document, { n: 7, m: 500 })).toEqual([7, 5, 500]);
    expect(pageSizesOf(document, { n: null })).toEqual([5]);
    expect(entityRepresentationCounts(document, { r: [{}, {}, {}] })).toEqual([3]);
    expect(entityRepresentationCounts(document, { r: [{}] })).toEqual([1]);
  });
});

describe('answerSizeLimitPlugin', () => {
  const schema = buildSchema(`
    type Query { things(first: Int): ThingConnection }
    type ThingConnection { edges: [ThingEdge!]! }
    type ThingEdge { node: Thing! }
    type Thing { id: ID! children(first: Int): ThingConnection }
  `);
  const document = parse(`
    query Nested($n: Int, $other: String) { things(first: $n) { edges { node { id children(first: $n) { edges { node { id } } } } } } }
    query Flat { things(first: 100) { edges { node { id } } } }`);
  const check = async (variables: Record<string, unknown>, operationName: string, doc: DocumentNode = document) => {
    const hooks = await answerSizeLimitPlugin(1_000).requestDidStart!({} as never);
    const didResolveOperation = (hooks as { didResolveOperation: (context: unknown) => Promise<void> }).didResolveOperation;
    return didResolveOperation({ document: doc, schema, request: { variables, operationName } }).then(
      () => 'accepted',
      (error: Error) => error.message,
    );
  };

  it('decides each request by its own page sizes, though it walks a document once per operation and pages', async () => {
    expect(answerSizeOf(schema, document, { n: 10 }, 'Nested')).toBeLessThan(1_000);
    expect(answerSizeOf(schema, document, { n: 50 }, 'Nested')).toBeGreaterThan(1_000);
    expect(await check({ n: 10 }, 'Nested')).toBe('accepted');
    expect(await check({ n: 50 }, 'Nested')).toMatch(/could answer with \d+ values, more than the 1000/);
    expect(await check({ n: 10, other: 'x' }, 'Nested')).toBe('accepted');
    // Not a number: the connection's default page, whatever the value (and the value is not kept).
    expect(await check({ n: 'x'.repeat(10_000) }, 'Nested')).toBe(await check({ n: null }, 'Nested'));
    // Left out, the page is the connection's default (20): 20 + 20 x 20 nodes, over the limit.
    expect(await check({}, 'Nested')).toMatch(/could answer with/);
    expect(await check({ n: 10 }, 'Flat')).toBe('accepted');
    expect(await check({ n: 50 }, 'Nested')).toMatch(/could answer with/);
  });

  it('tells a grouping given as a variable by its dimensions, not by how many there are', async () => {
    const statistics = buildSchema(`
      enum D { COUNTY URGENCY STATUS MONTH }
      input F { counties: [String!] }
      type Query { referralStatistics(groupBy: [D!]!, filter: F): ReferralStatistics }
      type ReferralStatistics { cells: [Cell!]! }
      type Cell { county: String urgency: String status: String month: String count: Int a: Int b: Int c: Int d: Int e: Int f: Int }
    `);
    const table = (alias: string) =>
      `${alias}: referralStatistics(groupBy: $by, filter: $f) { cells { county urgency status month count a b c d e f } }`;
    const twice = parse(`query S($by: [D!]!, $f: F) { ${table('a')} ${table('b')} }`);
    const decideOn = (document: DocumentNode) => async (variables: Record<string, unknown>) => {
      const hooks = await answerSizeLimitPlugin(10_000).requestDidStart!({} as never);
      const didResolveOperation = (hooks as { didResolveOperation: (context: unknown) => Promise<void> }).didResolveOperation;
      return didResolveOperation({ document, schema: statistics, request: { variables, operationName: 'S' } }).then(
        () => 'accepted',
        () => 'refused',
      );
    };
    const decide = decideOn(twice);
    // Two dimensions each time: 1,000 cells (capped) twice over, then 3 x 8 twice over, then the large again.
    expect(await decide({ by: ['COUNTY', 'MONTH'] })).toBe('refused');
    expect(await decide({ by: ['URGENCY', 'STATUS'] })).toBe('accepted');
    expect(await decide({ by: ['COUNTY', 'MONTH'] })).toBe('refused');
    // A filter adds the dimensions it names: a county list by its length, so one county's table is small and
    // every county's is not.
    expect(await decide({ by: ['URGENCY', 'STATUS'], f: { counties: ['047'] } })).toBe('accepted');
    expect(await decide({ by: ['URGENCY', 'STATUS'], f: { counties: Array.from({ length: 47 }, (_, i) => String(i)) } })).toBe('refused');
    expect(await decide({ by: ['URGENCY', 'STATUS'], f: null })).toBe('accepted');
    // A grouping named twice is one dimension, in the size and in what is remembered of it; seventeen names are
    // still told apart by which they are.
    expect(await decide({ by: ['URGENCY', 'URGENCY', 'STATUS'] })).toBe('accepted');
    expect(await decide({ by: ['URGENCY', 'STATUS'] })).toBe('accepted');
    expect(await decide({ by: Array.from({ length: 17 }, () => 'URGENCY') })).toBe('accepted');
    expect(await decide({ by: ['COUNTY', 'STATUS', ...Array.from({ length: 15 }, () => 'MONTH')] })).toBe('refused');
    // A variable left out takes its default (every county here); one given as null is null: remembered apart.
    const defaulted = parse(`query S($by: [D!]!, $f: F = { counties: [${Array.from({ length: 47 }, (_, i) => `"${i}"`).join(', ')}] }) {
      ${table('a')} ${table('b')} }`);
    const decideDefaulted = decideOn(defaulted);
    expect(await decideDefaulted({ by: ['URGENCY', 'STATUS'], f: null })).toBe('accepted');
    expect(await decideDefaulted({ by: ['URGENCY', 'STATUS'] })).toBe('refused');
  });

  it('keeps deciding correctly past the number of page sizes it remembers for one document', async () => {
    for (let n = 1; n <= 40; n++) {
      const expected = answerSizeOf(schema, document, { n }, 'Nested') > 1_000 ? /could answer with/ : /^accepted$/;
      expect(await check({ n }, 'Nested')).toMatch(expected);
    }
  });
});

describe('answerSizeOf, plain lists', () => {
  const schema = buildSchema(`
    type Query { counties: [County!]! variance(indicatorIds: [ID!], countyCodes: [String!], national: Boolean): [Row!]! }
    type County { code: String! progress(indicatorIds: [ID!]): [Row!]! tags: [String!]! }
    type Row { status: String! value: Int }
  `);
  const sizes = {
    'Query.counties': 47,
    'County.progress': {
      arguments: ['indicatorIds'],
      size: (argument: (name: string) => unknown) => (argument('indicatorIds') as unknown[] | undefined)?.length ?? 95,
    },
    'Query.variance': {
      arguments: ['indicatorIds', 'countyCodes', 'national'],
      size: (argument: (name: string) => unknown) =>
        ((argument('indicatorIds') as unknown[] | undefined)?.length ?? 95) *
        (((argument('countyCodes') as unknown[] | undefined)?.length ?? 47) + (argument('national') === true ? 1 : 0)),
    },
  };
  const sizeOf = (query: string, variables: Record<string, unknown> = {}) =>
    answerSizeOf(schema, parse(query), variables, undefined, sizes);

  it('multiplies what is asked of each object of a list by how many the list can hold', () => {
    expect(sizeOf('{ counties { code } }')).toBe(1 + 47);
    // Every county's progress on every indicator: 47 x 95 rows of two values, not the 5 values written.
    expect(sizeOf('{ counties { code progress { status value } } }')).toBe(1 + 47 + 47 + 47 * 95 * 2);
    // A list of scalars is values of its own field, counted once.
    expect(sizeOf('{ counties { tags } }')).toBe(1 + 47);
  });

  it('reads the size from the arguments that narrow it, written or passed as variables', () => {
    expect(sizeOf('{ counties { progress(indicatorIds: ["a", "b"]) { status } } }')).toBe(1 + 47 + 47 * 2);
    expect(sizeOf('query($ids: [ID!]) { counties { progress(indicatorIds: $ids) { status } } }', { ids: ['a'] })).toBe(1 + 47 + 47);
    expect(sizeOf('{ variance(countyCodes: ["047"], national: true) { status } }')).toBe(1 + 95 * 2);
    expect(sizeOf('query($n: Boolean) { variance(indicatorIds: ["a"], national: $n) { status } }', { n: true })).toBe(1 + 48);
  });

  it('tells apart requests of one document whose list arguments differ', async () => {
    const document = parse('query Progress($ids: [ID!]) { counties { progress(indicatorIds: $ids) { status value } } }');
    const hooks = await answerSizeLimitPlugin(10_000).requestDidStart!({} as never);
    const didResolveOperation = (hooks as { didResolveOperation: (context: unknown) => Promise<void> }).didResolveOperation;
    const check = (variables: Record<string, unknown>) =>
      didResolveOperation({ document, schema, request: { variables, operationName: 'Progress' } }).then(
        () => 'accepted',
        (error: Error) => error.message,
      );
    // With the real sizes: counties 47, a county's progress 100 indicators unless narrowed.
    const realSchema = buildSchema(`
      type Query { counties: [County!]! }
      type County { indicatorProgress(indicatorIds: [ID!]): [Row!]! }
      type Row { status: String! value: Int target: Int }
    `);
    const real = parse('query Progress($ids: [ID!]) { counties { indicatorProgress(indicatorIds: $ids) { status value target } } }');
    const checkReal = (variables: Record<string, unknown>) =>
      didResolveOperation({ document: real, schema: realSchema, request: { variables, operationName: 'Progress' } }).then(
        () => 'accepted',
        (error: Error) => error.message,
      );
    expect(await checkReal({ ids: ['a', 'b', 'c'] })).toBe('accepted');
    expect(await checkReal({})).toMatch(/could answer with 14148 values/);
    expect(await checkReal({ ids: ['a'] })).toBe('accepted');
    expect(await check({})).toBe('accepted'); // a type the sizes do not name: the default
  });
});
