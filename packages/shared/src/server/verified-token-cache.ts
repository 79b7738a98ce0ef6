import jwt from 'jsonwebtoken';
import type { Caller } from '../auth/caller';
import { KEY_CACHE_MS, type TokenVerifier } from '../auth/token-verifier';

export const VERIFIED_TOKEN_CACHE_SIZE = 10_000;

/**
 * Remembers tokens this process has already verified, until they expire. Verifying an HS256 token cost
 * 0.6 ms of CPU per request (jsonwebtoken builds a key object from the secret every time: 29% of the
 * referrals subgraph's CPU at 650 requests/s, bench/ and BENCHMARKS.md), and a client sends the same token
 * for its whole life. Only tokens that passed the full verification (signature, algorithm, issuer,
 * audience, expiry, claims) are remembered, keyed by the exact token string; a remembered token is used
 * only before its `exp`, and for no longer than signing keys are kept, then verified afresh: withdrawing a
 * leaked key is the one revocation an identity provider has, and a token remembered until an `exp` years
 * away would outlive it. A token verified just before the keys were due to be fetched again is remembered
 * that long from then, so a withdrawn key stops every token within twice `KEY_CACHE_MS` (20 minutes).
 * Bounded: the least recently used entry goes first.
 */
export interface CachingTokenVerifier extends TokenVerifier {
  /** Whether this token has passed verification here and has not expired: it cannot be a guess. */
  knows(token: string): boolean;
}

export function cacheVerifiedTokens(
  verify: TokenVerifier,
  maxEntries = VERIFIED_TOKEN_CACHE_SIZE,
  now = () => Date.now(),
  maxRememberMs = KEY_CACHE_MS,
): CachingTokenVerifier {
  const verified = new Map<string, { caller: Caller; expiresAtMs: number }>();
  // Every request gets its own copy: nothing one request does to its caller can reach another.
  const copy = (caller: Caller): Caller => ({ ...caller, counties: [...caller.counties] });
  const verifyCaching = async (token: string): Promise<Caller> => {
    const remembered = verified.get(token);
    if (remembered) {
      verified.delete(token);
      if (now() < remembered.expiresAtMs) {
        verified.set(token, remembered);
        return copy(remembered.caller);
      }
    }
    const caller = await verify(token);
    const payload = jwt.decode(token, { json: true });
    if (typeof payload?.exp === 'number') {
      verified.set(token, { caller: copy(caller), expiresAtMs: Math.min(payload.exp * 1000, now() + maxRememberMs) });
      if (verified.size > maxEntries) verified.delete(verified.keys().next().value as string);
    }
    return caller;
  };
  const knows = (token: string): boolean => {
    const remembered = verified.get(token);
    return remembered !== undefined && now() < remembered.expiresAtMs;
  };
  return Object.assign(verifyCaching, { knows });
}
