// `npm run seed:scale -- --cases 1000000`: fills the database at DATABASE_URL with a national-scale synthetic
// data set (cases with children, caregivers, consents and notes; about two referrals per case with their event
// histories and service records; quarterly progress reports) for the benchmarks in bench/. See README.md here.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DATA_DIR } from '../lib/runtime.mjs';
import { COUNTY_CODES, SEED_AGENCIES, seedProviders } from './providers.mjs';
import { CASE_BATCH_SQL, CASE_INSERTS, REFERRAL_BATCH_SQL, REFERRAL_INSERTS, SEED_ACTOR, SEED_REVIEWER, sessionSetupSql } from './sql.mjs';

const require = createRequire(import.meta.url);
const pg = require('pg');

const HELP = `Usage: npm run seed:scale -- [--cases 1000000] [--append] [--migrate] [--batch 20000] [--connections 2]
  --database-url URL   default: DATABASE_URL
  --cases N            synthetic cases to add (default 1000000); about 2 referrals each
  --append             add to a database that already holds scale data (otherwise the seeder refuses)
  --migrate            apply the four subgraphs' migrations, reference and demo data first (from their dist builds)
  --keep-indexes       keep secondary indexes during the load (default: dropped and rebuilt for 100000 cases or more)
  --connections N      parallel pipelines (default 2; 1 against the embedded PostgreSQL, which serves one session)
  --quiet              no progress bar`;

const BIG_TABLES = [
  'cases.child',
  'cases.caregiver',
  'cases.case',
  'cases.consent',
  'cases.case_note',
  'referrals.referral',
  'referrals.referral_event',
  'referrals.service_record',
];
const FIRST_DAY = '2020-01-01';

function options() {
  const { values } = parseArgs({
    options: {
      'database-url': { type: 'string', default: process.env.DATABASE_URL },
      cases: { type: 'string', default: '1000000' },
      append: { type: 'boolean', default: false },
      migrate: { type: 'boolean', default: false },
      batch: { type: 'string', default: '20000' },
      connections: { type: 'string' },
      'keep-indexes': { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    process.exit(0);
  }
  const cases = Number(values.cases);
  if (!Number.isInteger(cases) || cases < 47) throw new UsageError('--cases: a whole number of at least 47 (one per county)');
  if (!values['database-url']) throw new UsageError('DATABASE_URL (or --database-url) is required: the database to fill');
  return { ...values, cases, batch: Math.max(47, Number(values.batch)) };
}

class UsageError extends Error {}

/** Progress on stderr: a bar, rows per second and the time left, redrawn at most every 200 ms. */
function progressBar(total, quiet) {
  const started = Date.now();
  let done = 0;
  let rows = 0;
  let last = 0;
  const fmt = (s) => (s >= 60 ? `${Math.floor(s / 60)}m${String(Math.round(s % 60)).padStart(2, '0')}s` : `${Math.round(s)}s`);
  const draw = (force) => {
    if (quiet || (!force && Date.now() - last < (process.stderr.isTTY ? 200 : 5000))) return;
    last = Date.now();
    const elapsed = (Date.now() - started) / 1000;
    const share = total ? done / total : 1;
    const eta = share > 0 ? elapsed / share - elapsed : 0;
    const bar = '#'.repeat(Math.round(share * 30)).padEnd(30, '-');
    const line = `[${bar}] ${(share * 100).toFixed(1)}%  ${rows.toLocaleString('en')} rows, ${Math.round(rows / Math.max(elapsed, 0.001)).toLocaleString('en')} rows/s, ${fmt(elapsed)} elapsed, ETA ${fmt(eta)}`;
    process.stderr.write(process.stderr.isTTY ? `\r${line}\x1b[K` : `${line}\n`);
  };
  return {
    advance(units, addedRows) {
      done += units;
      rows += addedRows;
      draw(false);
    },
    finish() {
      draw(true);
      if (!quiet && process.stderr.isTTY) process.stderr.write('\n');
      return { seconds: (Date.now() - started) / 1000, rows };
    },
  };
}

const SESSION_SETTINGS = ['synchronous_commit', 'statement_timeout', 'maintenance_work_mem', 'work_mem', 'session_replication_role'];

/**
 * Puts back what this session changed. The embedded PostgreSQL (PGlite) has a single backend session that
 * every client shares: a setting left behind (above all session_replication_role, which silences triggers)
 * would change how the running subgraphs write.
 */
async function restoreSession(client) {
  for (const setting of SESSION_SETTINGS) await client.query(`RESET ${setting}`);
  await client.query('DISCARD TEMP');
}

async function connect(url) {
  const client = new pg.Client({ connectionString: url, application_name: 'kinga-seed-scale' });
  await client.connect();
  // Each batch commits on its own: if the machine fails, what is committed stays consistent; waiting for the
  // WAL flush of every batch would buy nothing a re-run does not.
  await client.query('SET synchronous_commit = off');
  await client.query(`SET statement_timeout = 0`);
  await client.query(`SET maintenance_work_mem = '256MB'`);
  await client.query(`SET work_mem = '64MB'`);
  return client;
}

/** Foreign keys are checked by the generator's construction; skipping their triggers halves the load time. */
async function skipForeignKeyTriggers(client) {
  try {
    await client.query('SET session_replication_role = replica');
    return true;
  } catch {
    return false;
  }
}

async function migrate(url) {
  const shared = require('@kinga/shared');
  const logger = shared.createLogger('seed-scale', 'warn');
  for (const name of ['directory', 'cases', 'referrals', 'programmes']) {
    const definition = require(`@kinga/${name}`)[`${name}Subgraph`];
    const database = shared.createSubgraphDataSource({
      schema: name,
      url,
      entities: definition.entities,
      migrations: definition.migrations,
      poolSize: 2, // initialiseDatabase holds one connection for its lock
      logger,
    });
    try {
      await shared.initialiseDatabase(database);
      await definition.loadReferenceData?.(database, logger);
      await definition.loadDemoData?.(database, logger);
    } finally {
      await database.dataSource.destroy();
    }
  }
}

async function assertMigrated(client) {
  const { rows } = await client.query(
    `SELECT to_regclass('cases.case') AS c, to_regclass('referrals.referral') AS r, to_regclass('directory.service_provider') AS d, to_regclass('programmes.progress_report') AS p`,
  );
  const missing = Object.entries(rows[0]).filter(([, v]) => v === null);
  if (missing.length) throw new UsageError('the schemas are not migrated: run `npm start` once against this database, or pass --migrate');
}

async function holdsScaleData(client) {
  const { rows } = await client.query(
    `SELECT EXISTS (SELECT 1 FROM referrals.referral WHERE created_by = $1) OR EXISTS (SELECT 1 FROM cases."case" WHERE incident_narrative LIKE 'Synthetic incident narrative%') AS found`,
    [SEED_ACTOR],
  );
  return rows[0].found;
}

/** Per county, the highest case and referral sequence in use: new numbers continue after them. */
async function countyOffsets(client) {
  const max = async (sql) => new Map((await client.query(sql)).rows.map((r) => [r.county.trim(), Number(r.m)]));
  const cases = await max(`SELECT county_code AS county, max(substr(case_number, 13)::int) AS m FROM cases."case" GROUP BY 1`);
  const caseCounters = await max(`SELECT county_code AS county, max(last_value) AS m FROM cases.case_number_counter GROUP BY 1`);
  const refs = await max(`SELECT case_county AS county, max(substr(reference, 13)::int) AS m FROM referrals.referral GROUP BY 1`);
  const refCounters = await max(`SELECT county_code AS county, max(last_value) AS m FROM referrals.reference_counter GROUP BY 1`);
  return COUNTY_CODES.map((code, idx) => ({
    idx,
    code,
    caseOffset: Math.max(cases.get(code) ?? 0, caseCounters.get(code) ?? 0),
    refOffset: Math.max(refs.get(code) ?? 0, refCounters.get(code) ?? 0),
  }));
}

async function ensureDirectory(client, providers) {
  const agencies = [
    ['DCS', "Department of Children's Services", 'GOVERNMENT'],
    ['NPS', 'National Police Service', 'POLICE'],
    ['MOH', 'Ministry of Health', 'HEALTH'],
    ['CHILDLINE', 'Childline Kenya', 'NGO'],
  ];
  for (const [acronym, name, type] of agencies) {
    await client.query(
      `INSERT INTO directory.agency (id, name, acronym, type) VALUES ($1, $2, $3, $4::directory.agency_type) ON CONFLICT DO NOTHING`,
      [SEED_AGENCIES[acronym], name, acronym, type],
    );
  }
  const { rowCount } = await client.query(
    `INSERT INTO directory.service_provider (id, agency_id, name, type, county_code, sub_county, address, phone, open_24_hours, services, is_demo)
     SELECT p.id, p.agency_id, p.name, p.type::directory.provider_type, p.county, 'Sub-county 1', 'County headquarters (scale data)',
       '0700' || lpad(p.n::text, 6, '0'), p.type <> 'CHILDREN_OFFICE', p.services::directory.service_type[], true
     FROM json_to_recordset($1::json) AS p(id uuid, agency_id uuid, name text, type text, county char(3), services text[], n int)
     ON CONFLICT (id) DO NOTHING`,
    [
      JSON.stringify(
        providers.map((p, n) => ({
          id: p.providerId,
          agency_id: p.agencyId,
          name: p.name,
          type: p.providerType,
          county: p.county,
          services: p.services,
          n,
        })),
      ),
    ],
  );
  // Children's offices keep office hours, the others are open round the clock: none is stored as never open.
  await client.query(
    `INSERT INTO directory.opening_hours (provider_id, weekday, opens, closes)
     SELECT p.id, d, '08:00', '17:00' FROM directory.service_provider p CROSS JOIN generate_series(1, 5) AS d
      WHERE p.id = ANY($1::uuid[]) AND NOT p.open_24_hours
     ON CONFLICT DO NOTHING`,
    [providers.map((p) => p.providerId)],
  );
  return rowCount;
}

async function secondaryIndexes(client) {
  const { rows } = await client.query(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition, n.nspname || '.' || c.relname AS table_name,
       pg_relation_size(i.indrelid) AS table_size
     FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname || '.' || c.relname = ANY($1) AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
       -- A unique index is a rule (openCase's idempotency key): it stays while the services may be writing.
       AND NOT i.indisunique`,
    [BIG_TABLES],
  );
  return rows;
}

/** `CREATE INDEX IF NOT EXISTS`: a restore may meet an index a failed rebuild had already made. */
const ifMissing = (definition) => definition.replace(/^CREATE INDEX /, 'CREATE INDEX IF NOT EXISTS ');

/** Builds the dropped indexes, largest table first, taking each off `dropped` once it exists again. */
async function rebuildIndexes(clients, dropped, log) {
  const queue = [...dropped].sort((a, b) => Number(b.table_size) - Number(a.table_size));
  // Every connection finishes what it started before this settles: a restore after a failure must not build
  // beside a rebuild still running.
  const outcomes = await Promise.allSettled(
    clients.map(async (client) => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const started = Date.now();
        await client.query(ifMissing(next.definition));
        const at = dropped.indexOf(next);
        if (at >= 0) dropped.splice(at, 1);
        log(`  rebuilt ${next.name} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      }
    }),
  );
  const failed = outcomes.find((outcome) => outcome.status === 'rejected');
  if (failed) throw failed.reason;
}

/**
 * Indexes an earlier run dropped and could not restore (its file is removed only once they all exist again):
 * built before anything else, so that this run's own list of what to drop and restore is complete.
 */
async function restoreEarlierRunsIndexes(client, indexFile, log) {
  if (!existsSync(indexFile)) return;
  const statements = readFileSync(indexFile, 'utf8')
    .split('\n')
    .map((line) => line.trim().replace(/;$/, ''))
    .filter(Boolean);
  log(`Restoring ${statements.length} indexes an earlier run left dropped (${indexFile})…`);
  for (const statement of statements) await client.query(ifMissing(statement));
  rmSync(indexFile);
}

/**
 * What the two pipelines tell each other. A referral batch commits only once the cases it refers to have, so
 * no referral is left without its case (no foreign key checks it during the load); a failure in either stops
 * both at their next statement, so that nothing is loaded while the failure is being recovered from.
 */
function pipelineLedger() {
  let casesCommitted = 0;
  let failure = null;
  const waiting = new Set();
  const wake = () => {
    for (const resolve of waiting) resolve();
    waiting.clear();
  };
  return {
    get failure() {
      return failure;
    },
    fail(error) {
      failure ??= error;
      wake();
    },
    casesCommitted(batches) {
      casesCommitted = batches;
      wake();
    },
    async untilCasesCommitted(batches) {
      while (casesCommitted < batches && !failure) await new Promise((resolve) => waiting.add(resolve));
    },
  };
}

class StoppedByTheOtherPipeline extends Error {}

/** Runs one pipeline (cases or referrals) over every batch; each batch is one transaction. */
async function pipeline(client, { batchSql, inserts, params, cases, batch, progress, counts }, ledger, role) {
  const stopIfFailed = () => {
    if (ledger.failure) throw new StoppedByTheOtherPipeline();
  };
  for (let from = 0, batches = 1; from < cases; from += batch, batches += 1) {
    stopIfFailed();
    const to = Math.min(cases, from + batch) - 1;
    let added = 0;
    const tally = {};
    await client.query('BEGIN');
    try {
      await client.query(batchSql, [params.run, from, to, params.perCounty, params.days, FIRST_DAY]);
      for (const [table, sql] of inserts) {
        stopIfFailed();
        const result = await client.query(sql, sql.includes('$1') ? [params.run] : []);
        tally[table] = (tally[table] ?? 0) + result.rowCount;
        added += result.rowCount;
      }
      if (role === 'referrals') await ledger.untilCasesCommitted(batches);
      stopIfFailed();
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      if (!(error instanceof StoppedByTheOtherPipeline)) ledger.fail(error);
      throw error;
    }
    for (const [table, rows] of Object.entries(tally)) counts[table] = (counts[table] ?? 0) + rows;
    if (role === 'cases') ledger.casesCommitted(batches);
    progress.advance(to - from + 1, added);
  }
}

/** Both pipelines, on a connection each or one after the other; settles only once neither is still loading. */
async function runPipelines(clients, casesJob, referralsJob, log) {
  const ledger = pipelineLedger();
  // Ctrl-C stops the load at the next statement and lets the recovery run (summaries, indexes); a second one
  // ends the process at once, as Node does by default.
  const interrupted = () => {
    log('\nInterrupted: stopping the load, then restoring indexes and summaries (Ctrl-C again to quit at once)…');
    ledger.fail(new UsageError('interrupted: the batches committed so far stay (seed again with --append to add more)'));
  };
  process.once('SIGINT', interrupted);
  if (clients.length > 1) {
    await Promise.allSettled([pipeline(clients[0], casesJob, ledger, 'cases'), pipeline(clients[1], referralsJob, ledger, 'referrals')]);
  } else {
    await pipeline(clients[0], casesJob, ledger, 'cases').catch(() => undefined);
    if (!ledger.failure) await pipeline(clients[0], referralsJob, ledger, 'referrals').catch(() => undefined);
  }
  process.removeListener('SIGINT', interrupted);
  if (ledger.failure) throw ledger.failure;
}

async function seedProgressReports(client, run, cases) {
  const limit = Math.max(100, Math.round(cases / 10));
  const { rows } = await client.query(
    `WITH quarters AS (
       -- The plans' own years, ended quarters only, as createProgressReport allows (2018-2022 for the NPA).
       SELECT p.id AS plan_id, y, q FROM programmes.plan p CROSS JOIN generate_series(p.start_year::int, p.end_year::int) AS y CROSS JOIN generate_series(1, 4) AS q
       WHERE make_date(y, q * 3, 1) + interval '2 months' < current_date),
     -- A count of counties (the services' countsCounties) takes 0 or 1 from a county, as createProgressReport allows.
     indicators AS (SELECT id, plan_id, row_number() OVER (ORDER BY id) AS ix,
         name ~* '^\\s*(no\\.|number) of (counties|county governments) ' AS counts_counties
       FROM programmes.indicator WHERE unit = 'COUNT' ORDER BY id LIMIT 60),
     source AS (
       SELECT md5($1 || ':report:' || ind.id || c.code || qs.y || qs.q)::uuid AS id, ind.id AS indicator_id, ind.ix, ind.counts_counties,
         c.code AS county, qs.y, qs.q,
         make_date(qs.y, qs.q * 3, 1) + interval '1 month' + interval '10 days' AS reported_at
       FROM indicators ind CROSS JOIN seed_county c JOIN quarters qs ON qs.plan_id = ind.plan_id
       ORDER BY qs.y DESC, qs.q DESC, ind.ix, c.code
       LIMIT $2),
     inserted AS (
       INSERT INTO programmes.progress_report (id, lineage_id, version, indicator_id, agency_id, county_code, period_year, period_quarter,
         actual_value, achievement, evidence, spend_kes, narrative, status, created_by, created_at, updated_at, submitted_by, submitted_at,
         reviewed_by, reviewed_at)
       SELECT id, id, 1, indicator_id, ($3::uuid[])[1 + ix % 4], county, y, q,
         -- A count is reported as a number, with no achievement (checkValuesForUnit refuses one).
         abs(hashtext(id::text)) % CASE WHEN counts_counties THEN 2 ELSE 250 END, NULL,
         'County quarterly returns (synthetic)', abs(hashtext(id::text)) % 500000, 'Synthetic quarterly report for load testing.',
         'APPROVED', $4, reported_at, reported_at + interval '5 days', $4, reported_at + interval '1 day', $5, reported_at + interval '5 days'
       FROM source
       ON CONFLICT DO NOTHING
       RETURNING id, lineage_id, agency_id, created_at)
     -- An NCCS programme officer approves each report, never its author (reviewReport refuses that).
     INSERT INTO programmes.progress_report_event (report_id, lineage_id, version, action, actor, actor_agency_id, at)
     SELECT i.id, i.lineage_id, 1, a.action, CASE WHEN a.action = 'APPROVED' THEN $5 ELSE $4 END,
       CASE WHEN a.action = 'APPROVED' THEN $6::uuid ELSE i.agency_id END, i.created_at + a.after
     FROM inserted i CROSS JOIN (VALUES ('CREATED', interval '0'), ('SUBMITTED', interval '1 day'), ('APPROVED', interval '5 days')) AS a(action, after)
     RETURNING report_id`,
    [
      run,
      limit,
      [SEED_AGENCIES.DCS, SEED_AGENCIES.NPS, SEED_AGENCIES.MOH, SEED_AGENCIES.NCCS],
      SEED_ACTOR,
      SEED_REVIEWER,
      SEED_AGENCIES.NCCS,
    ],
  );
  return { reports: rows.length / 3, events: rows.length };
}

async function updateCounters(client) {
  await client.query(`INSERT INTO cases.case_number_counter (county_code, year, last_value)
    SELECT county_code, substr(case_number, 8, 4)::smallint, max(substr(case_number, 13)::int) FROM cases."case" GROUP BY 1, 2
    ON CONFLICT (county_code, year) DO UPDATE SET last_value = GREATEST(cases.case_number_counter.last_value, EXCLUDED.last_value)`);
  await client.query(`INSERT INTO referrals.reference_counter (county_code, year, last_value)
    SELECT case_county, substr(reference, 8, 4)::smallint, max(substr(reference, 13)::int) FROM referrals.referral GROUP BY 1, 2
    ON CONFLICT (county_code, year) DO UPDATE SET last_value = GREATEST(referrals.reference_counter.last_value, EXCLUDED.last_value)`);
}

export async function main() {
  const opts = options();
  const log = (line) => process.stderr.write(`${line}\n`);
  const started = Date.now();
  if (opts.migrate) {
    log('Applying migrations, reference and demo data…');
    await migrate(opts['database-url']);
  }
  const primary = await connect(opts['database-url']);
  const clients = [primary];
  // One file per database: indexes one database left dropped are restored there, not in another.
  const databaseName = decodeURIComponent(new URL(opts['database-url']).pathname.slice(1)) || 'postgres';
  const indexFile = join(DATA_DIR, `seed-scale-dropped-indexes-${databaseName.replace(/[^\w-]/g, '_')}.sql`);
  let dropped = [];
  // Nothing to rebuild until the load has begun.
  let summariesRebuilt = true;
  try {
    const { rows: versionRows } = await primary.query('SELECT version() AS v');
    const embedded = /emscripten|wasm|emcc|pglite/i.test(versionRows[0].v);
    const connections = Math.max(1, Math.min(2, Number(opts.connections ?? (embedded ? 1 : 2))));
    if (embedded && opts.cases > 200_000) {
      throw new UsageError(
        'the embedded PostgreSQL (PGlite) is for small data sets (up to 200000 cases): use a real PostgreSQL server for national scale',
      );
    }
    await assertMigrated(primary);
    // First, whatever else this run does: a run that failed or was stopped left its data and these indexes.
    await restoreEarlierRunsIndexes(primary, indexFile, log);
    if ((await holdsScaleData(primary)) && !opts.append) {
      throw new UsageError('this database already holds scale data: pass --append to add more, or seed a fresh database');
    }
    // Not on the embedded server: its one session is shared with the running subgraphs while the seed runs.
    const fkSkipped = !embedded && (await skipForeignKeyTriggers(primary));
    const providers = seedProviders();
    const addedProviders = await ensureDirectory(primary, providers);
    const counties = await countyOffsets(primary);
    const run = randomBytes(6).toString('hex');
    const perCounty = Math.ceil(opts.cases / 47);
    const { rows: dayRows } = await primary.query(`SELECT (current_date - 2) - $1::date AS days`, [FIRST_DAY]);
    const params = { run, perCounty, days: Number(dayRows[0].days) };
    for (const sql of sessionSetupSql(providers, counties)) await primary.query(sql);
    if (connections > 1) {
      const second = await connect(opts['database-url']);
      clients.push(second);
      if (fkSkipped) await skipForeignKeyTriggers(second);
      for (const sql of sessionSetupSql(providers, counties)) await second.query(sql);
    }

    const deferIndexes = !opts['keep-indexes'] && opts.cases >= 100_000;
    if (deferIndexes) {
      dropped = await secondaryIndexes(primary);
      mkdirSync(DATA_DIR, { recursive: true });
      writeFileSync(indexFile, dropped.map((i) => `${i.definition};`).join('\n') + '\n');
      for (const index of dropped) await primary.query(`DROP INDEX ${index.name}`);
      log(`Dropped ${dropped.length} secondary indexes for the load (definitions saved in ${indexFile}); they are rebuilt at the end.`);
    }
    summariesRebuilt = false;
    log(
      `Seeding ${opts.cases.toLocaleString('en')} cases (run ${run}) over ${connections} connection(s)${embedded ? ' into the embedded PostgreSQL' : ''}; foreign-key triggers ${fkSkipped ? 'skipped' : 'kept'}; ${addedProviders} providers added to the directory.`,
    );

    const counts = {};
    const progress = progressBar(opts.cases * 2, opts.quiet);
    const casesJob = { batchSql: CASE_BATCH_SQL, inserts: CASE_INSERTS, params, cases: opts.cases, batch: opts.batch, progress, counts };
    const referralsJob = { ...casesJob, batchSql: REFERRAL_BATCH_SQL, inserts: REFERRAL_INSERTS };
    await runPipelines(clients, casesJob, referralsJob, log);
    const load = progress.finish();
    const reports = await seedProgressReports(primary, run, opts.cases);
    counts['programmes.progress_report'] = reports.reports;
    counts['programmes.progress_report_event'] = reports.events;
    await updateCounters(primary);

    let indexSeconds = 0;
    if (deferIndexes) {
      const indexStarted = Date.now();
      log(`Rebuilding ${dropped.length} indexes…`);
      await rebuildIndexes(clients, dropped, log);
      rmSync(indexFile, { force: true });
      indexSeconds = (Date.now() - indexStarted) / 1000;
    }
    // Triggers that keep summaries (e.g. cases.case_statistics_cell) did not fire for this load: rebuild them.
    await rebuildSummaries(primary);
    summariesRebuilt = true;
    const analyzeStarted = Date.now();
    // VACUUM sets the visibility map, without which no count is an index-only scan until autovacuum comes by.
    await Promise.all(
      clients.map(async (client, n) => {
        for (const table of BIG_TABLES.filter((_t, i) => i % clients.length === n)) {
          await client.query(`VACUUM (ANALYZE) ${table.split('.')[0]}."${table.split('.')[1]}"`);
        }
      }),
    );
    await primary.query('ANALYZE programmes.progress_report');
    // The load's pages are written out now rather than by the next checkpoints, which stalled a benchmark started
    // a minute later for seconds at a time (bench/NOTES.md, session 15). A role that may not checkpoint is told so.
    await primary
      .query('CHECKPOINT')
      .catch((error) => log(`could not CHECKPOINT (${error.message}): let PostgreSQL settle a few minutes before a benchmark`));
    const totalRows = Object.values(counts).reduce((a, b) => a + b, 0);
    const seconds = (Date.now() - started) / 1000;
    const summary = {
      run,
      cases: opts.cases,
      connections,
      embedded,
      seconds: Math.round(seconds * 10) / 10,
      loadSeconds: Math.round(load.seconds * 10) / 10,
      indexSeconds: Math.round(indexSeconds * 10) / 10,
      vacuumAnalyzeSeconds: Math.round((Date.now() - analyzeStarted) / 100) / 10,
      rows: totalRows,
      rowsPerSecond: Math.round(totalRows / seconds),
      counts,
    };
    log(
      `Done in ${summary.seconds} s: ${totalRows.toLocaleString('en')} rows (${summary.rowsPerSecond.toLocaleString('en')} rows/s overall).`,
    );
    console.log(JSON.stringify(summary));
    return summary;
  } finally {
    // Batches commit one by one: after a failure the rows loaded so far stay, and the summaries must count them.
    if (!summariesRebuilt)
      await rebuildSummaries(primary).catch((error) => log(`could not rebuild the summaries (${error.message}): run them with psql`));
    if (dropped.length) {
      log(`Restoring ${dropped.length} dropped indexes after a failure…`);
      await rebuildIndexes([primary], dropped, log).then(
        () => rmSync(indexFile, { force: true }),
        (error) => log(`could not restore them (${error.message}): the next run restores them first, or run ${indexFile} with psql`),
      );
    }
    await Promise.all(clients.map((c) => restoreSession(c).catch(() => undefined)));
    await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
  }
}

/** Summaries that triggers keep, which did not fire during the load (session_replication_role = replica). */
async function rebuildSummaries(client) {
  for (const rebuild of ['cases.rebuild_case_statistics()', 'cases.rebuild_case_list_counts()']) {
    const { rows } = await client.query(`SELECT to_regprocedure($1) AS f`, [rebuild]);
    if (rows[0].f) await client.query(`SELECT ${rebuild}`);
  }
}

main().catch((error) => {
  console.error(error instanceof UsageError ? `seed:scale: ${error.message}` : error);
  process.exit(error instanceof UsageError ? 2 : 1);
});
