// `npm start`: the whole system on one machine. With no DATABASE_URL an embedded PostgreSQL (PGlite) serves
// .data/postgres on port 5433; the four subgraphs migrate and load their data, then the gateway starts.
// Logs of each process go to .data/logs/<name>.log; Ctrl-C stops everything.
import { spawn } from 'node:child_process';
import { closeSync, createWriteStream, mkdirSync, openSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { DATA_DIR, ROOT, developmentSecrets, given, tokenSettings } from './lib/runtime.mjs';

const require = createRequire(import.meta.url);
const { DEMO_CALLERS, signDevelopmentToken } = require('@kinga/shared');

const startedAt = Date.now();
const EMBEDDED_PORT = Number(process.env.EMBEDDED_POSTGRES_PORT ?? 5433);
const GATEWAY_PORT = Number(process.env.PORT ?? 4000);
// DESIGN's ports; DIRECTORY_PORT and friends move one, e.g. to run a second system beside the first.
const SUBGRAPHS = [
  ['directory', 4001],
  ['cases', 4002],
  ['referrals', 4003],
  ['programmes', 4004],
].map(([name, port]) => [name, Number(process.env[`${name.toUpperCase()}_PORT`] ?? port)]);
const children = [];
const logDir = join(DATA_DIR, 'logs');
mkdirSync(logDir, { recursive: true });

/** Stopped in this order, each stage once the one before has finished: requests in flight drain to the end. */
const STOP_ORDER = ['gateway', 'subgraph', 'database'];
/** Apollo's drain gives a stage's requests in flight up to 10 s; a process still running past this is killed. */
const STAGE_DEADLINE_MS = 15_000;
let stopping = false;

async function stopAll(code) {
  process.exitCode = code;
  if (stopping) return;
  stopping = true;
  for (const stage of STOP_ORDER) {
    const running = children.filter((child) => child.stage === stage && child.exitCode === null && child.signalCode === null);
    await Promise.all(
      running.map(
        (child) =>
          new Promise((resolve) => {
            const deadline = setTimeout(() => child.kill('SIGKILL'), STAGE_DEADLINE_MS);
            child.once('exit', () => {
              clearTimeout(deadline);
              resolve();
            });
            child.kill('SIGTERM');
          }),
      ),
    );
  }
  process.exit(code);
}
// Ctrl-C reaches every process of the terminal's group at once; those started here ignore it
// (KINGA_STOP_WITH_PARENT) and wait for their SIGTERM, so the order above holds.
process.on('SIGINT', () => {
  if (!stopping) console.log('\nStopping Kinga…');
  void stopAll(0);
});
process.on('SIGTERM', () => void stopAll(0));
// `npm start` runs this under a shell that passes no signal on: npm killed by its own pid (an IDE's stop button,
// `kill %1`) leaves this process an orphan holding every port, so it stops once the process that started it is gone.
const startedBy = process.ppid;
setInterval(() => {
  if (process.ppid === startedBy || stopping) return;
  console.log('\nStopping Kinga: the process that started it has gone…');
  void stopAll(0);
}, 1000).unref();

/** `readStdout`: the caller reads the child's standard output itself (the embedded database announces its URL there). */
function spawnProcess(name, args, env, { readStdout = false, stage = 'subgraph' } = {}) {
  const logFile = join(logDir, `${name}.log`);
  const log = createWriteStream(logFile, { flags: 'a' });
  // The child writes its log lines straight to the file: relaying one line per request through this process
  // cost the machine CPU that the services need under load.
  const logFd = openSync(logFile, 'a');
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['pipe', readStdout ? 'pipe' : logFd, 'pipe'] });
  closeSync(logFd);
  child.stderr.pipe(log);
  child.stderr.on('data', (chunk) => process.stderr.write(`[${name}] ${chunk}`));
  child.once('exit', (code, signal) => {
    if (stopping) return;
    // Any exit before Kinga is stopped leaves the system half up: a crash, or a process stopped from outside
    // (`kill`), which exits cleanly. Either way the rest is stopped and the reason said.
    if (code === 0 || signal) {
      console.error(`\n${name} was stopped from outside (${signal ?? 'exit 0'}): stopping the rest of Kinga.`);
    } else {
      console.error(`\n${name} stopped (exit ${code}). Last lines of ${logFile}:`);
      console.error(readFileSync(logFile, 'utf8').split('\n').slice(-15).join('\n'));
    }
    stopAll(1);
  });
  child.stage = stage;
  children.push(child);
  return child;
}

async function waitForHealth(name, url, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`${name} did not become healthy at ${url} within ${timeoutMs / 1000} s`);
}

/**
 * Connections the embedded PostgreSQL accepts: every subgraph's whole pool at once, and some to spare (psql, a
 * seed). Beyond it the socket server closes a new connection, so a `DB_POOL_SIZE` raised past the default
 * must raise this too.
 */
function embeddedMaxConnections(poolSize) {
  return Math.max(64, SUBGRAPHS.length * poolSize + 8);
}

async function startEmbeddedPostgres(poolSize) {
  const child = spawnProcess(
    'postgres',
    [
      join(ROOT, 'packages', 'shared', 'dist', 'database', 'embedded-postgres-main.js'),
      String(EMBEDDED_PORT),
      join(DATA_DIR, 'postgres'),
      String(embeddedMaxConnections(poolSize)),
    ],
    process.env,
    { readStdout: true, stage: 'database' },
  );
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the embedded PostgreSQL exited (${code}) before it was ready: its reason is above`)));
    createInterface({ input: child.stdout }).once('line', (line) => resolve(JSON.parse(line).url));
  });
}

/** A port another process holds would answer our health checks for us: refuse to start instead. */
function portIsFree(port) {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

/**
 * Old-space limit of each subgraph, unless the operator sets one in NODE_OPTIONS (the gateway sets its
 * workers' own: gateway/src/main.ts). Left alone, V8 let the cases process grow to 450 MB resident under
 * 100 requests a second of case lists, nearly all of it garbage; at 160 MB it peaked at 225 MB with the same
 * throughput (bench/NOTES.md). The services' `npm start` and docker-compose.yml pass the same limit.
 */
const SUBGRAPH_HEAP_MB = 160;
function subgraphHeapArgs() {
  return (process.env.NODE_OPTIONS ?? '').includes('--max-old-space-size') ? [] : [`--max-old-space-size=${SUBGRAPH_HEAP_MB}`];
}

async function main() {
  const ports = [...SUBGRAPHS.map(([, port]) => port), GATEWAY_PORT, ...(process.env.DATABASE_URL ? [] : [EMBEDDED_PORT])];
  const taken = [];
  for (const port of ports) if (!(await portIsFree(port))) taken.push(port);
  if (taken.length > 0) {
    throw new Error(
      `Port${taken.length > 1 ? 's' : ''} ${taken.join(', ')} ${taken.length > 1 ? 'are' : 'is'} in use: is Kinga already running? Stop it, or move ports with PORT, DIRECTORY_PORT, CASES_PORT, REFERRALS_PORT, PROGRAMMES_PORT, EMBEDDED_POSTGRES_PORT (and give a second system its own KINGA_DATA_DIR).`,
    );
  }
  const secrets = developmentSecrets();
  const embedded = !process.env.DATABASE_URL;
  // PGlite serves one session at a time: small pools keep the queue short.
  const poolSize = process.env.DB_POOL_SIZE ?? (embedded ? '3' : '10');
  let databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    databaseUrl = await startEmbeddedPostgres(Number(poolSize) || 0);
    console.log(`Embedded PostgreSQL (PGlite) on ${databaseUrl}, data in ${join(DATA_DIR, 'postgres')}`);
  } else {
    console.log(`Using PostgreSQL at ${new URL(databaseUrl).host}`);
  }
  const gatewayUrl = `http://127.0.0.1:${GATEWAY_PORT}/graphql`;
  const baseEnv = {
    ...process.env,
    ...secrets,
    NODE_ENV: given(process.env.NODE_ENV) ?? 'development',
    APOLLO_TELEMETRY_DISABLED: '1',
    DATABASE_URL: databaseUrl,
    GATEWAY_URL: gatewayUrl,
    DB_POOL_SIZE: poolSize,
    // Each stops when this process ends, however it ends: its standard input, a pipe from here, closes.
    KINGA_STOP_WITH_PARENT: '1',
  };
  await Promise.all(
    SUBGRAPHS.map(async ([name, port]) => {
      spawnProcess(name, [...subgraphHeapArgs(), join(ROOT, 'services', name, 'dist', 'main.js')], { ...baseEnv, PORT: String(port) });
      await waitForHealth(name, `http://127.0.0.1:${port}/health`);
    }),
  );
  const urls = Object.fromEntries(SUBGRAPHS.map(([name, port]) => [`${name.toUpperCase()}_URL`, `http://127.0.0.1:${port}/graphql`]));
  spawnProcess(
    'gateway',
    [join(ROOT, 'gateway', 'dist', 'main.js')],
    { ...baseEnv, ...urls, PORT: String(GATEWAY_PORT) },
    { stage: 'gateway' },
  );
  await waitForHealth('gateway', `http://127.0.0.1:${GATEWAY_PORT}/health`);

  const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
  console.log(`\nKinga is ready in ${seconds} s: ${gatewayUrl}  (logs: ${logDir})\n`);
  console.log('Tokens for the demo roles (valid 12 hours; `npm run token -- --help` mints others):');
  for (const [role, claims] of Object.entries(DEMO_CALLERS)) {
    console.log(`\n  ${role}  (${claims.name})\n  ${signDevelopmentToken(claims, tokenSettings(secrets))}`);
  }
  console.log(
    `\nTry it:\n  curl -s ${gatewayUrl} -H 'content-type: application/json' \\\n    -d '{"query":"{ serviceProviders(filter: {county: \\"047\\", services: [PSYCHOSOCIAL_SUPPORT]}, first: 10) { edges { node { name phone agency { name } county { name } } } } }"}'\n`,
  );
  console.log('Press Ctrl-C to stop.');
}

main().catch((error) => {
  console.error(error.message);
  stopAll(1);
});
