// `npm run soak`: a bounded mixed read/write load on loopback against a running system (`npm start`), for
// 10 minutes by default. Not part of CI. It reports errors by kind, latency, lost writes (created vs found
// afterwards) and the resident memory (RSS) of every Kinga process over time.
//
//   npm run soak -- [--minutes 10] [--rate 40] [--workers 8] [--url http://127.0.0.1:4000/graphql]
//                   [--pid gateway=1234 --pid directory=1235 ...]
//
// Each worker signs in as its own subject and stays under the gateway's production per-caller rate limit
// (RATE_LIMIT_PER_MINUTE, 600 a minute): with the defaults a worker sends 5 requests a second.
// Processes are found by their listening ports (4000-4004, 5433) through /proc unless --pid is given.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { clearInterval, setInterval } from 'node:timers';
import { developmentSecrets, tokenSettings } from './lib/runtime.mjs';

const require = createRequire(import.meta.url);
const { DEMO_CALLERS, demoProviderId, DEMO_PROVIDERS, Role, signDevelopmentToken } = require('@kinga/shared');

function parseArgs(argv) {
  const options = { minutes: 10, rate: 40, workers: 8, url: 'http://127.0.0.1:4000/graphql', pids: {} };
  for (let i = 0; i < argv.length; i += 1) {
    const [key, value] = [argv[i], argv[i + 1]];
    if (key === '--minutes') options.minutes = Number(value);
    else if (key === '--rate') options.rate = Number(value);
    else if (key === '--workers') options.workers = Number(value);
    else if (key === '--url') options.url = value;
    else if (key === '--pid') {
      const [name, pid] = value.split('=');
      options.pids[name] = Number(pid);
    } else if (key === '--help') {
      console.log(
        readFileSync(new URL(import.meta.url), 'utf8')
          .split('\n')
          .slice(0, 12)
          .join('\n'),
      );
      process.exit(0);
    } else continue;
    i += 1;
  }
  if (!(options.minutes > 0) || !(options.rate > 0) || !(options.workers > 0))
    throw new Error('--minutes, --rate and --workers must be positive');
  return options;
}

const PORTS = { gateway: 4000, directory: 4001, cases: 4002, referrals: 4003, programmes: 4004, postgres: 5433 };

/** Maps each listening port to the pid that owns its socket: /proc/net/tcp{,6} inode → /proc/<pid>/fd. */
function pidsByPort() {
  const inodeToPort = new Map();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text;
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields.length < 10 || fields[3] !== '0A') continue; // 0A: LISTEN
      inodeToPort.set(fields[9], parseInt(fields[1].split(':')[1], 16));
    }
  }
  const found = {};
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let fds;
    try {
      fds = readdirSync(`/proc/${entry}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      let target;
      try {
        target = readlinkSync(`/proc/${entry}/fd/${fd}`);
      } catch {
        continue;
      }
      const match = /^socket:\[(\d+)\]$/.exec(target);
      if (match && inodeToPort.has(match[1])) found[inodeToPort.get(match[1])] ??= Number(entry);
    }
  }
  return found;
}

function rssKb(pid) {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

const options = parseArgs(process.argv.slice(2));
const secrets = developmentSecrets();
const settings = tokenSettings(secrets);
const token = (sub, role, claims = {}) => signDevelopmentToken({ ...claims, sub, name: `Soak ${sub}`, role }, settings, '24h');
/** A children officer of the demo data (Nairobi), under a subject of its own. */
const officer = (sub) => token(sub, Role.DCS_OFFICER, DEMO_CALLERS[Role.DCS_OFFICER]);

async function graphql(query, variables, bearer) {
  const started = performance.now();
  const response = await fetch(options.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json().catch(() => ({ errors: [{ extensions: { code: 'NOT_JSON' } }] }));
  return { status: response.status, body, ms: performance.now() - started };
}

const READS = [
  [
    'providers',
    'query($c: ID) { serviceProviders(first: 20, filter: { county: $c }) { totalCount edges { node { id name agency { name } county { name } } } } }',
    () => ({ c: String(1 + Math.floor(Math.random() * 47)).padStart(3, '0') }),
  ],
  ['agencies', 'query { agencies(first: 50) { totalCount edges { node { id name acronym } } } }', () => ({})],
  ['counties', '{ counties { code name region } }', () => ({})],
];
const CREATE = 'mutation($i: CreateAgencyInput!) { createAgency(input: $i) { agency { id } } }';
const CREATE_REFERRAL =
  'mutation($k: String!, $i: CreateReferralInput!) { createReferral(idempotencyKey: $k, input: $i) { referral { id } } }';
const CASE_READS = [
  ['cases', '{ cases(first: 20) { totalCount edges { node { id caseNumber status } } } }'],
  ['referrals', '{ referrals(first: 20) { totalCount edges { node { id reference status } } } }'],
];

/**
 * Referral writes need a case the demo officer may refer and a provider that offers a service; without
 * the cases and referrals subgraphs (or their demo data) the soak writes agencies only, and says so.
 */
async function referralTemplate() {
  const bearer = officer(`soak-${runId}-probe`);
  const cases = await graphql('{ cases(first: 1) { edges { node { id } } } }', {}, bearer).catch(() => null);
  const caseId = cases?.body?.data?.cases?.edges?.[0]?.node?.id;
  const toProviderId = demoProviderId(DEMO_PROVIDERS.GBVRC_NWH);
  const provider = await graphql('query($id: ID!) { serviceProvider(id: $id) { services } }', { id: toProviderId }, bearer).catch(
    () => null,
  );
  const service = provider?.body?.data?.serviceProvider?.services?.[0];
  if (!caseId || !service) return null;
  return { caseId, toProviderId, serviceRequested: service, urgency: 'ROUTINE', reason: `Soak run ${runId}` };
}
let referralInput = null;

const stats = { requests: 0, errors: new Map(), latencies: [], created: [], referrals: [], doubled: 0, byKind: new Map() };
function recordError(kind, detail) {
  const key = `${kind}: ${detail}`;
  stats.errors.set(key, (stats.errors.get(key) ?? 0) + 1);
}

const runId = Date.now().toString(36);
const deadline = Date.now() + options.minutes * 60_000;
const perWorkerInterval = (1000 * options.workers) / options.rate;

async function worker(index) {
  const reader = token(`soak-${runId}-reader-${index}`, Role.ANALYST);
  const writer = token(`soak-${runId}-writer-${index}`, Role.DIRECTORY_ADMIN, { counties: [] });
  const referrer = officer(`soak-${runId}-officer-${index}`);
  let sequence = 0;
  while (Date.now() < deadline) {
    const tickStarted = Date.now();
    sequence += 1;
    // One request in five writes: an agency, or (when the referral subgraphs are there) every other time a
    // referral, retried now and then with its idempotency key to prove a retry is not a second referral.
    const write = sequence % 5 === 0;
    const referral = write && referralInput && sequence % 10 === 0;
    const caseRead = !write && referralInput && sequence % 4 === 0;
    const kind = referral
      ? 'createReferral'
      : write
        ? 'createAgency'
        : caseRead
          ? CASE_READS[(sequence / 4) % 2][0]
          : READS[sequence % READS.length][0];
    try {
      let result;
      if (referral) {
        const key = `soak-${runId}-${index}-${sequence}`;
        result = await graphql(CREATE_REFERRAL, { k: key, i: referralInput }, referrer);
        const id = result.body?.data?.createReferral?.referral?.id;
        if (id) {
          stats.referrals.push({ id, bearer: referrer });
          if (sequence % 30 === 0) {
            const retry = await graphql(CREATE_REFERRAL, { k: key, i: referralInput }, referrer);
            if (retry.body?.data?.createReferral?.referral?.id !== id) stats.doubled += 1;
          }
        }
      } else if (write) {
        const name = `Soak ${runId} w${index} #${sequence}`;
        result = await graphql(CREATE, { i: { name, type: 'NGO' } }, writer);
        const id = result.body?.data?.createAgency?.agency?.id;
        if (id) stats.created.push({ id, name });
      } else if (caseRead) {
        result = await graphql(CASE_READS[(sequence / 4) % 2][1], {}, referrer);
      } else {
        const [, query, variables] = READS[sequence % READS.length];
        result = await graphql(query, variables(), reader);
      }
      stats.requests += 1;
      stats.latencies.push(result.ms);
      stats.byKind.set(kind, (stats.byKind.get(kind) ?? 0) + 1);
      if (result.status !== 200) recordError(kind, `HTTP ${result.status} ${result.body?.errors?.[0]?.extensions?.code ?? ''}`);
      else if (result.body?.errors?.length) recordError(kind, result.body.errors[0].extensions?.code ?? 'error');
    } catch (error) {
      stats.requests += 1;
      recordError(kind, error.cause?.code ?? error.message);
    }
    const wait = perWorkerInterval - (Date.now() - tickStarted);
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
}

/** Reads every acknowledged referral back as the officer who created it, thirty to a request. */
async function countReferralsFound(referrals) {
  let found = 0;
  const byBearer = new Map();
  for (const r of referrals) byBearer.set(r.bearer, [...(byBearer.get(r.bearer) ?? []), r.id]);
  for (const [bearer, ids] of byBearer) {
    for (let i = 0; i < ids.length; i += 30) {
      const batch = ids.slice(i, i + 30);
      const query = `query { ${batch.map((id, j) => `r${j}: referral(id: "${id}") { id }`).join(' ')} }`;
      const { body } = await graphql(query, {}, bearer);
      batch.forEach((id, j) => {
        if (body?.data?.[`r${j}`]?.id === id) found += 1;
      });
    }
  }
  return found;
}

/** Reads every created agency back, thirty to a request (the gateway's alias limit). */
async function countFound(created) {
  const reader = token(`soak-${runId}-verifier`, Role.ANALYST);
  let found = 0;
  let mismatched = 0;
  for (let i = 0; i < created.length; i += 30) {
    const batch = created.slice(i, i + 30);
    const query = `query { ${batch.map((c, j) => `a${j}: agency(id: "${c.id}") { id name }`).join(' ')} }`;
    const { body } = await graphql(query, {}, reader);
    batch.forEach((c, j) => {
      const agency = body?.data?.[`a${j}`];
      if (agency?.id === c.id) {
        found += 1;
        if (agency.name !== c.name) mismatched += 1;
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { found, mismatched };
}

const percentile = (values, p) => {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

async function main() {
  const health = await fetch(options.url.replace(/\/graphql$/, '/health')).catch(() => null);
  if (!health?.ok) throw new Error(`no gateway at ${options.url}: start the system with \`npm start\` first`);
  const byPort = pidsByPort();
  const pids = {
    ...Object.fromEntries(
      Object.entries(PORTS)
        .filter(([, port]) => byPort[port])
        .map(([name, port]) => [name, byPort[port]]),
    ),
    ...options.pids,
  };
  referralInput = await referralTemplate();
  console.log(`Soak: ${options.minutes} min, ${options.rate} req/s over ${options.workers} workers against ${options.url}`);
  console.log(
    `Watching RSS of ${
      Object.entries(pids)
        .map(([n, p]) => `${n} (pid ${p})`)
        .join(', ') || 'no process (pass --pid name=pid)'
    }`,
  );

  const samples = Object.fromEntries(Object.keys(pids).map((name) => [name, []]));
  const sample = () => {
    for (const [name, pid] of Object.entries(pids)) {
      const kb = rssKb(pid);
      if (kb !== null) samples[name].push(kb);
    }
  };
  sample();
  let ticks = 0;
  const sampler = setInterval(() => {
    sample();
    ticks += 1;
    if (ticks % 3 !== 0) return;
    const elapsed = Math.round((options.minutes * 60_000 - (deadline - Date.now())) / 1000);
    const rss = Object.entries(samples)
      .map(([name, s]) => `${name} ${Math.round((s.at(-1) ?? 0) / 1024)} MB`)
      .join(', ');
    const errors = [...stats.errors.values()].reduce((a, b) => a + b, 0);
    const writes = stats.created.length + stats.referrals.length;
    console.log(`  ${elapsed}s: ${stats.requests} requests, ${errors} errors, ${writes} writes; RSS ${rss}`);
  }, 10_000);

  await Promise.all(Array.from({ length: options.workers }, (_, i) => worker(i)));
  clearInterval(sampler);
  sample();

  const { found, mismatched } = await countFound(stats.created);
  const referralsFound = await countReferralsFound(stats.referrals);
  const errors = [...stats.errors.values()].reduce((a, b) => a + b, 0);
  console.log('\nResults');
  console.log(`  requests      ${stats.requests} (${[...stats.byKind].map(([k, n]) => `${k} ${n}`).join(', ')})`);
  console.log(`  errors        ${errors}${errors ? `: ${[...stats.errors].map(([k, n]) => `${k} ×${n}`).join('; ')}` : ''}`);
  console.log(
    `  latency       p50 ${percentile(stats.latencies, 50).toFixed(1)} ms, p99 ${percentile(stats.latencies, 99).toFixed(1)} ms, max ${percentile(stats.latencies, 100).toFixed(1)} ms`,
  );
  console.log(
    `  writes        ${stats.created.length} agencies acknowledged, ${found} found afterwards, ${stats.created.length - found} lost, ${mismatched} altered`,
  );
  console.log(
    referralInput
      ? `                ${stats.referrals.length} referrals acknowledged, ${referralsFound} found afterwards, ${stats.referrals.length - referralsFound} lost, ${stats.doubled} retries doubled`
      : '                no referral writes: the cases/referrals subgraphs or their demo data are not there',
  );
  console.log('  memory (RSS)  first → min / max → last, and growth over the second half of the run');
  let flat = true;
  for (const [name, s] of Object.entries(samples)) {
    if (s.length === 0) continue;
    const half = s.slice(Math.floor(s.length / 2));
    const growth = (half.at(-1) - half[0]) / half[0];
    if (growth > 0.1) flat = false;
    const mb = (kb) => `${(kb / 1024).toFixed(0)} MB`;
    console.log(
      `    ${name.padEnd(11)} ${mb(s[0])} → ${mb(Math.min(...s))} / ${mb(Math.max(...s))} → ${mb(s.at(-1))}  (${(growth * 100).toFixed(1)}% in the second half)`,
    );
  }
  const lost = stats.created.length - found + (stats.referrals.length - referralsFound);
  const ok = errors === 0 && lost === 0 && stats.doubled === 0 && flat;
  console.log(
    `\n${ok ? 'PASS' : 'FAIL'}: ${errors} errors, ${lost} lost writes, ${stats.doubled} doubled retries, memory ${flat ? 'flat' : 'growing (>10% in the second half)'}`,
  );
  process.exit(ok ? 0 : 1);
}

main().catch((error) => {
  console.error(error.message);
  process.exit(2);
});
