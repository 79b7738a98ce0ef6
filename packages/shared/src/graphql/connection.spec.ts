import { GraphQLError } from 'graphql';
import { decodeCursor, encodeCursor, pageSize, toConnection } from './connection';

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
