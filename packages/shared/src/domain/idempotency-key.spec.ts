import { createHash } from 'node:crypto';
import { isDigestOf, requestDigest } from './idempotency-key';

describe('requestDigest', () => {
  const record = { referralId: 'r-1', service: 'MEDICAL_CARE', injuries: 'Bruising', pepGiven: true, notes: ['a', 'b'] };

  it('recognises a resend that spells the same request another way', () => {
    const digest = requestDigest(record);
    expect(requestDigest({ ...record, injuries: 'Bruising ' })).toBe(digest);
    expect(requestDigest({ ...record, outcome: null, followUpOn: undefined, disability: '  ' })).toBe(digest);
    expect(requestDigest({ notes: ['a', 'b'], pepGiven: true, injuries: 'Bruising', service: 'MEDICAL_CARE', referralId: 'r-1' })).toBe(
      digest,
    );
    expect(requestDigest([{ ...record, extra: null }])).toBe(requestDigest([record]));
  });

  it('tells another request apart', () => {
    const digest = requestDigest(record);
    expect(requestDigest({ ...record, injuries: 'Bruising on the arm' })).not.toBe(digest);
    expect(requestDigest({ ...record, pepGiven: false })).not.toBe(digest);
    expect(requestDigest({ ...record, notes: ['b', 'a'] })).not.toBe(digest);
    expect(requestDigest({ ...record, injuries: null })).not.toBe(digest);
    expect(requestDigest({ ...record, capacity: 0 })).not.toBe(digest);
  });
});

describe('isDigestOf', () => {
  const input = { countyCode: '047', categories: ['NEGLECT'], riskLevel: 'HIGH', child: { firstName: 'Amani', lastName: null } };

  it('recognises a request by the digest kept now, and by the one kept before (the request as sent)', () => {
    expect(isDigestOf(requestDigest(input), input)).toBe(true);
    const keptBefore = createHash('sha256').update(JSON.stringify(input)).digest('hex');
    expect(keptBefore).not.toBe(requestDigest(input));
    expect(isDigestOf(keptBefore, input)).toBe(true);
  });

  it('recognises no other request', () => {
    const other = { ...input, riskLevel: 'LOW' };
    expect(isDigestOf(requestDigest(input), other)).toBe(false);
    expect(isDigestOf(createHash('sha256').update(JSON.stringify(input)).digest('hex'), other)).toBe(false);
  });
});
