import jwt from 'jsonwebtoken';
import type { Caller } from '../auth/caller';
import { Role } from '../auth/roles';
import { createTokenVerifier, InvalidTokenError, KEY_CACHE_MS } from '../auth/token-verifier';
import { TEST_TOKEN_SETTINGS, testToken } from '../testing/test-env';
import { cacheVerifiedTokens } from './verified-token-cache';

const CLAIMS = { sub: 'officer-1', name: 'Officer', role: Role.DCS_OFFICER, counties: ['047'] };

function counting(verify = createTokenVerifier(TEST_TOKEN_SETTINGS)) {
  const calls: string[] = [];
  return {
    calls,
    verify: async (token: string) => {
      calls.push(token);
      return verify(token);
    },
  };
}

describe('cacheVerifiedTokens', () => {
  it('verifies a token once and answers again from memory, each time with its own copy of the caller', async () => {
    const inner = counting();
    const verify = cacheVerifiedTokens(inner.verify);
    const token = testToken(CLAIMS);
    const first = await verify(token);
    const second = await verify(token);
    expect(second).toEqual(first);
    expect(second).not.toBe(first);
    expect(second.counties).not.toBe(first.counties);
    expect(inner.calls).toHaveLength(1);
  });

  it('knows a token only after it has verified, and only until it expires', async () => {
    let nowMs = Date.now();
    const verify = cacheVerifiedTokens(counting().verify, 10, () => nowMs);
    const token = testToken(CLAIMS);
    expect(verify.knows(token)).toBe(false);
    await verify(token);
    expect(verify.knows(token)).toBe(true);
    expect(verify.knows(`${token.slice(0, -4)}AAAA`)).toBe(false);
    nowMs += 25 * 3600_000;
    expect(verify.knows(token)).toBe(false);
  });

  it('never remembers a token that failed verification', async () => {
    const inner = counting();
    const verify = cacheVerifiedTokens(inner.verify);
    const forged = jwt.sign(CLAIMS, 'another-secret-that-is-long-enough-0123456789', {
      issuer: TEST_TOKEN_SETTINGS.JWT_ISSUER,
      audience: TEST_TOKEN_SETTINGS.JWT_AUDIENCE,
      expiresIn: '1h',
    });
    await expect(verify(forged)).rejects.toBeInstanceOf(InvalidTokenError);
    await expect(verify(forged)).rejects.toBeInstanceOf(InvalidTokenError);
    expect(inner.calls).toHaveLength(2);
  });

  it('verifies afresh once the remembered token has expired', async () => {
    let clock = Date.now();
    const caller: Caller = { sub: 's', name: 'n', role: Role.ANALYST, counties: [] };
    const calls: string[] = [];
    const verify = cacheVerifiedTokens(
      async (token) => {
        calls.push(token);
        if (clock >= expiresAt * 1000) throw new InvalidTokenError('jwt expired');
        return caller;
      },
      10,
      () => clock,
    );
    const expiresAt = Math.floor(clock / 1000) + 60;
    const token = jwt.sign({ ...CLAIMS, exp: expiresAt }, 'any-secret');
    await verify(token);
    await verify(token);
    expect(calls).toHaveLength(1);
    clock = expiresAt * 1000;
    await expect(verify(token)).rejects.toBeInstanceOf(InvalidTokenError);
    expect(calls).toHaveLength(2);
  });

  it('verifies a long-lived token afresh once signing keys are refetched, so a withdrawn key stops it', async () => {
    let clock = Date.now();
    let keyWithdrawn = false;
    const caller: Caller = { sub: 's', name: 'n', role: Role.DATA_PROTECTION_OFFICER, counties: [] };
    const calls: string[] = [];
    const verify = cacheVerifiedTokens(
      async (token) => {
        calls.push(token);
        if (keyWithdrawn) throw new InvalidTokenError('no signing key with this id is published');
        return caller;
      },
      10,
      () => clock,
    );
    const token = jwt.sign({ ...CLAIMS, exp: Math.floor(clock / 1000) + 10 * 365 * 24 * 3600 }, 'any-secret');
    await verify(token);
    clock += KEY_CACHE_MS - 1;
    await verify(token);
    expect(calls).toHaveLength(1);
    keyWithdrawn = true;
    clock += 1;
    expect(verify.knows(token)).toBe(false);
    await expect(verify(token)).rejects.toBeInstanceOf(InvalidTokenError);
    expect(calls).toHaveLength(2);
  });

  it('keeps at most the given number of tokens, dropping the least recently used', async () => {
    const inner = counting();
    const verify = cacheVerifiedTokens(inner.verify, 2);
    const [a, b, c] = ['a', 'b', 'c'].map((sub) => testToken({ ...CLAIMS, sub }));
    await verify(a);
    await verify(b);
    await verify(a);
    await verify(c);
    await verify(a);
    expect(inner.calls).toEqual([a, b, c]);
    await verify(b);
    expect(inner.calls).toEqual([a, b, c, b]);
  });
});
