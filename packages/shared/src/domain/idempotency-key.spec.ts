import { requestDigest } from './idempotency-key';

describe('requestDigest', () => {
  const record = { referralId: 'r-1', service: 'MEDICAL_CARE', injuries: 'Bruising', pepGiven: true, notes: ['a', 'b'] };

  it('recognises a resend that spells the same request another way', () => {
    const digest = requestDigest(record);
    expect(requestDigest({ ...record, injuries: 'Bruising ' })).toBe(digest);
    expect(requestDigest({ ...record, outcome: null, followUpOn: undefined })).toBe(digest);
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
    expect(requestDigest({ ...record, injuries: '' })).not.toBe(digest);
    expect(requestDigest({ ...record, capacity: 0 })).not.toBe(digest);
  });
});
