import { GraphQLError } from 'graphql';
import { decodeCursor, decodeTypedCursor, encodeCursor, pageSize, toConnection } from './connection';

describe('connections', () => {
  it('round-trips cursors and refuses forged ones with BAD_USER_INPUT', () => {
    expect(decodeCursor(encodeCursor(['Nairobi', 'id-1']), 2)).toEqual(['Nairobi', 'id-1']);
    for (const forged of ['not-base64!', encodeCursor(['only-one']), Buffer.from('{"a":1}').toString('base64url')]) {
      try {
        decodeCursor(forged, 2);
        throw new Error('accepted a forged cursor');
      } catch (error) {
        expect((error as GraphQLError).extensions.code).toBe('BAD_USER_INPUT');
      }
    }
  });

  it("takes a cursor only with values of its list's key types: a day, an instant, a name, an id", () => {
    const ID = '00000000-0000-4000-8000-000000000001';
    expect(decodeTypedCursor(encodeCursor(['2026-02-28', ID]), ['date', 'uuid'])).toEqual(['2026-02-28', ID]);
    expect(decodeTypedCursor(encodeCursor(["Child Welfare Society's desk", ID]), ['text', 'uuid'])).toHaveLength(2);
    const refused = [
      // Another list's cursor, whose instant PostgreSQL would read as a day.
      [
        ['2026-02-28T10:00:00.000Z', ID],
        ['date', 'uuid'],
      ],
      [
        ['2026-02-30', ID],
        ['date', 'uuid'],
      ],
      [
        ['2026-13-01', ID],
        ['date', 'uuid'],
      ],
      [
        ['x', 'y'],
        ['date', 'uuid'],
      ],
      [
        [7, ID],
        ['text', 'uuid'],
      ],
      [
        ['x'.repeat(501), ID],
        ['text', 'uuid'],
      ],
      [
        ['a\u0000b', ID],
        ['text', 'uuid'],
      ],
    ] as const;
    for (const [values, types] of refused) {
      expect(() => decodeTypedCursor(encodeCursor([...values]), types)).toThrow(
        expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'after' }) }),
      );
    }
  });

  it('caps page sizes at 100', () => {
    expect(pageSize(undefined)).toBe(20);
    expect(pageSize(100)).toBe(100);
    expect(() => pageSize(101)).toThrow(/between 1 and 100/);
    expect(() => pageSize(0)).toThrow(/between 1 and 100/);
  });

  it('uses the extra row only to say that another page exists', () => {
    const page = toConnection([{ id: 'a' }, { id: 'b' }, { id: 'c' }], 2, 3, (r) => [r.id]);
    expect(page.edges.map((e) => e.node.id)).toEqual(['a', 'b']);
    expect(page.pageInfo).toEqual({ hasNextPage: true, endCursor: encodeCursor(['b']) });
  });
});
