import { generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { Role } from './roles';
import { bearerToken, createTokenVerifier, InvalidTokenError, signDevelopmentToken } from './token-verifier';

const settings = { JWT_SECRET: 'a-development-secret-of-at-least-32-chars!!', JWT_ISSUER: 'kinga-dev', JWT_AUDIENCE: 'kinga' };
const claims = { sub: 'u1', name: 'Officer', role: Role.POLICE_CPU, counties: ['047'] };
const verify = createTokenVerifier(settings);
const sign = (payload: object, options: jwt.SignOptions = {}, secret: jwt.Secret = settings.JWT_SECRET) =>
  jwt.sign(payload, secret, { algorithm: 'HS256', issuer: 'kinga-dev', audience: 'kinga', expiresIn: '5m', ...options });

describe('token verification', () => {
  it('accepts a development token and returns its claims', async () => {
    await expect(verify(signDevelopmentToken(claims, settings))).resolves.toMatchObject({
      sub: 'u1',
      role: Role.POLICE_CPU,
      counties: ['047'],
    });
  });

  it.each([
    ['expired', () => sign(claims, { expiresIn: -60 })],
    ['not yet valid', () => sign(claims, { notBefore: 3600 })],
    ['wrong issuer', () => sign(claims, { issuer: 'someone-else' })],
    ['wrong audience', () => sign(claims, { audience: 'other' })],
    ['wrong secret', () => sign(claims, {}, 'another-secret-that-is-also-long-enough!!')],
    ['no expiry', () => jwt.sign(claims, settings.JWT_SECRET, { algorithm: 'HS256', issuer: 'kinga-dev', audience: 'kinga' })],
    ['unknown role', () => sign({ ...claims, role: 'SUPERUSER' })],
    ['malformed county', () => sign({ ...claims, counties: ['Nairobi'] })],
    [
      'alg none',
      () =>
        `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify({ ...claims, iss: 'kinga-dev', aud: 'kinga', exp: 9999999999 })).toString('base64url')}.`,
    ],
    [
      'tampered payload',
      () => {
        const [header, , signature] = sign(claims).split('.');
        return `${header}.${Buffer.from(JSON.stringify({ ...claims, role: Role.DCS_SUPERVISOR, iss: 'kinga-dev', aud: 'kinga', exp: 9999999999 })).toString('base64url')}.${signature}`;
      },
    ],
  ])('refuses a token that is %s', async (_case, makeToken) => {
    await expect(verify(makeToken())).rejects.toBeInstanceOf(InvalidTokenError);
  });

  it('refuses an RS256 token when configured for HS256 (algorithm confusion)', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const token = jwt.sign(claims, privateKey, { algorithm: 'RS256', issuer: 'kinga-dev', audience: 'kinga', expiresIn: '5m' });
    await expect(verify(token)).rejects.toBeInstanceOf(InvalidTokenError);
  });

  it('reads bearer tokens from the header and nothing else', () => {
    expect(bearerToken(undefined)).toBeUndefined();
    expect(bearerToken('Bearer abc.def.ghi')).toBe('abc.def.ghi');
    expect(bearerToken('Basic dXNlcjpwYXNz')).toBe('');
  });
});
