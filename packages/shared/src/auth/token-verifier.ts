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

const ASYMMETRIC: Algorithm[] = ['RS256', 'ES256'];
const CLOCK_TOLERANCE_SECONDS = 5;

export type TokenVerifier = (token: string) => Promise<Caller>;

/**
 * One verifier per process. The algorithm list is fixed by configuration, never read from the token,
 * so `alg: none` and HS/RS confusion are refused by construction.
 */
export function createTokenVerifier(settings: TokenSettings): TokenVerifier {
  let key: jwt.Secret | jwt.GetPublicKeyOrSecret;
  let algorithms: Algorithm[];
  if (settings.JWT_JWKS_URL) {
    const client = jwksClient({ jwksUri: settings.JWT_JWKS_URL, cache: true, rateLimit: true });
    algorithms = ASYMMETRIC;
    key = (header: JwtHeader, callback: SigningKeyCallback) => {
      client.getSigningKey(header.kid, (err, signingKey) => callback(err, signingKey?.getPublicKey()));
    };
  } else if (settings.JWT_SECRET) {
    algorithms = ['HS256'];
    // Given a string, jsonwebtoken builds a key object on every verify (0.6 ms of CPU each): build it once.
    key = createSecretKey(Buffer.from(settings.JWT_SECRET, 'utf8'));
  } else {
    throw new Error('Token verification needs JWT_SECRET (development) or JWT_JWKS_URL (production)');
  }

  return (token) =>
    new Promise<Caller>((resolve, reject) => {
      jwt.verify(
        token,
        key as jwt.Secret,
        { algorithms, issuer: settings.JWT_ISSUER, audience: settings.JWT_AUDIENCE, clockTolerance: CLOCK_TOLERANCE_SECONDS },
        (err, payload) => {
          if (err) return reject(new InvalidTokenError(err.message));
          if (!payload || typeof payload !== 'object' || payload.exp === undefined) {
            return reject(new InvalidTokenError('token has no expiry'));
          }
          const claims = callerClaimsSchema.safeParse(payload);
          if (!claims.success) return reject(new InvalidTokenError('token claims are not those of a Kinga caller'));
          resolve(claims.data);
        },
      );
    });
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
