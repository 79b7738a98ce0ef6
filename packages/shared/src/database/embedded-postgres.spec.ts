import { turnAfter } from './pglite-protocol-turns';

const message = (type: string, text = '') => new Uint8Array(Buffer.concat([Buffer.from(type), Buffer.alloc(4), Buffer.from(`${text}\0`)]));

// The races that showed the interleaving (50 concurrent referral transitions, 20 concurrent idempotent
// creates) run against the embedded database too: `npm run test:embedded` (CI runs it) runs services/referrals
// and e2e/src/referrals on it, and fails when a connection's transaction no longer keeps its turn.
describe('embedded PostgreSQL protocol turns', () => {
  it('keeps an extended-protocol cycle and a COPY on one connection until they end', () => {
    expect(turnAfter(null, 1, message('P'))).toBe(1);
    expect(turnAfter(1, 1, message('B'))).toBe(1);
    expect(turnAfter(1, 1, message('E'))).toBe(1);
    expect(turnAfter(1, 1, message('S'))).toBeNull();
    expect(turnAfter(null, 2, message('Q', 'SELECT 1'))).toBeNull();
    expect(turnAfter(null, 2, message('Q', 'COPY cases.child (id) FROM STDIN'))).toBe(2);
    expect(turnAfter(2, 2, message('d'))).toBe(2);
    expect(turnAfter(2, 2, message('c'))).toBeNull();
  });

  it('does not give a connection the turn for its start-up or a plain query', () => {
    expect(turnAfter(null, 3, new Uint8Array([0, 0, 0, 8, 4, 210, 22, 47]))).toBeNull();
    expect(turnAfter(null, 3, message('X'))).toBeNull();
  });
});
