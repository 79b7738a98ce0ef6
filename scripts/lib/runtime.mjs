// What `npm start`, `npm run token` and the smoke test share: where local state lives and the dev secrets.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
// Settings copied from .env.example into .env apply to all that starts from here (npm start, npm run token, the
// bench), read before anything below uses them; a variable already set in the environment wins.
if (existsSync(join(ROOT, '.env'))) process.loadEnvFile(join(ROOT, '.env'));
export const DATA_DIR = resolve(process.env.KINGA_DATA_DIR ?? join(ROOT, '.data'));

/** A setting given a value: `JWT_SECRET=` left blank in .env is no setting, as the services' config reads it. */
export const given = (value) => (typeof value === 'string' && value.trim() !== '' ? value : undefined);

/**
 * JWT_SECRET and SUBGRAPH_SECRET from the environment, or generated once into .data/secrets.json so that
 * tokens printed by one start keep working after the next. A blank one, in the environment or stored by an older
 * start, is replaced, never stored.
 */
export function developmentSecrets() {
  const file = join(DATA_DIR, 'secrets.json');
  let stored = {};
  if (existsSync(file)) stored = JSON.parse(readFileSync(file, 'utf8'));
  const fromEnvironment = { JWT_SECRET: given(process.env.JWT_SECRET), SUBGRAPH_SECRET: given(process.env.SUBGRAPH_SECRET) };
  const secrets = {
    JWT_SECRET: fromEnvironment.JWT_SECRET ?? given(stored.JWT_SECRET) ?? randomBytes(32).toString('base64url'),
    SUBGRAPH_SECRET: fromEnvironment.SUBGRAPH_SECRET ?? given(stored.SUBGRAPH_SECRET) ?? randomBytes(24).toString('base64url'),
  };
  if (!fromEnvironment.JWT_SECRET || !fromEnvironment.SUBGRAPH_SECRET) {
    mkdirSync(DATA_DIR, { recursive: true });
    writeFileSync(file, JSON.stringify({ JWT_SECRET: secrets.JWT_SECRET, SUBGRAPH_SECRET: secrets.SUBGRAPH_SECRET }, null, 2), {
      mode: 0o600,
    });
  }
  return secrets;
}

export function tokenSettings(secrets) {
  return {
    JWT_SECRET: secrets.JWT_SECRET,
    JWT_ISSUER: process.env.JWT_ISSUER ?? 'kinga-dev',
    JWT_AUDIENCE: process.env.JWT_AUDIENCE ?? 'kinga',
  };
}
