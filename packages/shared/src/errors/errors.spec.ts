import { badUserInput, forbidden, unauthenticated } from './errors';

describe('client errors', () => {
  it('carry their code and message but no stack frames, and leave the stack trace limit as it was', () => {
    const before = Error.stackTraceLimit;
    for (const error of [forbidden('You may not see reason of this referral'), unauthenticated(), badUserInput('bad', 'input.x')]) {
      expect(error.extensions.code).toEqual(expect.any(String));
      expect(error.stack ?? '').not.toMatch(/\n\s+at /);
    }
    expect(Error.stackTraceLimit).toBe(before);
    expect(new Error('a fault').stack).toMatch(/\n\s+at /);
  });
});
