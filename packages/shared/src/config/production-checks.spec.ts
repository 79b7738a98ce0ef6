import { ConfigError } from './config';
import { loadSubgraphConfig } from '../server/subgraph-runtime';

/** What an operator would set for a real deployment; each test breaks one thing. */
const PRODUCTION: NodeJS.ProcessEnv = {
  NODE_ENV: 'production',
  JWT_JWKS_URL: 'https://login.kinga.go.ke/.well-known/jwks.json',
  JWT_ISSUER: 'https://login.kinga.go.ke/',
  JWT_AUDIENCE: 'kinga',
  SUBGRAPH_SECRET: 'a3f9c1e07b5d24e8a3f9c1e07b5d24e8a3f9c1e07b5d24e8',
  DATABASE_URL: 'postgres://cases@db.internal.kinga.go.ke:5432/kinga',
  DB_SSL: 'true',
};

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadSubgraphConfig('cases', env);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message
      .split('\n')
      .slice(1)
      .map((line) => line.replace(/^\s+- /, ''));
  }
}

describe('production start-up checks of a subgraph', () => {
  it('starts with a complete production configuration', () => {
    expect(problemsOf(PRODUCTION)).toEqual([]);
    expect(loadSubgraphConfig('cases', PRODUCTION).DB_SSL).toBe(true);
  });

  it.each<[string, NodeJS.ProcessEnv, RegExp]>([
    ['a development JWT secret', { JWT_SECRET: 'x'.repeat(40) }, /^JWT_SECRET: a shared development secret is not allowed in production/],
    ['no JWKS endpoint', { JWT_JWKS_URL: undefined }, /^JWT_JWKS_URL: required in production/],
    [
      'keys fetched in the clear',
      { JWT_JWKS_URL: 'http://login.kinga.go.ke/.well-known/jwks.json' },
      /^JWT_JWKS_URL: must be an https:\/\//,
    ],
    ['the development issuer', { JWT_ISSUER: 'kinga-dev' }, /^JWT_ISSUER: the development issuer/],
    ['no SUBGRAPH_SECRET', { SUBGRAPH_SECRET: undefined }, /^SUBGRAPH_SECRET: missing/],
    [
      'a short SUBGRAPH_SECRET',
      { SUBGRAPH_SECRET: 'sixteen-chars-ok!' },
      /^SUBGRAPH_SECRET: must be at least 32 random characters in production/,
    ],
    ['introspection on', { INTROSPECTION: 'true' }, /^INTROSPECTION: must be off in production/],
    ['no TLS to a remote PostgreSQL', { DB_SSL: 'false' }, /^DB_SSL: must be true in production/],
    ['no TLS by default', { DB_SSL: undefined }, /^DB_SSL: must be true in production/],
    [
      'TLS turned off in the URL',
      { DATABASE_URL: 'postgres://cases@db.internal.kinga.go.ke:5432/kinga?sslmode=disable' },
      /^DATABASE_URL: sslmode=disable weakens the TLS DB_SSL asks for/,
    ],
    [
      "the server's certificate left unchecked in the URL",
      { DATABASE_URL: 'postgres://cases@db.internal.kinga.go.ke:5432/kinga?sslmode=no-verify' },
      /^DATABASE_URL: sslmode=no-verify weakens/,
    ],
    [
      'TLS turned off by a second sslmode, the one the driver keeps',
      { DATABASE_URL: 'postgres://cases@db.internal.kinga.go.ke:5432/kinga?sslmode=verify-full&sslmode=disable' },
      /^DATABASE_URL: sslmode=disable weakens/,
    ],
    [
      'TLS turned off in the migrating URL',
      { MIGRATION_DATABASE_URL: 'postgres://cases_owner@db.internal.kinga.go.ke:5432/kinga?ssl=0' },
      /^MIGRATION_DATABASE_URL: ssl=0 weakens/,
    ],
    ['demo data', { DEMO_DATA: 'true' }, /^DEMO_DATA: invented records are never loaded in production/],
    ['no database', { DATABASE_URL: undefined }, /^DATABASE_URL \(or CASES_DATABASE_URL\): missing/],
    [
      'migrations on another database',
      { MIGRATION_DATABASE_URL: 'postgres://cases_owner@db.internal.kinga.go.ke:5432/other' },
      /^MIGRATION_DATABASE_URL: must name the same server and database as DATABASE_URL/,
    ],
    [
      'a serving role left unnamed',
      {
        DATABASE_URL: 'postgres://db.internal.kinga.go.ke:5432/kinga',
        MIGRATION_DATABASE_URL: 'postgres://cases_owner@db.internal.kinga.go.ke:5432/kinga',
      },
      /^DATABASE_URL: must name its role/,
    ],
  ])('refuses to start with %s, and says which setting', (_what, change, problem) => {
    const problems = problemsOf({ ...PRODUCTION, ...change });
    expect(problems).toContainEqual(expect.stringMatching(problem));
  });

  it('takes a schema owner to migrate, per subgraph too', () => {
    const owner = 'postgres://cases_owner@db.internal.kinga.go.ke:5432/kinga';
    expect(loadSubgraphConfig('cases', { ...PRODUCTION, MIGRATION_DATABASE_URL: owner }).MIGRATION_DATABASE_URL).toBe(owner);
    expect(loadSubgraphConfig('cases', { ...PRODUCTION, CASES_MIGRATION_DATABASE_URL: owner }).MIGRATION_DATABASE_URL).toBe(owner);
    // The same server, whether or not a URL writes the default port.
    expect(problemsOf({ ...PRODUCTION, MIGRATION_DATABASE_URL: 'postgres://cases_owner@db.internal.kinga.go.ke/kinga' })).toEqual([]);
  });

  it('refuses to start against a database on another host with NODE_ENV unset, which would mean development', () => {
    // Blank, as `NODE_ENV=` in an env file leaves it, is unset too.
    for (const unset of [undefined, '', ' ']) {
      expect(problemsOf({ ...PRODUCTION, NODE_ENV: unset, DB_SSL: undefined })).toContainEqual(
        expect.stringMatching(/^NODE_ENV: not set, and DATABASE_URL names a database on another host/),
      );
    }
    expect(problemsOf({ ...PRODUCTION, NODE_ENV: undefined, DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/kinga' })).toEqual([]);
    expect(problemsOf({ ...PRODUCTION, NODE_ENV: 'development' })).toEqual([]);
  });

  it('accepts a URL that asks for full verification, as DB_SSL does', () => {
    expect(problemsOf({ ...PRODUCTION, DATABASE_URL: `${PRODUCTION.DATABASE_URL}?sslmode=verify-full` })).toEqual([]);
  });

  it('accepts a local PostgreSQL without TLS', () => {
    expect(problemsOf({ ...PRODUCTION, DB_SSL: 'false', DATABASE_URL: 'postgres://cases@127.0.0.1:5432/kinga' })).toEqual([]);
    expect(problemsOf({ ...PRODUCTION, DB_SSL: 'false', CASES_DATABASE_URL: 'postgres://cases@localhost/kinga' })).toEqual([]);
  });

  it('reports every problem at once', () => {
    const problems = problemsOf({ ...PRODUCTION, JWT_SECRET: 'x'.repeat(40), INTROSPECTION: 'true', DB_SSL: 'false' });
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['DB_SSL', 'INTROSPECTION', 'JWT_SECRET']);
  });

  it('reports the production rules with the malformed settings, not after a restart', () => {
    // A missing secret and a malformed port used to hide the development JWT secret until they were mended.
    const problems = problemsOf({ ...PRODUCTION, SUBGRAPH_SECRET: undefined, PORT: 'eighty', JWT_SECRET: 'x'.repeat(40) });
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['JWT_SECRET', 'PORT', 'SUBGRAPH_SECRET']);
  });

  it('says nothing more of a malformed setting than that it is malformed', () => {
    // The JWKS address is no URL: "required in production" would send the operator looking for a missing one.
    const problems = problemsOf({ ...PRODUCTION, JWT_JWKS_URL: 'not a url', DATABASE_URL: 'nowhere' });
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['DATABASE_URL', 'JWT_JWKS_URL']);
  });

  it('allows development settings outside production', () => {
    expect(
      problemsOf({ ...PRODUCTION, NODE_ENV: 'development', JWT_SECRET: 'x'.repeat(40), INTROSPECTION: 'true', DB_SSL: 'false' }),
    ).toEqual([]);
  });
});
