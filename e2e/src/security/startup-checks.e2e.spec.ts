import { spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');

/** Runs a built process with only the given environment and returns how it ended and what it said. */
function run(main: string, env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, main)], { env: { PATH: process.env.PATH ?? '', ...env } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

const UNSAFE_PRODUCTION = {
  NODE_ENV: 'production',
  JWT_SECRET: 'a-development-secret-that-is-long-enough-0123456789',
  SUBGRAPH_SECRET: 'short-but-16-chars',
  INTROSPECTION: 'true',
  PORT: '0',
  LOG_LEVEL: 'silent',
};

describe('production start-up checks of the real processes', () => {
  it('the gateway refuses to start and names each unsafe setting', async () => {
    const { code, output } = await run('gateway/dist/main.js', UNSAFE_PRODUCTION);
    expect(code).toBe(1);
    expect(output).toMatch(/the gateway cannot start/);
    for (const setting of ['JWT_SECRET', 'JWT_JWKS_URL', 'JWT_ISSUER', 'INTROSPECTION', 'SUBGRAPH_SECRET']) {
      expect(output).toMatch(new RegExp(`- ${setting}: `));
    }
  });

  it('a subgraph refuses to start without TLS to a remote PostgreSQL, and names it', async () => {
    const { code, output } = await run('services/directory/dist/main.js', {
      ...UNSAFE_PRODUCTION,
      DATABASE_URL: 'postgres://directory@db.example.org:5432/kinga',
    });
    expect(code).toBe(1);
    expect(output).toMatch(/the directory subgraph cannot start/);
    for (const setting of ['JWT_SECRET', 'INTROSPECTION', 'SUBGRAPH_SECRET', 'DB_SSL'])
      expect(output).toMatch(new RegExp(`- ${setting}: `));
  });

  it('a subgraph refuses to start without SUBGRAPH_SECRET', async () => {
    const { code, output } = await run('services/directory/dist/main.js', {
      NODE_ENV: 'production',
      JWT_JWKS_URL: 'https://login.kinga.go.ke/.well-known/jwks.json',
      JWT_ISSUER: 'https://login.kinga.go.ke/',
      DATABASE_URL: 'postgres://directory@127.0.0.1:5432/kinga',
      PORT: '0',
    });
    expect(code).toBe(1);
    expect(output).toMatch(/- SUBGRAPH_SECRET: missing/);
  });
});
