// `npm run bench`: load on loopback against a running system (`npm start`, ideally with DATABASE_URL set to the
// real PostgreSQL holding the scale data set: `npm run seed:scale`). Each operation runs through the gateway
// and, in the same run, straight to the owning subgraph, first at its target rate and then unthrottled (for
// the throughput ratio); results go to bench/results/latest.json and BENCHMARKS.md.
// Options: --duration 15 (seconds per run), --only B1,B5, --connections 16, --no-max (skip unthrottled runs),
// --render-only (BENCHMARKS.md again from the last results and bench/NOTES.md), --rate 30 (every paced run at
// this rate instead of the target's) with --out FILE (the JSON there; latest.json and BENCHMARKS.md untouched):
// for comparing two versions of the code below the machine's capacity, where CPU per request is measured
// rather than queueing.
import autocannon from 'autocannon';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { join } from 'node:path';
import { clearInterval, setInterval } from 'node:timers';
import { parseArgs } from 'node:util';
import { ROOT, developmentSecrets } from '../scripts/lib/runtime.mjs';
import { prepareOperations } from './operations.mjs';
import { pacedLoad } from './paced-load.mjs';

const require = createRequire(import.meta.url);
const { GATEWAY_SECRET_HEADER, SQL_STATEMENTS_HEADER } = require('@kinga/shared');

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '15' },
    only: { type: 'string', default: '' },
    connections: { type: 'string', default: '16' },
    gateway: { type: 'string', default: 'http://127.0.0.1:4000/graphql' },
    'no-max': { type: 'boolean', default: false },
    rate: { type: 'string', default: '' },
    out: { type: 'string', default: '' },
    notes: { type: 'string', default: join(ROOT, 'bench', 'NOTES.md') },
    // Writes BENCHMARKS.md again from bench/results/latest.json and the notes, without running anything.
    'render-only': { type: 'boolean', default: false },
  },
});
const DURATION = Number(values.duration);
const RATE_OVERRIDE = values.rate ? Number(values.rate) : null;
if (RATE_OVERRIDE !== null && !values.out) {
  // A run at another rate than the targets' must not replace the figures the targets are judged on.
  console.error('--rate needs --out FILE: BENCHMARKS.md reports runs at the target rates only');
  process.exit(2);
}
/**
 * Paced runs start with this much unrecorded load at the same rate (bench/paced-load.mjs says why). Five
 * seconds, not two: an operation's first seconds in freshly started processes cost about a fifth more CPU per
 * request (V8 still compiling its paths), which is start-up, not the steady state the targets are about.
 */
const WARMUP_SECONDS = 5;
const PORTS = { gateway: 4000, directory: 4001, cases: 4002, referrals: 4003, programmes: 4004 };

/** Every process holding the port's listening socket (the gateway's cluster workers share it), and their children. */
function pidsListeningOn(port) {
  try {
    const out = execFileSync('ss', ['-ltnpH', `sport = :${port}`], { encoding: 'utf8' });
    const pids = new Set([...out.matchAll(/pid=(\d+)/g)].map((m) => Number(m[1])));
    for (const pid of [...pids]) {
      try {
        const children = execFileSync('ps', ['--ppid', String(pid), '-o', 'pid='], { encoding: 'utf8' });
        for (const child of children.split('\n').map(Number).filter(Boolean)) pids.add(child);
      } catch {
        // no children
      }
    }
    return [...pids];
  } catch {
    return [];
  }
}

function rssMb(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024;
  } catch {
    return 0;
  }
}

/** CPU time (user + system, ms) a process has used so far, from /proc; null once it has exited. */
function cpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null;
  }
}

/** The PostgreSQL backends serving the benchmarked database (their titles name it). */
function databaseBackends(database) {
  if (!database) return [];
  try {
    const out = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
    return out
      .split('\n')
      .filter((line) => line.includes('postgres:') && line.includes(` ${database} `))
      .map((line) => Number(line.trim().split(/\s+/)[0]));
  } catch {
    return [];
  }
}

const DATABASE_NAME = process.env.DATABASE_URL ? new URL(process.env.DATABASE_URL).pathname.slice(1) : null;

function cpuSnapshot(groups) {
  return Object.fromEntries(Object.entries(groups).map(([name, list]) => [name, new Map(list.map((pid) => [pid, cpuMs(pid)]))]));
}

/** CPU ms per kind of process between two snapshots, over the processes alive at both. */
function cpuSpent(before, after) {
  return Object.fromEntries(
    Object.keys(before).map((name) => {
      let spent = 0;
      for (const [pid, start] of before[name]) {
        const end = after[name].get(pid);
        if (start !== null && end !== null && end !== undefined) spent += end - start;
      }
      return [name, spent];
    }),
  );
}

function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] * 100) / 100;
}

/** Closed-loop, as fast as `connections` kept-alive connections allow: the throughput ("max") runs. */
async function unthrottled({ url, headers, bodies, connections, onResponse, onError }) {
  let next = 0;
  const instance = autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: bodies[0],
    // Requests rotate over the bodies (e.g. 100 different referral references), so no single row stays hot.
    requests: [
      {
        setupRequest: (request) => ({ ...request, body: bodies[next++ % bodies.length] }),
        onResponse: (status, body) => onResponse(status, body),
      },
    ],
    duration: DURATION,
    connections: connections ?? Number(values.connections),
  });
  const latencies = [];
  instance.on('response', (_client, _statusCode, _bytes, responseTime) => latencies.push(responseTime));
  instance.on('reqError', onError);
  await new Promise((resolve, reject) => {
    instance.once('done', resolve);
    instance.once('error', reject);
  });
  // Every error and timeout was counted once by onError (autocannon's reqError); its totals count them again.
  return { latencies, failures: 0, lateStarts: null };
}

/** At the operation's target rate, requests evenly spaced (bench/paced-load.mjs says why not autocannon). */
async function paced({ url, headers, bodies, rate, onResponse, onError, onMeasureStart }) {
  const run = await pacedLoad({
    url,
    headers,
    bodies,
    rate,
    seconds: DURATION,
    warmupSeconds: WARMUP_SECONDS,
    onMeasureStart,
    onResponse: (status, body) => onResponse(status, body),
    onError,
  });
  // Failed requests were counted by onError; those still unanswered at the deadline are failures as well.
  return { latencies: run.latencies, failures: run.unanswered, lateStarts: run.lateStarts };
}

/** One run; latencies are collected per response, so percentiles are exact rather than histogram buckets. */
async function load({ url, headers, bodies, rate, connections }) {
  const loadBefore = os.loadavg()[0];
  let errors = 0;
  let graphqlErrors = 0;
  const pids = Object.fromEntries(Object.entries(PORTS).map(([name, port]) => [name, pidsListeningOn(port)]));
  const peak = Object.fromEntries(Object.keys(pids).map((name) => [name, 0]));
  const sampler = setInterval(() => {
    for (const [name, list] of Object.entries(pids)) for (const pid of list) peak[name] = Math.max(peak[name], rssMb(pid));
  }, 250);
  // The same backends before and after: the pools keep their connections, so these are the ones that work.
  const groups = { ...pids, postgres: databaseBackends(DATABASE_NAME) };
  let cpuBefore = cpuSnapshot(groups);
  // Every answer is read, to count those that carry GraphQL errors beside their data.
  const onResponse = (status, body) => {
    if (status !== 200) errors += 1;
    if (body && body.includes('"errors"')) graphqlErrors += 1;
  };
  const onError = () => (errors += 1);
  const run = rate
    ? await paced({ url, headers, bodies, rate, onResponse, onError, onMeasureStart: () => (cpuBefore = cpuSnapshot(groups)) })
    : await unthrottled({ url, headers, bodies, connections, onResponse, onError });
  const latencies = run.latencies;
  clearInterval(sampler);
  const cpu = cpuSpent(cpuBefore, cpuSnapshot(groups));
  // Backends the pools opened during the run spent all their CPU in it.
  for (const pid of databaseBackends(DATABASE_NAME).filter((pid) => !groups.postgres.includes(pid))) cpu.postgres += cpuMs(pid) ?? 0;
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    rps: Math.round((latencies.length / DURATION) * 10) / 10,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: percentile(latencies, 100),
    errors: errors + run.failures,
    // Paced runs: requests the generator sent more than one interval late (it, not the system, fell behind).
    lateStarts: run.lateStarts,
    // Responses that carry GraphQL errors beside their data (e.g. a FORBIDDEN field), counted apart.
    responsesWithGraphqlErrors: graphqlErrors,
    // The machine is shared: the 1-minute load average before and after the run says how busy it was.
    loadAverage: [Math.round(loadBefore * 100) / 100, Math.round(os.loadavg()[0] * 100) / 100],
    peakRssMb: Object.fromEntries(Object.entries(peak).map(([k, v]) => [k, Math.round(v)])),
    processes: Object.fromEntries(Object.entries(pids).map(([k, v]) => [k, v.length])),
    // Where the time goes: CPU ms each kind of process spent per request (PostgreSQL: the database's backends;
    // one that closes during the run is missed, so that figure is a lower bound).
    cpuMsPerRequest: Object.fromEntries(
      Object.entries(cpu).map(([k, v]) => [k, latencies.length ? Math.round((v / latencies.length) * 100) / 100 : null]),
    ),
  };
}

async function post(url, headers, body) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const text = await response.text();
  return { status: response.status, header: response.headers.get(SQL_STATEMENTS_HEADER), text };
}

/** Transactions the whole database has committed or rolled back: the fallback cost measure without the header. */
async function databaseTransactions(client) {
  const { rows } = await client.query(`SELECT xact_commit + xact_rollback AS n FROM pg_stat_database WHERE datname = current_database()`);
  return Number(rows[0].n);
}

/**
 * SQL statements per operation: from the subgraph's `x-kinga-sql-statements` response header when it sends
 * one; otherwise from the database's transaction counter over `samples` sequential requests (every statement
 * outside a transaction is one), which PostgreSQL publishes within about ten seconds.
 */
async function sqlCost(url, headers, body, pgClient, samples = 20) {
  const first = await post(url, headers, body);
  if (first.header !== null) return { statements: Number(first.header), method: 'header' };
  if (!pgClient) return { statements: null, method: 'unavailable' };
  await new Promise((r) => setTimeout(r, 11_000));
  const before = await databaseTransactions(pgClient);
  for (let i = 0; i < samples; i += 1) await post(url, headers, body);
  await new Promise((r) => setTimeout(r, 11_000));
  const after = await databaseTransactions(pgClient);
  return { statements: Math.round(((after - before - 1) / samples) * 10) / 10, method: 'pg_stat_database transactions' };
}

function verdict(op, viaGateway, ratio) {
  const misses = [];
  for (const [metric, limit] of Object.entries(op.targets ?? {}).filter(([metric]) => metric !== 'noErrors')) {
    const value = viaGateway[metric];
    if (value === null || value > limit)
      misses.push(`${metric} ${value} ms > ${limit} ms (${Math.round((value / limit) * 100 - 100)}% over)`);
  }
  if (op.rate && viaGateway.rps < op.rate * 0.95) misses.push(`${viaGateway.rps} rps < ${op.rate} rps`);
  if (viaGateway.errors > 0) misses.push(`${viaGateway.errors} failed requests`);
  if (op.targets?.noErrors && viaGateway.responsesWithGraphqlErrors > 0) {
    misses.push(`${viaGateway.responsesWithGraphqlErrors} responses with GraphQL errors`);
  }
  if (ratio !== null && ratio < 0.5) misses.push(`gateway/direct ${ratio} < 0.5`);
  const peak = Math.max(...Object.values(viaGateway.peakRssMb));
  if (peak > 300) misses.push(`peak RSS ${peak} MB > 300 MB`);
  return misses;
}

/** BENCHMARKS.md as `npm run lint` (prettier --check) expects it. */
async function writeBenchmarks(report) {
  const file = join(ROOT, 'BENCHMARKS.md');
  const prettier = await import('prettier');
  const options = (await prettier.resolveConfig(file)) ?? {};
  writeFileSync(file, await prettier.format(renderMarkdown(report, readNotes()), { ...options, parser: 'markdown' }));
}

function readNotes() {
  try {
    return readFileSync(values.notes, 'utf8');
  } catch {
    return '';
  }
}

async function main() {
  if (values['render-only']) {
    const report = JSON.parse(readFileSync(join(ROOT, 'bench', 'results', 'latest.json'), 'utf8'));
    await writeBenchmarks(report);
    console.log('wrote BENCHMARKS.md from bench/results/latest.json');
    return;
  }
  const health = await fetch(values.gateway.replace('/graphql', '/health')).catch(() => null);
  if (!health?.ok) {
    console.error(`No gateway at ${values.gateway}. Start the system first: npm start (with DATABASE_URL for the real server).`);
    process.exit(2);
  }
  const secrets = developmentSecrets();
  const pgClient = process.env.DATABASE_URL ? new (require('pg').Client)({ connectionString: process.env.DATABASE_URL }) : null;
  await pgClient?.connect();
  const database = pgClient ? await datasetSize(pgClient) : null;
  const operations = (await prepareOperations({ gatewayUrl: values.gateway, secrets })).filter(
    (op) => !values.only || values.only.split(',').includes(op.id),
  );
  const results = [];
  for (const op of operations) {
    if (RATE_OVERRIDE !== null) op.rate = RATE_OVERRIDE;
    const directHeaders = { ...op.headers, [GATEWAY_SECRET_HEADER]: secrets.SUBGRAPH_SECRET };
    process.stdout.write(`${op.id} ${op.title}: gateway… `);
    const viaGateway = await load({
      url: values.gateway,
      headers: op.headers,
      bodies: op.bodies,
      rate: op.rate,
      connections: op.connections,
    });
    process.stdout.write(`direct (${op.direct.subgraph})… `);
    const direct = await load({
      url: op.direct.url,
      headers: directHeaders,
      bodies: op.directBodies,
      rate: op.rate,
      connections: op.connections,
    });
    let maxGateway = null;
    let maxDirect = null;
    if (!values['no-max']) {
      process.stdout.write('unthrottled… ');
      maxGateway = await load({ url: values.gateway, headers: op.headers, bodies: op.bodies, connections: op.connections });
      maxDirect = await load({ url: op.direct.url, headers: directHeaders, bodies: op.directBodies, connections: op.connections });
    }
    process.stdout.write('SQL… ');
    const sql = await sqlCost(op.direct.url, directHeaders, op.directBodies[0], pgClient);
    const sqlByPageSize = {};
    for (const [size, body] of Object.entries(op.pageVariants ?? {}))
      sqlByPageSize[size] = (await sqlCost(op.direct.url, directHeaders, body, pgClient)).statements;
    const ratio = maxGateway && maxDirect ? Math.round((maxGateway.rps / maxDirect.rps) * 100) / 100 : null;
    const result = {
      ...op.describe,
      rate: op.rate,
      viaGateway,
      direct,
      maxThroughput: { gateway: maxGateway?.rps ?? null, direct: maxDirect?.rps ?? null, gatewayRun: maxGateway, directRun: maxDirect },
      gatewayToDirectRatio: ratio,
      sqlStatements: sql.statements,
      sqlMethod: sql.method,
      sqlByPageSize,
    };
    result.misses = verdict(op, viaGateway, ratio);
    results.push(result);
    console.log(
      `p99 ${viaGateway.p99} ms via gateway, ${direct.p99} ms direct; CPU ms/request via gateway ${JSON.stringify(viaGateway.cpuMsPerRequest)}${result.misses.length ? `; MISSED: ${result.misses.join('; ')}` : '; targets met'}`,
    );
  }
  await pgClient?.end();
  const cpus = os.cpus();
  const machine = {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    kernel: `${os.type()} ${os.release()}`,
    node: process.version,
    date: new Date().toISOString(),
    database: database ?? 'unknown (DATABASE_URL not set for the bench)',
    gatewayProcesses: results[0]?.viaGateway.processes.gateway ?? null,
  };
  mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
  const report = { machine, durationSeconds: DURATION, connections: Number(values.connections), results };
  if (values.out) {
    writeFileSync(values.out, JSON.stringify(report, null, 2));
    console.log(`\nwrote ${values.out}`);
    return;
  }
  writeFileSync(join(ROOT, 'bench', 'results', 'latest.json'), JSON.stringify(report, null, 2));
  await writeBenchmarks(report);
  console.log('\nwrote bench/results/latest.json and BENCHMARKS.md');
}

async function datasetSize(client) {
  const count = async (table) =>
    Number((await client.query(`SELECT reltuples::bigint AS n FROM pg_class WHERE oid = $1::regclass`, [table])).rows[0].n);
  const { rows } = await client.query('SELECT version() AS v');
  return {
    server: rows[0].v.split(' on ')[0],
    cases: await count('cases."case"'),
    referrals: await count('referrals.referral'),
    referralEvents: await count('referrals.referral_event'),
  };
}

const fmt = (v) => (v === null || v === undefined ? 'n/a' : v);

function renderMarkdown({ machine, durationSeconds, connections, results }, notes) {
  const db =
    typeof machine.database === 'object'
      ? `${machine.database.server}, ${machine.database.cases.toLocaleString('en')} cases, ${machine.database.referrals.toLocaleString('en')} referrals, ${machine.database.referralEvents.toLocaleString('en')} referral events (planner estimates)`
      : machine.database;
  const rows = results.map((r) =>
    [
      r.id,
      r.target,
      `${r.viaGateway.rps} / ${r.rate}`,
      r.viaGateway.p50,
      r.viaGateway.p95,
      r.viaGateway.p99,
      `${r.viaGateway.errors} / ${r.viaGateway.responsesWithGraphqlErrors}`,
      r.direct.rps,
      r.direct.p50,
      r.direct.p95,
      r.direct.p99,
      fmt(r.maxThroughput.gateway),
      fmt(r.maxThroughput.direct),
      fmt(r.gatewayToDirectRatio),
      `${fmt(r.sqlStatements)}${
        Object.keys(r.sqlByPageSize).length
          ? ` (${Object.entries(r.sqlByPageSize)
              .map(([k, v]) => `${k}: ${fmt(v)}`)
              .join(', ')})`
          : ''
      }`,
      Object.entries(r.viaGateway.peakRssMb)
        .map(([k, v]) => `${k} ${v}`)
        .join(', '),
      r.viaGateway.loadAverage.join(' → '),
      r.misses.length ? `missed: ${r.misses.join('; ')}` : 'met',
    ].join(' | '),
  );
  const methods = [...new Set(results.map((r) => r.sqlMethod))].join(', ');
  return `# Benchmarks

Produced by \`npm run bench\` (bench/run.mjs); the raw figures are in \`bench/results/latest.json\`. Data set: \`npm run seed:scale\`.

- Machine: ${machine.cpus} cores (${machine.cpuModel}), ${machine.memoryGb} GiB, ${machine.kernel}, Node ${machine.node}; ${machine.date}.
- Database: ${db}.
- Gateway processes: ${fmt(machine.gatewayProcesses)} (\`GATEWAY_WORKERS\`).
- Load from a second process on loopback, ${durationSeconds} s per run. Each operation runs through the gateway and straight to its owning subgraph (which then answers only its own share: other subgraphs' fields cut to their keys), first at the target rate with requests evenly spaced (constant arrival rate after a ${WARMUP_SECONDS}-second warm-up at that rate, latency counted from when each request was due: bench/paced-load.mjs), then unthrottled ("max": autocannon, ${connections} connections, closed loop) for the gateway-to-direct throughput ratio. Latencies in ms, exact percentiles over every response. B1 rotates over 100 references, B5 over 6 counties.
- SQL/op: statements per operation sent straight to the owning subgraph (method: ${methods}); in brackets the same at page sizes 5, 20 and 50 (must not grow).
- Peak RSS: the largest resident set of any one process of each kind during the gateway run at the target rate, in MB.
- Load avg: the machine's 1-minute load average before → after the gateway run (2 cores, shared with other work).

| id | target | rps (achieved / asked) | p50 | p95 | p99 | failed / with GraphQL errors | direct rps | direct p50 | direct p95 | direct p99 | max rps gateway | max rps direct | gateway/direct | SQL/op | peak RSS MB | load avg | verdict |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
${rows.map((r) => `| ${r} |`).join('\n')}

CPU time per request by process, in ms (gateway run at the target rate; from /proc, user + system):

| id | gateway | directory | cases | referrals | programmes | PostgreSQL | total |
| --- | --- | --- | --- | --- | --- | --- | --- |
${results
  .map((r) => {
    const cpu = r.viaGateway.cpuMsPerRequest ?? {};
    const names = ['gateway', 'directory', 'cases', 'referrals', 'programmes', 'postgres'];
    const total = names.reduce((sum, name) => sum + (cpu[name] ?? 0), 0);
    return `| ${r.id} | ${names.map((name) => fmt(cpu[name])).join(' | ')} | ${Math.round(total * 100) / 100} |`;
  })
  .join('\n')}

Operations:
${results.map((r) => `- **${r.id}** ${r.title} (as ${r.role}; owning subgraph: ${r.subgraph})`).join('\n')}
${notes ? `\n${notes}` : ''}`;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
