import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readSubgraphSchema } from '@kinga/gateway';
import { DEMO_CALLERS, demoProviderId, DEMO_PROVIDERS, Role } from '@kinga/shared';
import { freePort, postGraphql, testEnv } from '@kinga/shared/testing';
import { Client } from 'pg';
import { startSystem, type KingaSystem } from '../harness/start-system';

/**
 * Crash safety of referral writes: the referrals subgraph runs as a real process (its built
 * `dist/main.js`), is killed with SIGKILL in the middle of a stream of `createReferral` calls and started
 * again. Every acknowledged write must be there, none half-written (a referral without its history event or
 * its audit row), and retries with the same idempotency keys must not make a second referral.
 * Needs the services built (`npm test` and `npm run test:security` build first).
 */
const REFERRALS_MAIN = join(__dirname, '..', '..', '..', 'services', 'referrals', 'dist', 'main.js');
const CREATE = `mutation Create($key: String!, $input: CreateReferralInput!) {
  createReferral(idempotencyKey: $key, input: $input) { referral { id reference status } }
}`;

interface Attempt {
  key: string;
  /** The id the system acknowledged for this key, if it did. */
  id?: string;
}

const describeIfBuilt = existsSync(REFERRALS_MAIN) ? describe : describe.skip;

describeIfBuilt('crash safety: the referrals process killed mid-stream of writes', () => {
  let system: KingaSystem;
  let referralsPort: number;
  let child: ChildProcess | undefined;
  const runId = randomUUID().slice(0, 8);

  async function startReferralsProcess(): Promise<void> {
    child = spawn(process.execPath, [REFERRALS_MAIN], {
      env: {
        ...process.env,
        ...testEnv(system.databaseUrl, {
          PORT: String(referralsPort),
          GATEWAY_URL: system.gatewayUrl,
          DEMO_DATA: 'true',
          LOG_LEVEL: 'silent',
        }),
      },
      stdio: 'ignore',
    });
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const ready = await fetch(`http://127.0.0.1:${referralsPort}/ready`).catch(() => undefined);
      // The port was free when chosen; another test's server may have taken it since: only referrals counts.
      const service = ready?.ok ? ((await ready.json()) as { service?: string }).service : undefined;
      if (service === 'referrals') return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('the referrals process did not become ready');
  }

  beforeAll(async () => {
    referralsPort = await freePort();
    system = await startSystem({
      subgraphs: ['directory', 'cases'],
      demoData: true,
      extraSubgraphs: [{ name: 'referrals', url: `http://127.0.0.1:${referralsPort}/graphql`, sdl: readSubgraphSchema('referrals') }],
    });
    await startReferralsProcess();
  }, 120_000);

  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGTERM');
    await system?.stop();
  });

  it('keeps every acknowledged referral, writes none by halves and never doubles a retried one', async () => {
    const officer = DEMO_CALLERS[Role.DCS_OFFICER];
    const token = system.token(officer);
    const cases = await postGraphql<{ cases: { edges: Array<{ node: { id: string } }> } }>(
      system.gatewayUrl,
      '{ cases(first: 1) { edges { node { id } } } }',
      {},
      { token, gatewaySecret: null },
    );
    const caseId = cases.body.data?.cases.edges[0]?.node.id;
    expect(caseId).toBeDefined();
    const toProviderId = demoProviderId(DEMO_PROVIDERS.GBVRC_NWH);
    const provider = await postGraphql<{ serviceProvider: { services: string[] } }>(
      system.gatewayUrl,
      'query($id: ID!) { serviceProvider(id: $id) { services } }',
      { id: toProviderId },
      { token, gatewaySecret: null },
    );
    const input = {
      caseId,
      toProviderId,
      serviceRequested: provider.body.data?.serviceProvider.services[0],
      urgency: 'ROUTINE',
      reason: `Crash-safety run ${runId}`,
    };
    const create = async (attempt: Attempt): Promise<void> => {
      const { body } = await postGraphql<{ createReferral: { referral: { id: string } } }>(
        system.gatewayUrl,
        CREATE,
        { key: attempt.key, input },
        { token, gatewaySecret: null },
      ).catch(() => ({ body: { data: null } }));
      const id = body.data?.createReferral?.referral.id;
      if (id) {
        // A retry of an acknowledged key must answer the same referral.
        if (attempt.id && attempt.id !== id) throw new Error(`key ${attempt.key} answered ${id} after ${attempt.id}`);
        attempt.id = id;
      }
    };

    // Four writers; the process is killed once 20 writes are acknowledged, while others are in flight.
    const attempts: Attempt[] = [];
    let killed = false;
    const writer = async () => {
      for (let i = 0; i < 20; i += 1) {
        const attempt: Attempt = { key: `crash-${runId}-${attempts.length}` };
        attempts.push(attempt);
        await create(attempt);
        if (!killed && attempts.filter((a) => a.id).length >= 20) {
          killed = true;
          child?.kill('SIGKILL');
        }
      }
    };
    await Promise.all([writer(), writer(), writer(), writer()]);
    expect(killed).toBe(true);
    const acknowledgedBeforeRestart = attempts.filter((a) => a.id).map((a) => ({ ...a }));
    const unacknowledged = attempts.filter((a) => !a.id);
    expect(unacknowledged.length).toBeGreaterThan(0);

    await startReferralsProcess();
    // Clients retry what was not acknowledged until it is (the first requests after the restart may still find
    // the gateway's connections to the old process gone), and some retry what was (their acknowledgement was
    // lost): such a retry starts knowing nothing, and must be answered with the referral made the first time.
    const untilAcknowledged = async (attempt: Attempt) => {
      for (let tries = 0; tries < 5 && !attempt.id; tries += 1) {
        if (tries > 0) await new Promise((resolve) => setTimeout(resolve, 250));
        await create(attempt);
      }
    };
    for (const attempt of unacknowledged) await untilAcknowledged(attempt);
    const retriedAcknowledged = acknowledgedBeforeRestart.slice(0, 10).map((a) => ({ key: a.key }) as Attempt);
    for (const retry of retriedAcknowledged) await untilAcknowledged(retry);
    expect(retriedAcknowledged.map((r) => r.id)).toEqual(acknowledgedBeforeRestart.slice(0, 10).map((a) => a.id));
    for (const acknowledged of acknowledgedBeforeRestart) {
      expect(attempts.find((a) => a.key === acknowledged.key)?.id).toBe(acknowledged.id);
    }
    expect(attempts.every((a) => a.id)).toBe(true);

    const db = new Client({ connectionString: system.databaseUrl });
    await db.connect();
    try {
      const keys = attempts.map((a) => a.key);
      const rows = await db.query<{ id: string; idempotency_key: string; events: string; audits: string }>(
        `SELECT r.id, r.idempotency_key,
                (SELECT count(*) FROM referrals.referral_event e WHERE e.referral_id = r.id) AS events,
                (SELECT count(*) FROM referrals.audit_event a WHERE a.action = 'WRITE' AND r.id::text = ANY(a.record_ids)) AS audits
           FROM referrals.referral r
          WHERE r.created_by = $1 AND r.idempotency_key = ANY($2)`,
        [officer.sub, keys],
      );
      // One referral per key: retries were not doubled.
      expect(rows.rows).toHaveLength(keys.length);
      expect(new Set(rows.rows.map((r) => r.idempotency_key)).size).toBe(keys.length);
      // Every acknowledged write is there, with the id it was acknowledged with.
      const byKey = new Map(rows.rows.map((r) => [r.idempotency_key, r]));
      for (const attempt of attempts) expect(byKey.get(attempt.key)?.id).toBe(attempt.id);
      // None is half-written: each has its creation event and its audit row.
      expect(rows.rows.filter((r) => Number(r.events) !== 1)).toEqual([]);
      expect(rows.rows.filter((r) => Number(r.audits) < 1)).toEqual([]);
    } finally {
      await db.end();
    }
  }, 240_000);
});
