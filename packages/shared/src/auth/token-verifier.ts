import { createSecretKey } from 'node:crypto';
import jwt, { type Algorithm, type JwtHeader, type SigningKeyCallback } from 'jsonwebtoken';
import jwksClient from 'jwks-rsa';
import { callerClaimsSchema, type Caller, type CallerClaims } from './caller';

export interface TokenSettings {
  JWT_SECRET?: string;
  JWT_JWKS_URL?: string;
  JWT_ISSUER: string;
  JWT_AUDIENCE: string;
}

export class InvalidTokenError extends Error {
  /**
   * @param claimProblems what is wrong with a genuine token's claims, by claim name and in our words only (never a
   * value): the holder can take it to their identity provider, since signing in again would give the same token.
   */
  constructor(
    reason: string,
    readonly claimProblems?: string,
  ) {
    super(claimProblems ? `${reason}: ${claimProblems}` : reason);
    this.name = 'InvalidTokenError';
  }
}

/**
 * The identity provider's keys could not be fetched (`fetchFailed`), or the token names a key newer than those
 * fetched, to be fetched again shortly: either way the token may be fine, so this is not the caller's fault.
 */
export class TokenKeysUnavailableError extends Error {
  constructor(
    reason: string,
    readonly fetchFailed = true,
  ) {
    super(reason);
    this.name = 'TokenKeysUnavailableError';
  }
}

const ASYMMETRIC: Algorithm[] = ['RS256', 'ES256'];
const CLOCK_TOLERANCE_SECONDS = 5;

export type TokenVerifier = (token: string) => Promise<Caller>;

/**
 * One verifier per process. The algorithm list is fixed by configuration, never read from the token,
 * so `alg: none` and HS/RS confusion are refused by construction.
 */
export function createTokenVerifier(settings: TokenSettings, clock: () => number = Date.now): TokenVerifier {
  const algorithms: Algorithm[] = settings.JWT_JWKS_URL ? ASYMMETRIC : ['HS256'];
  let keyFor: (token: string) => { key: jwt.Secret | jwt.GetPublicKeyOrSecret; keyError(): Error | undefined };
  if (settings.JWT_JWKS_URL) {
    const keys = jwksKeys(settings.JWT_JWKS_URL, clock);
    keyFor = (token) => {
      let error: Error | undefined;
      return {
        key: (header: JwtHeader, callback: SigningKeyCallback) =>
          keys
            .get(header.kid, () => issuedAtOf(token))
            .then(
              (publicKey) => callback(null, publicKey),
              (err: Error) => {
                error = err;
                callback(err);
              },
            ),
        keyError: () => error,
      };
    };
  } else if (settings.JWT_SECRET) {
    // Given a string, jsonwebtoken builds a key object on every verify (0.6 ms of CPU each): build it once.
    const secret = createSecretKey(Buffer.from(settings.JWT_SECRET, 'utf8'));
    const fixed = { key: secret, keyError: () => undefined };
    keyFor = () => fixed;
  } else {
    throw new Error('Token verification needs JWT_SECRET (development) or JWT_JWKS_URL (production)');
  }

  return (token) =>
    new Promise<Caller>((resolve, reject) => {
      const { key, keyError } = keyFor(token);
      jwt.verify(
        token,
        key as jwt.Secret,
        {
          algorithms,
          issuer: settings.JWT_ISSUER,
          audience: settings.JWT_AUDIENCE,
          clockTolerance: CLOCK_TOLERANCE_SECONDS,
          complete: true,
        },
        (err, decoded) => {
          const keyFailed = keyError();
          if (keyFailed instanceof TokenKeysUnavailableError) return reject(keyFailed);
          if (err) return reject(new InvalidTokenError(err.message));
          const payload = decoded?.payload;
          if (!payload || typeof payload !== 'object' || payload.exp === undefined) {
            return reject(new InvalidTokenError('token has no expiry'));
          }
          const claims = callerClaimsSchema.safeParse(payload);
          if (!claims.success) {
            const problems = claims.error.issues.map((problem) => `${problem.path.join('.') || 'claims'}: ${problem.message}`).join('; ');
            return reject(new InvalidTokenError('token claims are not those of a Kinga caller', problems));
          }
          resolve(claims.data);
        },
      );
    });
}

/**
 * The identity provider's signing keys, fetched as one set and kept for `KEY_CACHE_MS`. A key id the set
 * does not hold makes the set be fetched again, at most once per `REFRESH_COOLDOWN_MS` (one fetch at a time),
 * and is otherwise refused as not published: made-up key ids, which anyone can send, cost one fetch per
 * interval and never stand between real tokens and their keys, after a restart or a rotation alike. A token
 * with no key id is verified when the provider publishes one key. A token issued after the set was last
 * fetched, naming a key the set lacks, is answered as keys unavailable (retry shortly) rather than invalid: it
 * may be signed with a key just rotated in. While the provider cannot be reached, the keys already held keep
 * serving; only a key never fetched is unavailable.
 */
function jwksKeys(jwksUri: string, now: () => number) {
  const client = jwksClient({ jwksUri, cache: false, rateLimit: false, timeout: KEYS_TIMEOUT_MS });
  let keys = new Map<string | undefined, string>();
  let fetchedAt = Number.NEGATIVE_INFINITY;
  let triedAt = Number.NEGATIVE_INFINITY;
  let fetching: Promise<void> | null = null;
  const fetchKeys = (): Promise<void> =>
    (fetching ??= client
      .getSigningKeys()
      .then(
        (signingKeys) => {
          keys = new Map(signingKeys.map((key) => [key.kid ?? undefined, key.getPublicKey()]));
          fetchedAt = now();
        },
        (error: Error) => {
          throw new TokenKeysUnavailableError(error.message);
        },
      )
      .finally(() => {
        fetching = null;
      }));
  const held = (kid: string | undefined): string | undefined =>
    kid === undefined && keys.size === 1 ? keys.values().next().value : keys.get(kid);
  return {
    async get(kid: string | undefined, issuedAt: () => number | undefined): Promise<string> {
      const stale = now() - fetchedAt >= KEY_CACHE_MS;
      if ((stale || held(kid) === undefined) && now() - triedAt >= REFRESH_COOLDOWN_MS) {
        triedAt = now();
        try {
          await fetchKeys();
        } catch (error) {
          if (held(kid) === undefined) throw error;
        }
      } else if (fetching) {
        // Another request is fetching the set: its answer is the one to decide with.
        await fetching.catch(() => undefined);
      }
      const key = held(kid);
      if (key !== undefined) return key;
      if (fetchedAt === Number.NEGATIVE_INFINITY) throw new TokenKeysUnavailableError('the signing keys have not been fetched yet');
      // A key set fetched before the token was issued may predate a rotation: the client is told to retry,
      // and within the cool-down the set is fetched again. One fetched since cannot: the key is not published.
      // The claim is unverified: an `iat` in the future (beyond the clock's tolerance) is no issue time.
      const issuedSeconds = issuedAt();
      const issuedMs = issuedSeconds === undefined ? undefined : issuedSeconds * 1000;
      if (issuedMs !== undefined && issuedMs <= now() + CLOCK_TOLERANCE_SECONDS * 1000 && fetchedAt < issuedMs + 1000)
        throw new TokenKeysUnavailableError('the token names a key newer than the keys fetched; they are fetched again shortly', false);
      throw new InvalidTokenError(
        kid === undefined
          ? 'the token names no key, and the provider publishes several'
          : 'the token is signed with a key the provider does not publish',
      );
    },
  };
}

/** How long fetched signing keys are kept: a key the provider withdraws verifies no new token after this. */
export const KEY_CACHE_MS = 10 * 60 * 1000;
const KEYS_TIMEOUT_MS = 5_000;
const REFRESH_COOLDOWN_MS = 10_000;

/** The token's `iat` (seconds), read before it is verified: only to tell a key not yet fetched from one never published. */
function issuedAtOf(token: string): number | undefined {
  try {
    const payload = jwt.decode(token, { json: true });
    return typeof payload?.iat === 'number' ? payload.iat : undefined;
  } catch {
    // A payload that is not JSON: verification refuses the token, as invalid.
    return undefined;
  }
}

/** Development tokens (HS256). Production tokens come from the identity provider. */
export function signDevelopmentToken(
  claims: CallerClaims,
  settings: Pick<TokenSettings, 'JWT_ISSUER' | 'JWT_AUDIENCE'> & { JWT_SECRET: string },
  expiresIn: jwt.SignOptions['expiresIn'] = '12h',
): string {
  const parsed = callerClaimsSchema.parse(claims);
  return jwt.sign(parsed, settings.JWT_SECRET, {
    algorithm: 'HS256',
    issuer: settings.JWT_ISSUER,
    audience: settings.JWT_AUDIENCE,
    expiresIn,
  });
}

export function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  return match ? match[1] : '';
}
