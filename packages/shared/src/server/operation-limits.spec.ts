import { MaxTokensParserWLexer } from '@escape.tech/graphql-armor-max-tokens';
import type { Request, Response } from 'express';
import { parse } from 'graphql';
import { graphqlParamsOf } from './http';
import { entityRepresentationCounts, pageSizesOf, REMEMBERED_DOCUMENT_CHARS, tokenLimitMiddleware } from './operation-limits';

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
