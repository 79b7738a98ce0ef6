import type { SubgraphDataSource } from '@kinga/shared';
import { createTestDatabase, migratedSchema, withStatementCount, type TestDatabase } from '@kinga/shared/testing';
import { referralsSubgraph } from '../../referrals.subgraph';
import { createCasesReferredByYearLoader, createCasesReferredYears } from './indicator.loader';

/**
 * The public count of cases referred in a year is kept by each process and reused until a referral is sent
 * (or changes case, county or time): computed once, then one indexed check per request, and never an answer
 * that misses a referral committed before the request began.
 */
describe('cases referred in a year, across requests (real PostgreSQL or embedded)', () => {
  let database: TestDatabase;
  let referrals: SubgraphDataSource;
  const years = createCasesReferredYears();
  let sent = 0;

  /** A referral of a case of its own, sent in `at`, inserted as the service would (triggers on). */
  const send = async (at: string) => {
    sent += 1;
    await referrals.dataSource.query(
      `INSERT INTO referrals.referral (reference, case_id, case_owner_agency_id, case_county, from_provider_id, from_agency_id,
              to_provider_id, to_agency_id, service_requested, urgency, reason, created_by, idempotency_key, created_at, acknowledge_by, start_by)
         VALUES ('KE-047-2025-' || lpad($1::text, 6, '0'), gen_random_uuid(), gen_random_uuid(), '047', gen_random_uuid(), gen_random_uuid(),
                gen_random_uuid(), gen_random_uuid(), 'LEGAL_AID', 'ROUTINE', 'Count test', 'count', 'count-' || $1, $2::timestamptz, now(), now())`,
      [sent, at],
    );
  };
  /** A request's answer for 2025 nationally, and the SQL statements it cost. */
  const request = async () => {
    const { value, statements } = await withStatementCount(referrals, () =>
      createCasesReferredByYearLoader(referrals.dataSource, years).load(2025),
    );
    return { national: value.year.national, statements };
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    referrals = await migratedSchema(referralsSubgraph, database.url);
    for (let n = 0; n < 6; n += 1) await send('2025-03-10T09:00:00+03:00');
  });

  afterAll(async () => {
    if (referrals?.dataSource.isInitialized) await referrals.dataSource.destroy();
    await database?.drop();
  });

  it('computes a year once and answers the next request with one check', async () => {
    const first = await request();
    expect(first.national).toBe(6);
    expect(first.statements).toBeGreaterThan(1);
    expect(await request()).toEqual({ national: 6, statements: 1 });
  });

  it("counts a referral sent since, and is not moved by a referral's steps", async () => {
    await send('2025-08-01T12:00:00+03:00');
    const after = await request();
    expect(after.national).toBe(7);
    expect(after.statements).toBeGreaterThan(1);

    await referrals.dataSource.query(
      `UPDATE referrals.referral SET status = 'ACKNOWLEDGED', acknowledged_at = created_at + interval '1 hour', version = 2
        WHERE reference = 'KE-047-2025-000001'`,
    );
    expect(await request()).toEqual({ national: 7, statements: 1 });
  });

  it('sees a referral moved to another case', async () => {
    await referrals.dataSource.query(
      `UPDATE referrals.referral SET case_id = (SELECT case_id FROM referrals.referral WHERE reference = 'KE-047-2025-000002')
        WHERE reference = 'KE-047-2025-000003'`,
    );
    expect((await request()).national).toBe(6);
  });
});
