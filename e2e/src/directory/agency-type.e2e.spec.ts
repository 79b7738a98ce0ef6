import { DEMO_CALLERS, Role, type CallerClaims } from '@kinga/shared';
import { gql, must, OFFICER, openFixtureCase, recordConsent } from '../cases/fixtures';
import { startSystem, type KingaSystem } from '../harness/start-system';

/**
 * An agency's type decides what a consent given to a type of agency opens to it on each referral it is party to
 * (DESIGN.md "Sensitivity tiers", rule 3). The referrals service keeps a copy on each referral: a type corrected
 * in the directory must reach the open ones, or the agency goes on reading under a type it no longer has.
 */
describe("an agency's type corrected in the directory, through the gateway", () => {
  let system: KingaSystem;
  const ADMIN = DEMO_CALLERS[Role.DIRECTORY_ADMIN];
  let agencyId: string;
  let recipient: CallerClaims;
  let referralId: string;

  const UPDATE = `mutation($input: UpdateAgencyInput!) { updateAgency(input: $input) { agency { id type } } }`;
  const REFRESH = `mutation($input: RefreshReferralAgencyTypeInput!) { refreshReferralAgencyType(input: $input) { agencyId type referralsUpdated } }`;
  const READ = `query($id: ID!) { referral(id: $id) { id reason } }`;

  const readReason = async () => {
    const { body } = await gql<{ referral: { id: string; reason: string | null } | null }>(system, recipient, READ, { id: referralId });
    return { reason: body.data?.referral?.reason ?? null, codes: (body.errors ?? []).map((e) => e.extensions?.code) };
  };
  const typeOnReferral = async () =>
    (
      (await system.subgraphs.referrals!.database.dataSource.query(`SELECT to_agency_type AS type FROM referrals.referral WHERE id = $1`, [
        referralId,
      ])) as Array<{ type: string }>
    )[0].type;

  beforeAll(async () => {
    system = await startSystem({ demoData: true });
    // Entered as a health facility by mistake: it is a legal-aid NGO.
    const created = await must<{ createAgency: { agency: { id: string } } }>(
      system,
      ADMIN,
      `mutation($input: CreateAgencyInput!) { createAgency(input: $input) { agency { id } } }`,
      { input: { name: `Mislabelled Legal Aid ${Date.now()}`, type: 'HEALTH' } },
    );
    agencyId = created.createAgency.agency.id;
    const provider = await must<{ createServiceProvider: { serviceProvider: { id: string } } }>(
      system,
      ADMIN,
      `mutation($input: CreateServiceProviderInput!) { createServiceProvider(input: $input) { serviceProvider { id } } }`,
      {
        input: {
          agencyId,
          name: 'Mislabelled Legal Aid Desk',
          type: 'NGO_PROGRAMME',
          countyCode: '047',
          services: ['LEGAL_AID'],
          openingHours: { open24Hours: true },
        },
      },
    );
    const providerId = provider.createServiceProvider.serviceProvider.id;
    recipient = { sub: 'mislabelled-caseworker', name: 'Caseworker', role: Role.NGO_CASEWORKER, agencyId, providerId, counties: ['047'] };
    const opened = await openFixtureCase(system);
    // Health facilities may read what identifies the child; other agencies were not named.
    await recordConsent(system, {
      caseId: opened.id,
      basis: 'CAREGIVER',
      agencyTypes: ['HEALTH'],
      tiers: ['OPERATIONAL', 'IDENTIFYING'],
      purpose: 'Treatment at a health facility',
    });
    const referral = await must<{ createReferral: { referral: { id: string } } }>(
      system,
      OFFICER,
      `mutation($input: CreateReferralInput!) { createReferral(idempotencyKey: "mislabelled-1", input: $input) { referral { id } } }`,
      {
        input: {
          caseId: opened.id,
          toProviderId: providerId,
          serviceRequested: 'LEGAL_AID',
          urgency: 'HIGH',
          reason: 'Needs a lawyer (invented)',
        },
      },
    );
    referralId = referral.createReferral.referral.id;
  });
  afterAll(() => system?.stop());

  it('carries the corrected type to the open referrals, which stop opening what the consent gave the old type', async () => {
    expect(await readReason()).toEqual({ reason: 'Needs a lawyer (invented)', codes: [] });

    const updated = await must<{ updateAgency: { agency: { type: string } } }>(system, ADMIN, UPDATE, {
      input: { id: agencyId, type: 'NGO' },
    });
    expect(updated.updateAgency.agency.type).toBe('NGO');
    expect(await typeOnReferral()).toBe('NGO');
    expect(await readReason()).toEqual({ reason: null, codes: ['FORBIDDEN'] });

    // Done already: a second call finds nothing to change.
    const again = await must<{ refreshReferralAgencyType: unknown }>(system, ADMIN, REFRESH, { input: { agencyId } });
    expect(again.refreshReferralAgencyType).toEqual({ agencyId, type: 'NGO', referralsUpdated: 0 });
  });

  it('carries it to each side it is on: a referral it sent, one between its own desks, and one it declined', async () => {
    const referrals = system.subgraphs.referrals!.database.dataSource;
    // Copies of the referral above, as the service would have stored them while the agency was HEALTH: sent by it
    // to another, between two of its own desks, and sent to it and declined (its sender still reads why: open).
    const copied = `case_id, case_owner_agency_id, case_county, from_provider_id, to_provider_id, service_requested, urgency, reason,
      created_by, created_at, updated_at, acknowledge_by, start_by`;
    const other = '00000000-0000-4000-8000-0000000000aa';
    const copy = async (reference: string, from: string, to: string, declined: boolean) =>
      referrals.query(
        `INSERT INTO referrals.referral (reference, idempotency_key, from_agency_id, from_agency_type, to_agency_id, to_agency_type,
                status, declined_at, decline_reason, version, ${copied})
         SELECT $1, $1, $2::uuid, CASE WHEN $2::uuid = $5::uuid THEN 'HEALTH' ELSE 'GOVERNMENT' END, $3::uuid, CASE WHEN $3::uuid = $5::uuid THEN 'HEALTH' ELSE 'GOVERNMENT' END,
                CASE WHEN $4::boolean THEN 'DECLINED' ELSE 'SENT' END, CASE WHEN $4::boolean THEN now() END, CASE WHEN $4::boolean THEN 'No capacity' END, 1, ${copied}
           FROM referrals.referral WHERE id = $6`,
        [reference, from, to, declined, agencyId, referralId],
      );
    await copy('KE-047-2020-700001', agencyId, other, false);
    await copy('KE-047-2020-700002', agencyId, agencyId, false);
    await copy('KE-047-2020-700003', other, agencyId, true);
    const types = async () =>
      (await referrals.query(
        `SELECT reference, from_agency_type AS "from", to_agency_type AS "to" FROM referrals.referral WHERE reference LIKE 'KE-047-2020-7%' ORDER BY reference`,
      )) as Array<{ reference: string; from: string; to: string }>;

    const refreshed = await must<{ refreshReferralAgencyType: { referralsUpdated: number } }>(system, ADMIN, REFRESH, {
      input: { agencyId },
    });
    expect(refreshed.refreshReferralAgencyType.referralsUpdated).toBe(3);
    const asNgo = [
      { reference: 'KE-047-2020-700001', from: 'NGO', to: 'GOVERNMENT' },
      { reference: 'KE-047-2020-700002', from: 'NGO', to: 'NGO' },
      { reference: 'KE-047-2020-700003', from: 'GOVERNMENT', to: 'NGO' },
    ];
    expect(await types()).toEqual(asNgo);
    await must(system, ADMIN, UPDATE, { input: { id: agencyId, type: 'POLICE' } });
    expect(await types()).toEqual(
      asNgo.map((row) => ({ ...row, from: row.from === 'NGO' ? 'POLICE' : row.from, to: row.to === 'NGO' ? 'POLICE' : row.to })),
    );
    await must(system, ADMIN, UPDATE, { input: { id: agencyId, type: 'NGO' } });
    expect(await types()).toEqual(asNgo);
  });

  it('records the change on the referral and on the agency', async () => {
    const rows = (await system.subgraphs.referrals!.database.dataSource.query(
      `SELECT record_type AS "recordType", field_names AS "fieldNames" FROM referrals.audit_event
        WHERE action = 'WRITE' AND ($1 = ANY(record_ids) OR $2 = ANY(record_ids))`,
      [referralId, agencyId],
    )) as Array<{ recordType: string; fieldNames: string[] }>;
    expect(rows).toEqual(
      expect.arrayContaining([
        { recordType: 'Referral', fieldNames: ['parties.agencyType'] },
        { recordType: 'Agency', fieldNames: ['referrals.agencyType'] },
      ]),
    );
  });

  it('refuses the refresh to anyone but a national directory administrator', async () => {
    for (const caller of [{ ...ADMIN, sub: 'county-admin', counties: ['047'] }, recipient, OFFICER]) {
      const { body } = await gql(system, caller, REFRESH, { input: { agencyId } });
      expect(body.data).toBeNull();
      expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    }
  });

  it('says the type is saved but not yet carried when the referrals service is down, and a retry carries it', async () => {
    await system.stopSubgraph('referrals');
    try {
      const { body } = await gql(system, ADMIN, UPDATE, { input: { id: agencyId, type: 'HEALTH' } });
      expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['SUBGRAPH_UNAVAILABLE']);
      expect(body.errors?.[0].extensions).toMatchObject({ outcome: 'SAVED', retryable: true, unavailableService: 'referrals' });
      expect(body.errors?.[0].message).toMatch(/new type is saved, but the open referrals it is party to still carry its old one/);
    } finally {
      await system.restartSubgraph('referrals');
    }
    const saved = await must<{ agency: { type: string } }>(system, ADMIN, `query($id: ID!) { agency(id: $id) { type } }`, { id: agencyId });
    expect(saved.agency.type).toBe('HEALTH');
    expect(await typeOnReferral()).toBe('NGO');
    expect(await readReason()).toEqual({ reason: null, codes: ['FORBIDDEN'] });

    await must(system, ADMIN, UPDATE, { input: { id: agencyId, type: 'HEALTH' } });
    expect(await typeOnReferral()).toBe('HEALTH');
    expect(await readReason()).toEqual({ reason: 'Needs a lawyer (invented)', codes: [] });
  });

  it('leaves an ended referral with the type it was sent under', async () => {
    const { referral } = await must<{ referral: { version: number } }>(
      system,
      OFFICER,
      `query($id: ID!) { referral(id: $id) { version } }`,
      {
        id: referralId,
      },
    );
    await must(
      system,
      OFFICER,
      `mutation($input: ReferralReasonTransitionInput!) { cancelReferral(input: $input) { referral { status } } }`,
      {
        input: { id: referralId, expectedVersion: referral.version, reason: 'Sent in error' },
      },
    );
    const refreshed = await must<{ updateAgency: unknown }>(system, ADMIN, UPDATE, { input: { id: agencyId, type: 'NGO' } });
    expect(refreshed.updateAgency).toEqual({ agency: { id: agencyId, type: 'NGO' } });
    expect(await typeOnReferral()).toBe('HEALTH');
  });
});
