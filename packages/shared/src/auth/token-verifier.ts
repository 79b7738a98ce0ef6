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
  constructor(reason: string) {
    super(reason);
    this.name = 'InvalidTokenError';
  }
}

/** The identity provider's keys could not be fetched: the token may be fine, so this is not the caller's fault. */
export class TokenKeysUnavailableError extends Error {
  constructor(reason: string) {
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
export function createTokenVerifier(settings: TokenSettings): TokenVerifier {
  const algorithms: Algorithm[] = settings.JWT_JWKS_URL ? ASYMMETRIC : ['HS256'];
  let keyFor: () => { key: jwt.Secret | jwt.GetPublicKeyOrSecret; keyError(): Error | undefined; verified(kid?: string): void };
  if (settings.JWT_JWKS_URL) {
    const keys = jwksKeys(settings.JWT_JWKS_URL);
    keyFor = () => {
      let error: Error | undefined;
      return {
        key: (header: JwtHeader, callback: SigningKeyCallback) =>
          keys.get(header.kid).then(
            (publicKey) => callback(null, publicKey),
            (err: Error) => {
              error = err;
              callback(err);
            },
          ),
        keyError: () => error,
        verified: (kid) => keys.remember(kid),
      };
    };
  } else if (settings.JWT_SECRET) {
    // Given a string, jsonwebtoken builds a key object on every verify (0.6 ms of CPU each): build it once.
    const secret = createSecretKey(Buffer.from(settings.JWT_SECRET, 'utf8'));
    const fixed = { key: secret, keyError: () => undefined, verified: () => undefined };
    keyFor = () => fixed;
  } else {
    throw new Error('Token verification needs JWT_SECRET (development) or JWT_JWKS_URL (production)');
  }

  return (token) =>
    new Promise<Caller>((resolve, reject) => {
      const { key, keyError, verified } = keyFor();
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
          const fetchFailed = keyError();
          if (fetchFailed && fetchFailed.name !== 'SigningKeyNotFoundError')
            return reject(new TokenKeysUnavailableError(fetchFailed.message));
          if (err) return reject(new InvalidTokenError(err.message));
          const payload = decoded?.payload;
          if (!payload || typeof payload !== 'object' || payload.exp === undefined) {
            return reject(new InvalidTokenError('token has no expiry'));
          }
          const claims = callerClaimsSchema.safeParse(payload);
          if (!claims.success) return reject(new InvalidTokenError('token claims are not those of a Kinga caller'));
          verified(decoded?.header.kid);
          resolve(claims.data);
        },
      );
    });
}

/**
 * The identity provider's signing keys. A key id that has verified a token before is fetched again whenever
 * its cached copy ages out, with no limit: only real tokens bring such ids. Any other id is looked up at most
 * `DISCOVERY_PER_MINUTE` times a minute, and past that refused at once (jwks-rsa's own limiter queues the
 * lookups instead, holding each request for seconds): tokens with made-up key ids, which anyone can send, use
 * up only that budget, and never stop real tokens from being verified when their key's copy expires.
 */
function jwksKeys(jwksUri: string, now = () => Date.now()) {
  const knownIds = new Set<string>();
  const client = jwksClient({ jwksUri, cache: true, cacheMaxAge: KEY_CACHE_MS, rateLimit: false, timeout: KEYS_TIMEOUT_MS });
  let windowStartedAt = 0;
  let lookups = 0;
  const mayLookUp = (): boolean => {
    if (now() - windowStartedAt >= 60_000) {
      windowStartedAt = now();
      lookups = 0;
    }
    lookups += 1;
    return lookups <= DISCOVERY_PER_MINUTE;
  };
  return {
    async get(kid: string | undefined): Promise<string> {
      const known = kid !== undefined && knownIds.has(kid);
      if (!known && !mayLookUp()) throw new TokenKeysUnavailableError('too many lookups of key ids not seen before');
      return (await client.getSigningKey(kid)).getPublicKey();
    },
    remember(kid: string | undefined): void {
      // Bounded: an identity provider publishes a handful of keys; past this, the oldest ids are forgotten.
      if (kid === undefined || knownIds.has(kid)) return;
      if (knownIds.size >= MAX_KNOWN_KEY_IDS) knownIds.delete(knownIds.values().next().value as string);
      knownIds.add(kid);
    },
  };
}

const KEY_CACHE_MS = 10 * 60 * 1000;
const KEYS_TIMEOUT_MS = 5_000;
const DISCOVERY_PER_MINUTE = 10;
const MAX_KNOWN_KEY_IDS = 32;

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
