import { createHmac, generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import jwt from 'jsonwebtoken';
import { Role } from './roles';
import { bearerToken, createTokenVerifier, InvalidTokenError, signDevelopmentToken, TokenKeysUnavailableError } from './token-verifier';

const settings = { JWT_SECRET: 'a-development-secret-of-at-least-32-chars!!', JWT_ISSUER: 'kinga-dev', JWT_AUDIENCE: 'kinga' };
const claims = { sub: 'u1', name: 'Officer', role: Role.POLICE_CPU, providerId: 'b0000000-0000-4000-8000-0000000000cd', counties: ['047'] };
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
    ['a county officer without a counties claim', () => sign({ sub: 'u2', name: 'Officer', role: Role.DCS_SUPERVISOR })],
    ['a programme officer without a counties claim', () => sign({ sub: 'u5', name: 'M&E', role: Role.PROGRAMME_OFFICER })],
    ['a directory maintainer without a counties claim', () => sign({ sub: 'u6', name: 'Maintainer', role: Role.DIRECTORY_ADMIN })],
    ['a police officer without a providerId claim', () => sign({ sub: 'u8', name: 'Officer', role: Role.POLICE_CPU, counties: ['047'] })],
    ['a clinician without a providerId claim', () => sign({ sub: 'u9', name: 'Clinician', role: Role.GBVRC_CLINICIAN })],
    ['an NGO caseworker without a providerId claim', () => sign({ sub: 'u10', name: 'Caseworker', role: Role.NGO_CASEWORKER })],
    ['a partner system without an agencyId claim', () => sign({ sub: 'u11', name: 'Sync', role: Role.PARTNER_SYSTEM })],
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

  it('names the claim a genuine token lacks, so its holder knows what to ask their identity provider for', async () => {
    await expect(verify(sign({ sub: 'u11', name: 'Sync', role: Role.PARTNER_SYSTEM }))).rejects.toMatchObject({
      claimProblems: 'agencyId: PARTNER_SYSTEM needs an agencyId claim: the agency it acts for',
    });
  });

  it('takes agency and provider ids in any case, as the database writes them: in lower case', async () => {
    const agencyId = 'A0000000-0000-4000-8000-0000000000AB';
    const providerId = 'B0000000-0000-4000-8000-0000000000CD';
    await expect(verify(sign({ sub: 'u7', name: 'Officer', role: Role.POLICE_CPU, agencyId, providerId }))).resolves.toMatchObject({
      agencyId: agencyId.toLowerCase(),
      providerId: providerId.toLowerCase(),
    });
  });

  it('takes a national county officer only from an explicit empty counties claim; other roles may leave it out', async () => {
    await expect(verify(sign({ sub: 'u3', name: 'National', role: Role.DCS_SUPERVISOR, counties: [] }))).resolves.toMatchObject({
      counties: [],
    });
    await expect(verify(sign({ sub: 'u4', name: 'Analyst', role: Role.ANALYST }))).resolves.toMatchObject({ counties: [] });
    await expect(verify(sign({ sub: 'u6', name: 'Maintainer', role: Role.DIRECTORY_ADMIN, counties: [] }))).resolves.toMatchObject({
      counties: [],
    });
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

describe('token verification against an identity provider’s published keys (JWKS)', () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const published = { keys: [{ ...publicKey.export({ format: 'jwk' }), kid: 'real-1', use: 'sig', alg: 'RS256' }] };
  const provider = { JWT_ISSUER: 'https://id.example.go.ke/', JWT_AUDIENCE: 'kinga' };
  let server: Server;
  let url: string;
  let fetches = 0;
  let up = true;
  /** Issued a minute ago unless `iat` says otherwise (seconds), signed with the first key unless another is given. */
  const signed = (kid: string, iat = Math.floor(Date.now() / 1000) - 60, key = privateKey) =>
    jwt.sign({ ...claims, iat }, key, { algorithm: 'RS256', keyid: kid, issuer: provider.JWT_ISSUER, audience: 'kinga', expiresIn: '5m' });

  beforeAll(async () => {
    server = createServer((_req, res) => {
      fetches += 1;
      if (!up) {
        res.writeHead(503).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(published));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    fetches = 0;
    up = true;
  });

  it('accepts a token signed with a published key, and refuses one whose key id is not published', async () => {
    const verifyJwks = createTokenVerifier({ ...provider, JWT_JWKS_URL: url });
    await expect(verifyJwks(signed('real-1'))).resolves.toMatchObject({ sub: 'u1' });
    await expect(verifyJwks(signed('made-up'))).rejects.toBeInstanceOf(InvalidTokenError);
  });

  it('fetches the key set once for a flood of made-up key ids, refusing them as not published, and still verifies real tokens first seen after it', async () => {
    // A cold verifier (a restart): the flood comes first, so the real key id is one it has never seen.
    const verifyJwks = createTokenVerifier({ ...provider, JWT_JWKS_URL: url });
    const outcomes = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        verifyJwks(signed(`made-up-${i}`)).then(
          () => 'accepted',
          (error: Error) => error.name,
        ),
      ),
    );
    expect(new Set(outcomes)).toEqual(new Set(['InvalidTokenError']));
    expect(fetches).toBe(1);
    await expect(verifyJwks(signed('real-1'))).resolves.toMatchObject({ sub: 'u1' });
    expect(fetches).toBe(1);
  });

  it('asks to retry a token naming a key rotated in after the last fetch, and verifies it once the set is fetched again', async () => {
    let offset = 0;
    const verifyJwks = createTokenVerifier({ ...provider, JWT_JWKS_URL: url }, () => Date.now() + offset);
    await expect(verifyJwks(signed('real-1'))).resolves.toMatchObject({ sub: 'u1' });
    const next = generateKeyPairSync('rsa', { modulusLength: 2048 });
    published.keys.push({ ...next.publicKey.export({ format: 'jwk' }), kid: 'real-2', use: 'sig', alg: 'RS256' });
    try {
      const rotated = signed('real-2', Math.floor(Date.now() / 1000), next.privateKey);
      await expect(verifyJwks(rotated)).rejects.toBeInstanceOf(TokenKeysUnavailableError);
      offset += 11_000;
      await expect(verifyJwks(rotated)).resolves.toMatchObject({ sub: 'u1' });
      expect(fetches).toBe(2);
    } finally {
      published.keys.pop();
    }
  });

  it('keeps verifying with the keys it holds while the provider is down, past their ten minutes', async () => {
    let offset = 0;
    const verifyJwks = createTokenVerifier({ ...provider, JWT_JWKS_URL: url }, () => Date.now() + offset);
    await expect(verifyJwks(signed('real-1'))).resolves.toMatchObject({ sub: 'u1' });
    up = false;
    offset += 11 * 60_000;
    await expect(verifyJwks(signed('real-1'))).resolves.toMatchObject({ sub: 'u1' });
    expect(fetches).toBe(2);
  });

  it('refuses as invalid a token whose payload is not JSON, and one claiming to be issued in the future', async () => {
    const verifyJwks = createTokenVerifier({ ...provider, JWT_JWKS_URL: url });
    await expect(verifyJwks('eyJhbGciOiJSUzI1NiIsImtpZCI6ImsifQ.eA.x')).rejects.toBeInstanceOf(InvalidTokenError);
    await expect(verifyJwks(signed('real-1'))).resolves.toMatchObject({ sub: 'u1' });
    await expect(verifyJwks(signed('made-up', 9_999_999_999))).rejects.toBeInstanceOf(InvalidTokenError);
  });

  it('verifies a token that names no key when the provider publishes one', async () => {
    const verifyJwks = createTokenVerifier({ ...provider, JWT_JWKS_URL: url });
    const unnamed = jwt.sign(claims, privateKey, { algorithm: 'RS256', issuer: provider.JWT_ISSUER, audience: 'kinga', expiresIn: '5m' });
    await expect(verifyJwks(unnamed)).resolves.toMatchObject({ sub: 'u1' });
  });

  it('refuses an HS256 token signed with the published public key, and an unsigned one', async () => {
    const verifyJwks = createTokenVerifier({ ...provider, JWT_JWKS_URL: url });
    const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const header = (alg: string) => Buffer.from(JSON.stringify({ alg, typ: 'JWT', kid: 'real-1' })).toString('base64url');
    const body = Buffer.from(
      JSON.stringify({ ...claims, iss: provider.JWT_ISSUER, aud: 'kinga', exp: Math.floor(Date.now() / 1000) + 300 }),
    ).toString('base64url');
    const hmac = createHmac('sha256', pem)
      .update(`${header('HS256')}.${body}`)
      .digest('base64url');
    await expect(verifyJwks(`${header('HS256')}.${body}.${hmac}`)).rejects.toBeInstanceOf(InvalidTokenError);
    await expect(verifyJwks(`${header('none')}.${body}.`)).rejects.toBeInstanceOf(InvalidTokenError);
  });

  it('says the keys are unavailable, not that the token is bad, when the key set cannot be fetched', async () => {
    up = false;
    const verifyJwks = createTokenVerifier({ ...provider, JWT_JWKS_URL: url });
    await expect(verifyJwks(signed('real-1'))).rejects.toBeInstanceOf(TokenKeysUnavailableError);
  });
});
