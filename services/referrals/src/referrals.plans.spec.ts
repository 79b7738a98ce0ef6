import type { SubgraphDataSource } from '@kinga/shared';
import { createTestDatabase, migratedSchema, planOf, type TestDatabase } from '@kinga/shared/testing';
import { REFERRALS_OF_A_RECORD } from './modules/audit/referral-audit-trail';
import { CASES_REFERRED_IN_PERIOD } from './modules/indicator/indicator.loader';
import { referralsSubgraph } from './referrals.subgraph';

/**
 * Questions that must not read every referral of the country: with enough of them (a year and a half of a
 * county's) that a scan costs the planner more than an index, each reads one.
 */
describe('referral queries at scale (real PostgreSQL or embedded)', () => {
  let database: TestDatabase;
  let referrals: SubgraphDataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    referrals = await migratedSchema(referralsSubgraph, database.url);
    // Statistics and history triggers keep what these queries do not read.
    await referrals.dataSource.query(`ALTER TABLE referrals.referral DISABLE TRIGGER USER`);
    await referrals.dataSource.query(
      `INSERT INTO referrals.referral (reference, case_id, case_owner_agency_id, case_county, from_provider_id, from_agency_id,
              to_provider_id, to_agency_id, service_requested, urgency, reason, created_by, idempotency_key, created_at, acknowledge_by, start_by)
         SELECT 'KE-047-2025-' || lpad(n::text, 6, '0'), gen_random_uuid(), gen_random_uuid(), '047', gen_random_uuid(), gen_random_uuid(),
                gen_random_uuid(), gen_random_uuid(), 'LEGAL_AID', 'ROUTINE', 'Plan test', 'plan', 'plan-' || n,
                timestamptz '2025-01-01' + n * interval '30 minutes', now(), now()
           FROM generate_series(1, 30000) n`,
    );
    await referrals.dataSource.query(`ALTER TABLE referrals.referral ENABLE TRIGGER USER`);
    await referrals.dataSource.query(`ANALYZE referrals.referral`);
  });

  afterAll(async () => {
    if (referrals?.dataSource.isInitialized) await referrals.dataSource.destroy();
    await database?.drop();
  });

  it("counts a quarter's cases referred from the index on created_at", async () => {
    const plan = await planOf(referrals, CASES_REFERRED_IN_PERIOD, ['2025-04-01', '2025-07-01']);
    expect(plan).not.toMatch(/Seq Scan on referral/);
    expect(plan).toMatch(/referral_created_idx/);
    const counted = (await referrals.dataSource.query(CASES_REFERRED_IN_PERIOD, ['2025-04-01', '2025-07-01'])) as Array<{
      quarter: number | null;
      count: number;
    }>;
    expect(counted.find((row) => row.quarter === null)?.count).toBeGreaterThan(4000);
  });

  it('finds the referrals of an audited record, whichever kind of record it names, through indexes', async () => {
    const [referral] = (await referrals.dataSource.query(
      `SELECT id, case_id FROM referrals.referral ORDER BY reference LIMIT 1`,
    )) as Array<{
      id: string;
      case_id: string;
    }>;
    const [record] = (await referrals.dataSource.query(
      `INSERT INTO referrals.service_record (referral_id, provider_id, service, delivered_on, outcome, recorded_by, recorded_by_role)
         VALUES ($1, gen_random_uuid(), 'LEGAL_AID', date '2025-01-02', 'DELIVERED', 'plan', 'NGO_CASEWORKER') RETURNING id`,
      [referral.id],
    )) as Array<{ id: string }>;
    for (const id of [referral.id, referral.case_id, record.id]) {
      expect(await planOf(referrals, REFERRALS_OF_A_RECORD, [id])).not.toMatch(/Seq Scan on referral/);
      expect(await referrals.dataSource.query(REFERRALS_OF_A_RECORD, [id])).toEqual([{ id: referral.id, case_county: '047' }]);
    }
  });
});
