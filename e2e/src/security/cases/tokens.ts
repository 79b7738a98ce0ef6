import { createHmac, generateKeyPairSync } from 'node:crypto';
import { Role, type CallerClaims } from '@kinga/shared';
import { TEST_JWT_SECRET, testToken } from '@kinga/shared/testing';
import jwt from 'jsonwebtoken';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();

const now = () => Math.floor(Date.now() / 1000);
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

const ADMIN: CallerClaims = { sub: 'sec-admin', name: 'Directory Admin', role: Role.DIRECTORY_ADMIN, counties: [] };
const ANALYST: CallerClaims = { sub: 'sec-analyst', name: 'Analyst', role: Role.ANALYST };
const STANDARD = { issuer: 'kinga-dev', audience: 'kinga' };

function sign(claims: Record<string, unknown>, options: jwt.SignOptions = {}, secret: jwt.Secret = TEST_JWT_SECRET): string {
  const merged: jwt.SignOptions = { algorithm: 'HS256', ...STANDARD, ...(claims.exp === undefined ? { expiresIn: '1h' } : {}), ...options };
  for (const key of Object.keys(merged) as Array<keyof jwt.SignOptions>) if (merged[key] === undefined) delete merged[key];
  return jwt.sign(claims, secret, merged);
}

/** Swaps the payload of a validly signed token, keeping its signature. */
function tamper(token: string, change: Record<string, unknown>): string {
  const [header, payload, signature] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
  return [header, b64({ ...claims, ...change }), signature].join('.');
}

/** Every token a case can name: the two that are valid, and the attacks. */
export const TOKENS = {
  admin: () => testToken(ADMIN),
  analyst: () => testToken(ANALYST),
  expired: () => sign({ ...ADMIN, iat: now() - 7200, exp: now() - 3600 }, { expiresIn: undefined }),
  notYetValid: () => sign({ ...ADMIN }, { notBefore: '1h' }),
  wrongIssuer: () => sign({ ...ADMIN }, { issuer: 'https://evil.example.org/' }),
  wrongAudience: () => sign({ ...ADMIN }, { audience: 'someone-else' }),
  noExpiry: () => jwt.sign({ ...ADMIN }, TEST_JWT_SECRET, { algorithm: 'HS256', ...STANDARD }),
  wrongSecret: () => sign({ ...ADMIN }, {}, 'an-attacker-secret-that-is-also-long-enough-0123'),
  algNone: () => `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...ADMIN, iss: 'kinga-dev', aud: 'kinga', exp: now() + 3600 })}.`,
  algNoneUppercase: () => `${b64({ alg: 'NONE', typ: 'JWT' })}.${b64({ ...ADMIN, iss: 'kinga-dev', aud: 'kinga', exp: now() + 3600 })}.`,
  rs256Attacker: () => jwt.sign({ ...ADMIN }, privateKey, { algorithm: 'RS256', ...STANDARD, expiresIn: '1h' }),
  /** HS/RS confusion: HS256 signed with a public key as if it were the shared secret. */
  hsWithPublicKey: () => {
    const header = b64({ alg: 'HS256', typ: 'JWT' });
    const payload = b64({ ...ADMIN, iss: 'kinga-dev', aud: 'kinga', exp: now() + 3600 });
    return `${header}.${payload}.${createHmac('sha256', publicPem).update(`${header}.${payload}`).digest('base64url')}`;
  },
  // With the counties a maintainer's token must carry, so that only the signature can refuse it.
  tamperedRole: () => tamper(testToken(ANALYST), { role: Role.DIRECTORY_ADMIN, counties: [] }),
  tamperedCounties: () => tamper(testToken({ ...ANALYST, counties: ['047'] }), { counties: [] }),
  tamperedExpiry: () => tamper(sign({ ...ADMIN, iat: now() - 7200, exp: now() - 3600 }, { expiresIn: undefined }), { exp: now() + 3600 }),
  unknownRole: () => sign({ sub: 'sec-x', name: 'X', role: 'SUPERUSER' }),
  noSubject: () => sign({ name: 'X', role: Role.ANALYST }),
  countiesNotCodes: () => sign({ ...ANALYST, counties: ["047' OR 1=1"] }),
  garbage: () => 'not-a-jwt',
  emptySignature: () => `${testToken(ADMIN).split('.').slice(0, 2).join('.')}.`,
  oversized: () => sign({ ...ANALYST, padding: 'x'.repeat(20_000) }),
} as const;

export type TokenName = keyof typeof TOKENS;
