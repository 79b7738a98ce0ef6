import { Role } from '@kinga/shared';
import { callerFor, cancelReferral, must, openFixtureCase, PARTY_POINT, referTo } from '../cases/fixtures';
import { startSystem, type KingaSystem } from '../harness/start-system';

/**
 * An NGO's system keeps its copy of referral statuses by asking, now and then, for what changed since its
 * previous sync: `referrals(filter: { changedSince })`, with `updatedAt` on each referral.
 */
const CHANGED = `query Sync($since: DateTimeISO!) {
  referrals(first: 100, filter: { changedSince: $since }) { totalCount edges { node { id status updatedAt } } }
}`;

interface Changed {
  referrals: { totalCount: number; edges: Array<{ node: { id: string; status: string; updatedAt: string } }> };
}

describe('a partner system syncing referral statuses', () => {
  let system: KingaSystem;
  const partner = callerFor(Role.PARTNER_SYSTEM, 'party, consent given');
  const otherPartner = callerFor(Role.PARTNER_SYSTEM, 'stranger');

  beforeAll(async () => {
    system = await startSystem({ subgraphs: ['directory', 'cases', 'referrals'], demoData: true });
  });
  afterAll(() => system?.stop());

  const changedSince = async (since: string, as = partner) =>
    (await must<Changed>(system, as, CHANGED, { since })).referrals.edges.map((e) => e.node);

  it('finds the demo referrals changed when their last step was taken, as live ones are', async () => {
    const referrals = system.subgraphs.referrals!.database.dataSource;
    const [{ stepped, stale }] = (await referrals.query(
      `SELECT count(*) FILTER (WHERE version > 1)::int AS stepped,
              count(*) FILTER (WHERE updated_at < greatest(acknowledged_at, accepted_at, declined_at, started_at, completed_at, closed_at, cancelled_at))::int AS stale
         FROM referrals.referral WHERE is_demo`,
    )) as Array<{ stepped: number; stale: number }>;
    expect(stepped).toBeGreaterThan(0);
    expect(stale).toBe(0);
  });

  it('gets a referral when it is sent and again when it changes, and not in between', async () => {
    const beforeSending = new Date().toISOString();
    const caseId = (await openFixtureCase(system)).id;
    const referral = await referTo(system, caseId, PARTY_POINT[Role.PARTNER_SYSTEM]);

    const first = await changedSince(beforeSending);
    const sent = first.find((r) => r.id === referral.id);
    expect(sent).toMatchObject({ status: 'SENT' });

    // The next sync starts from when this one saw the referral: nothing new yet.
    expect((await changedSince(sent!.updatedAt)).map((r) => r.id)).not.toContain(referral.id);

    await cancelReferral(system, referral);
    const second = await changedSince(sent!.updatedAt);
    expect(second.find((r) => r.id === referral.id)).toMatchObject({ status: 'CANCELLED' });
    expect(new Date(second.find((r) => r.id === referral.id)!.updatedAt) > new Date(sent!.updatedAt)).toBe(true);

    // Another agency's system is not told about it.
    expect((await changedSince(beforeSending, otherPartner)).map((r) => r.id)).not.toContain(referral.id);
  });

  it('syncs from the point the service names, which trails its clock, so a change committed late is not skipped', async () => {
    const SYNC = `query Sync($since: DateTimeISO!) {
      referralSyncPoint
      referrals(first: 100, filter: { changedSince: $since }) { edges { node { id status updatedAt version } } }
    }`;
    type Synced = { referralSyncPoint: string; referrals: { edges: Array<{ node: { id: string; status: string; version: number } }> } };
    const asked = Date.now();
    const first = await must<Synced>(system, partner, SYNC, { since: new Date(asked - 3_600_000).toISOString() });
    const answered = Date.now();
    const point = Date.parse(first.referralSyncPoint);
    // A minute behind the service's clock, which read it somewhere between asking and the answer.
    expect(point).toBeLessThanOrEqual(answered - 59_000);
    expect(point).toBeGreaterThan(asked - 120_000);

    const caseId = (await openFixtureCase(system)).id;
    const referral = await referTo(system, caseId, PARTY_POINT[Role.PARTNER_SYSTEM]);
    const second = await must<Synced>(system, partner, SYNC, { since: first.referralSyncPoint });
    expect(second.referrals.edges.map((e) => e.node)).toContainEqual(
      expect.objectContaining({ id: referral.id, status: 'SENT', version: 1 }),
    );
    // The next sync shows the last minute again: the same version, which the partner already holds.
    const third = await must<Synced>(system, partner, SYNC, { since: second.referralSyncPoint });
    expect(third.referrals.edges.map((e) => e.node)).toContainEqual(expect.objectContaining({ id: referral.id, version: 1 }));
    // Anonymous callers get no sync point.
    const { body } = await system.request(`{ referralSyncPoint }`);
    expect(body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a filter list that names nothing, which would read as no filter and answer every referral', async () => {
    const owner = system.token(callerFor(Role.DCS_OFFICER, 'owner'));
    const { id: caseId } = await openFixtureCase(system);
    const refusals: Array<[string, Record<string, unknown>, string]> = [
      [`query($s: [ReferralStatus!]) { referrals(filter: { status: $s }) { totalCount } }`, { s: [] }, 'filter.status'],
      [`query($u: [Urgency!]) { referrals(filter: { urgency: $u }) { totalCount } }`, { u: [] }, 'filter.urgency'],
      [`query($id: ID!) { case(id: $id) { referrals(status: []) { totalCount } } }`, { id: caseId }, 'status'],
      [`{ agencies(filter: { types: [] }) { totalCount } }`, {}, 'filter.types'],
      [`{ serviceProviders(filter: { services: [] }) { totalCount } }`, {}, 'filter.services'],
    ];
    for (const [query, variables, field] of refusals) {
      const { body } = await system.request(query, variables, owner);
      expect({ field, errors: body.errors?.map((e) => [e.extensions?.code, e.extensions?.field, e.message]) }).toEqual({
        field,
        errors: [['BAD_USER_INPUT', field, `${field}: must name at least one value, or be left out for all`]],
      });
    }
    // Named, or left out, they filter as before.
    expect(
      (
        await must<Changed>(
          system,
          partner,
          `{ referrals(filter: { status: [SENT, ACKNOWLEDGED] }) { totalCount edges { node { id status updatedAt } } } }`,
        )
      ).referrals.edges.every((e) => ['SENT', 'ACKNOWLEDGED'].includes(e.node.status)),
    ).toBe(true);
  });

  it('names a `changedSince` that is not an instant', async () => {
    const { body } = await system.request(CHANGED, { since: 'yesterday' }, system.token(partner));
    expect(body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});
