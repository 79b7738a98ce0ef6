import { DEMO_CALLERS, demoAgencyId, Role } from '@kinga/shared';
import { gql } from 'graphql-request';
import { deactivatedAgency } from '../harness/directory-fixtures';
import { countSqlStatements, startSystem, type KingaSystem } from '../harness/start-system';

const PROVIDERS = gql`
  query Providers($filter: ServiceProviderFilter, $first: Int, $after: String) {
    serviceProviders(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          name
          services
          agency {
            name
          }
          county {
            code
            name
          }
          openingHours {
            open24Hours
          }
        }
      }
    }
  }
`;

interface ProvidersResult {
  serviceProviders: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: Array<{ node: { id: string; name: string; services: string[]; agency: { name: string }; county: { code: string } } }>;
  };
}

describe('directory through the gateway', () => {
  let system: KingaSystem;

  beforeAll(async () => {
    system = await startSystem({ subgraphs: ['directory'], demoData: true });
  });
  afterAll(() => system?.stop());

  it('answers the README query anonymously with real rows', async () => {
    const result = await system
      .client()
      .request<ProvidersResult>(PROVIDERS, { filter: { county: '047', services: ['PSYCHOSOCIAL_SUPPORT'] }, first: 10 });
    expect(result.serviceProviders.edges.length).toBeGreaterThan(0);
    for (const { node } of result.serviceProviders.edges) {
      expect(node.county.code).toBe('047');
      expect(node.services).toContain('PSYCHOSOCIAL_SUPPORT');
      expect(node.agency.name).toBeTruthy();
    }
  });

  it('pages through all providers without repeating one', async () => {
    const seen = new Set<string>();
    let after: string | null = null;
    let total: number;
    do {
      const page: ProvidersResult = await system.client().request<ProvidersResult>(PROVIDERS, { first: 7, after });
      total = page.serviceProviders.totalCount;
      for (const { node } of page.serviceProviders.edges) {
        expect(seen.has(node.id)).toBe(false);
        seen.add(node.id);
      }
      after = page.serviceProviders.pageInfo.hasNextPage ? page.serviceProviders.pageInfo.endCursor : null;
    } while (after);
    expect(seen.size).toBe(total);
    expect(total).toBeGreaterThanOrEqual(60);
  });

  it('runs the same number of SQL statements for 5 and for 100 providers with agency and county', async () => {
    const small = await countSqlStatements(system, () => system.client().request(PROVIDERS, { first: 5 }));
    const large = await countSqlStatements(system, () => system.client().request(PROVIDERS, { first: 100 }));
    expect(large.directory).toBe(small.directory);
    expect(large.directory).toBeLessThanOrEqual(5);
  });

  it('rejects a page larger than 100 with BAD_USER_INPUT', async () => {
    const { body } = await system.request(PROVIDERS, { first: 101 });
    expect(body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('bounds a name search: text of 100 characters is searched, a longer one refused with its field', async () => {
    const AGENCIES = `query($text: String) { agencies(filter: { text: $text }) { totalCount } }`;
    for (const [query, variables] of [
      [PROVIDERS, (text: string) => ({ filter: { text } })],
      [AGENCIES, (text: string) => ({ text })],
    ] as const) {
      const searched = await system.request<{ [list: string]: { totalCount: number } }>(query, variables('Nairobi'.padEnd(100, ' x')));
      expect(searched.body.errors).toBeUndefined();
      const tooLong = await system.request(query, variables('a'.repeat(100_000)));
      expect(tooLong.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.text' });
      expect(tooLong.body.errors?.[0].message).toContain('at most 100 characters');
    }
  });

  it('answers 401 UNAUTHENTICATED to a token signed with another secret', async () => {
    const { status, body } = await system.request('{ counties { code } }', {}, 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl');
    expect(status).toBe(401);
    expect(body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  describe("a safe house's whereabouts", () => {
    const SAFE_HOUSES = `query($text: String) {
      serviceProviders(filter: { county: "003", types: [SAFE_HOUSE], text: $text }) { edges { node { id name services address phone capacity } } }
    }`;
    type SafeHouses = {
      serviceProviders: { edges: Array<{ node: { id: string; name: string; address: string | null; capacity: number | null } }> };
    };
    const officer = () =>
      system.token({
        sub: 'dcs-kilifi',
        name: 'Kilifi children officer',
        role: Role.DCS_OFFICER,
        agencyId: demoAgencyId('DCS'),
        counties: ['003'],
      });

    it('shows its name and services to anyone, and where it is and how to reach it only to referring agencies', async () => {
      const anonymous = await system.request<SafeHouses>(SAFE_HOUSES);
      const [house] = anonymous.body.data!.serviceProviders.edges.map((e) => e.node);
      expect(house).toMatchObject({ name: 'Pwani Safe House for Girls (demo)', address: null, phone: null, capacity: null });
      expect(new Set(anonymous.body.errors?.map((e) => e.extensions?.code))).toEqual(new Set(['FORBIDDEN']));
      expect(anonymous.body.errors?.map((e) => e.path?.at(-1)).sort()).toEqual(['address', 'capacity', 'phone']);

      const analyst = await system.request<SafeHouses>(
        SAFE_HOUSES,
        {},
        system.token({ sub: 'analyst', name: 'Analyst', role: Role.ANALYST }),
      );
      expect(analyst.body.data!.serviceProviders.edges[0].node.capacity).toBeNull();
      expect(analyst.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');

      const referring = await system.request<SafeHouses>(SAFE_HOUSES, {}, officer());
      expect(referring.body.errors).toBeUndefined();
      expect(referring.body.data!.serviceProviders.edges[0].node).toMatchObject({ id: house.id, capacity: 25 });
      // The data protection officer reads who looked, and who was refused.
      const dpo = system.token({ sub: 'dpo', name: 'DPO', role: Role.DATA_PROTECTION_OFFICER });
      const trail = await system
        .client(dpo)
        .request<{ directoryAuditTrail: { edges: Array<{ node: { action: string; actor: string | null; fieldNames: string[] } }> } }>(
          `query($id: ID!) { directoryAuditTrail(recordId: $id, first: 50) { edges { node { action actor fieldNames } } } }`,
          { id: house.id },
        );
      const rows = trail.directoryAuditTrail.edges.map((e) => e.node);
      expect(rows).toContainEqual({
        action: 'READ',
        actor: 'dcs-kilifi',
        fieldNames: expect.arrayContaining(['address', 'phone', 'capacity']),
      });
      expect(rows).toContainEqual(expect.objectContaining({ action: 'DENY', actor: 'analyst' }));
      expect(rows).toContainEqual(expect.objectContaining({ action: 'DENY', actor: null }));
      const byAnalyst = await system.request(
        `query($id: ID!) { directoryAuditTrail(recordId: $id) { totalCount } }`,
        { id: house.id },
        system.token({ sub: 'analyst', name: 'Analyst', role: Role.ANALYST }),
      );
      expect(byAnalyst.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      // A county's supervisor reads the trails of its own county's providers, not another county's, and not an
      // agency's (which has no county).
      const supervisorOf = (county: string) =>
        system.token({
          sub: `supervisor-${county}`,
          name: 'Supervisor',
          role: Role.DCS_SUPERVISOR,
          agencyId: demoAgencyId('DCS'),
          counties: [county],
        });
      const TRAIL = `query($id: ID!) { directoryAuditTrail(recordId: $id, first: 50) { totalCount edges { node { actor } } } }`;
      const kilifi = await system.request<{
        directoryAuditTrail: { totalCount: number; edges: Array<{ node: { actor: string | null } }> };
      }>(TRAIL, { id: house.id }, supervisorOf('003'));
      expect(kilifi.body.errors).toBeUndefined();
      expect(kilifi.body.data!.directoryAuditTrail.edges.map((e) => e.node.actor)).toContain('dcs-kilifi');
      const nairobi = await system.request(TRAIL, { id: house.id }, supervisorOf('047'));
      expect(nairobi.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect(JSON.stringify(nairobi.body)).not.toContain('dcs-kilifi');
      const [{ agency_id: agencyId }] = await system.subgraphs.directory!.database.dataSource.query(
        `SELECT agency_id FROM directory.service_provider WHERE id = $1`,
        [house.id],
      );
      const agencyTrail = await system.request(TRAIL, { id: agencyId }, supervisorOf('003'));
      expect(agencyTrail.body.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    });

    it("keeps every shelter's whereabouts so, whatever its type: a child protection centre offering safe shelter", async () => {
      const shelters = await system.request<{ serviceProviders: { edges: Array<{ node: { type: string; capacity: number | null } }> } }>(
        `{ serviceProviders(filter: { county: "003", services: [SAFE_SHELTER] }) { edges { node { type capacity } } } }`,
      );
      const nodes = shelters.body
        .data!.serviceProviders.edges.map((e) => e.node)
        .filter((n) => !['POLICE_CPU', 'CHILDREN_OFFICE'].includes(n.type));
      expect(nodes.map((n) => n.type)).toContain('CHILD_PROTECTION_CENTRE');
      expect(nodes.every((n) => n.capacity === null)).toBe(true);
      expect(shelters.body.errors?.length).toBe(nodes.length);
      // A provider that shelters no one keeps a public phone.
      const office = await system
        .client()
        .request<{ serviceProviders: { edges: Array<{ node: { phone: string | null } }> } }>(
          `{ serviceProviders(filter: { county: "047", types: [CHILDREN_OFFICE] }) { edges { node { phone } } } }`,
        );
      expect(office.serviceProviders.edges.some((e) => e.node.phone !== null)).toBe(true);
    });

    it('does not let a text search find it by its address, except for referring agencies', async () => {
      const admin = system.token({ sub: 'admin', name: 'Admin', role: Role.DIRECTORY_ADMIN, counties: [] });
      const house = (await system.client(officer()).request<SafeHouses>(SAFE_HOUSES)).serviceProviders.edges[0].node;
      await system
        .client(admin)
        .request(
          `mutation($id: ID!) { updateServiceProvider(input: { id: $id, address: "Plot 7, Mtwapa Creek Road" }) { serviceProvider { id } } }`,
          {
            id: house.id,
          },
        );
      const anonymous = await system.request<SafeHouses>(SAFE_HOUSES, { text: 'Mtwapa Creek' });
      expect(anonymous.body.data!.serviceProviders.edges).toEqual([]);
      const byName = await system.request<SafeHouses>(SAFE_HOUSES, { text: 'Pwani Safe House' });
      expect(byName.body.data!.serviceProviders.edges.map((e) => e.node.id)).toEqual([house.id]);
      const referring = await system.client(officer()).request<SafeHouses>(SAFE_HOUSES, { text: 'Mtwapa Creek' });
      expect(referring.serviceProviders.edges.map((e) => e.node)).toEqual([
        expect.objectContaining({ id: house.id, address: 'Plot 7, Mtwapa Creek Road' }),
      ]);
      // Found by its address without asking for it, the search itself is on the shelter's trail.
      await system
        .client(officer())
        .request(`query AddressOnly($text: String) { serviceProviders(filter: { text: $text }) { edges { node { id } } } }`, {
          text: 'Mtwapa Creek',
        });
      const trail = await system.subgraphs.directory!.database.dataSource.query(
        `SELECT action, field_names FROM directory.audit_event WHERE operation_name LIKE 'AddressOnly%' AND $1 = ANY(record_ids)`,
        [house.id],
      );
      expect(trail).toEqual([{ action: 'READ', field_names: ['filter.text'] }]);
      // Counted on a page that does not show it (past it), the search told as much.
      const cursor = Buffer.from(JSON.stringify(['\uffff', 'ffffffff-ffff-4fff-bfff-ffffffffffff'])).toString('base64url');
      await system
        .client(officer())
        .request(
          `query PastIt($text: String, $after: String) { serviceProviders(after: $after, filter: { text: $text }) { totalCount } }`,
          {
            text: 'Mtwapa Creek',
            after: cursor,
          },
        );
      const paged = await system.subgraphs.directory!.database.dataSource.query(
        `SELECT action, field_names FROM directory.audit_event WHERE operation_name LIKE 'PastIt%' AND $1 = ANY(record_ids)`,
        [house.id],
      );
      expect(paged).toEqual([{ action: 'READ', field_names: ['filter.text'] }]);
    });
  });

  describe('opening hours and the life of an entry', () => {
    const admin = () => system.token({ sub: 'admin', name: 'Admin', role: Role.DIRECTORY_ADMIN, counties: [] });
    const CREATE = `mutation($input: CreateServiceProviderInput!) {
      createServiceProvider(input: $input) { serviceProvider { id openingHours { weekly { day opens closes } } } }
    }`;
    const agencyId = async () =>
      (
        await system
          .client()
          .request<{ agencies: { edges: Array<{ node: { id: string } }> } }>(`{ agencies(first: 1) { edges { node { id } } } }`)
      ).agencies.edges[0].node.id;
    /** A new provider's input: a legal desk in Nyeri, open round the clock, unless `fields` say otherwise. */
    const providerInput = async (fields: Record<string, unknown>) => ({
      input: {
        agencyId: await agencyId(),
        type: 'NGO_PROGRAMME',
        countyCode: '019',
        services: ['LEGAL_AID'],
        openingHours: { open24Hours: true },
        ...fields,
      },
    });

    it('finds a night desk open in the last minute of the day, its window running to 24:00', async () => {
      const created = await system.client(admin()).request<{
        createServiceProvider: {
          serviceProvider: { id: string; openingHours: { weekly: Array<{ day: string; opens: string; closes: string }> } };
        };
      }>(CREATE, {
        input: {
          agencyId: await agencyId(),
          name: 'Night Desk Nyeri',
          type: 'HELPLINE',
          countyCode: '019',
          services: ['PSYCHOSOCIAL_SUPPORT'],
          openingHours: {
            open24Hours: false,
            weekly: [
              { day: 'MONDAY', opens: '18:00', closes: '24:00' },
              { day: 'TUESDAY', opens: '00:00', closes: '08:00' },
            ],
          },
        },
      });
      const { id, openingHours } = created.createServiceProvider.serviceProvider;
      expect(openingHours.weekly).toContainEqual({ day: 'MONDAY', opens: '18:00', closes: '24:00' });
      const openAt = async (at: string) =>
        (
          await system.client().request<ProvidersResult>(PROVIDERS, { filter: { county: '019', text: 'Night Desk Nyeri', openAt: at } })
        ).serviceProviders.edges.map((e) => e.node.id);
      // Monday 23:59:30 and Tuesday 00:00:30 in Nairobi; Tuesday 08:00 it has closed.
      expect(await openAt('2026-11-23T20:59:30Z')).toEqual([id]);
      expect(await openAt('2026-11-23T21:00:30Z')).toEqual([id]);
      expect(await openAt('2026-11-24T05:00:00Z')).toEqual([]);
    });

    it('says whether a provider is open now and, if not, when it next opens, as the openAt search finds it', async () => {
      // One hour a week: closed at almost any moment the suite runs, open at the one it names.
      const created = await system.client(admin()).request<{ createServiceProvider: { serviceProvider: { id: string } } }>(CREATE, {
        input: {
          agencyId: await agencyId(),
          name: 'Weekly Clinic Nyeri',
          type: 'NGO_PROGRAMME',
          countyCode: '019',
          services: ['LEGAL_AID'],
          openingHours: { open24Hours: false, weekly: [{ day: 'WEDNESDAY', opens: '10:00', closes: '11:00' }] },
        },
      });
      const { id } = created.createServiceProvider.serviceProvider;
      const before = new Date();
      const { serviceProvider } = await system
        .client()
        .request<{ serviceProvider: { openingHours: { openNow: boolean; opensNext: string | null } } }>(
          `query($id: ID!) { serviceProvider(id: $id) { openingHours { openNow opensNext } } }`,
          { id },
        );
      const foundOpenAt = async (at: string) =>
        (
          await system.client().request<ProvidersResult>(PROVIDERS, { filter: { county: '019', text: 'Weekly Clinic Nyeri', openAt: at } })
        ).serviceProviders.edges.some((e) => e.node.id === id);
      const { openNow, opensNext } = serviceProvider.openingHours;
      expect(openNow).toBe(await foundOpenAt(before.toISOString()));
      if (openNow) expect(opensNext).toBeNull();
      else {
        expect(new Date(opensNext!).getTime()).toBeGreaterThan(before.getTime());
        expect(new Date(opensNext!).toISOString()).toMatch(/T07:00:00\.000Z$/); // 10:00 in Nairobi
        expect(await foundOpenAt(opensNext!)).toBe(true);
        expect(await foundOpenAt(new Date(new Date(opensNext!).getTime() - 60_000).toISOString())).toBe(false);
      }
    });

    it("keeps a children's home's whereabouts from the public by its type, whatever services it lists", async () => {
      const created = await system.client(admin()).request<{ createServiceProvider: { serviceProvider: { id: string } } }>(
        CREATE,
        await providerInput({
          name: 'Likoni Children Home',
          type: 'CHARITABLE_CHILDREN_INSTITUTION',
          countyCode: '001',
          services: ['FAMILY_TRACING_AND_REINTEGRATION', 'EDUCATION_SUPPORT'],
          address: 'Plot 12, Likoni Ferry Road',
          capacity: 60,
        }),
      );
      const id = created.createServiceProvider.serviceProvider.id;
      const HOME = `query($text: String!) { serviceProviders(filter: { county: "001", text: $text }) { edges { node { id address capacity } } } }`;
      const byName = await system.request<{ serviceProviders: { edges: Array<{ node: unknown }> } }>(HOME, {
        text: 'Likoni Children Home',
      });
      expect(byName.body.data!.serviceProviders.edges).toEqual([{ node: { id, address: null, capacity: null } }]);
      expect(byName.body.errors?.map((e) => [e.path?.at(-1), e.extensions?.code])).toEqual([
        ['address', 'FORBIDDEN'],
        ['capacity', 'FORBIDDEN'],
      ]);
      // Nor found by its address; a referring agency finds it and reads it.
      const byAddress = await system.request<{ serviceProviders: { edges: unknown[] } }>(HOME, { text: 'Likoni Ferry' });
      expect(byAddress.body.data!.serviceProviders.edges).toEqual([]);
      const referring = await system
        .client(system.token(DEMO_CALLERS[Role.DCS_OFFICER]))
        .request<{ serviceProviders: { edges: Array<{ node: unknown }> } }>(HOME, { text: 'Likoni Ferry' });
      expect(referring.serviceProviders.edges).toEqual([{ node: { id, address: 'Plot 12, Likoni Ferry Road', capacity: 60 } }]);
    });

    it("keeps a county's directory administrator to that county's providers, and agencies to a national one", async () => {
      const nyeriAdmin = system.token({ sub: 'admin-nyeri', name: 'Nyeri admin', role: Role.DIRECTORY_ADMIN, counties: ['019'] });
      const provider = (countyCode: string, name: string) => providerInput({ countyCode, name });
      const DEMO_AGENCY = await agencyId();
      const own = await system.request<{ createServiceProvider: { serviceProvider: { id: string } } }>(
        CREATE,
        await provider('019', 'Nyeri Legal Desk'),
        nyeriAdmin,
      );
      expect(own.body.errors).toBeUndefined();
      const ownId = own.body.data!.createServiceProvider.serviceProvider.id;
      const elsewhere = await system.request(CREATE, await provider('047', 'Nairobi Legal Desk'), nyeriAdmin);
      expect(elsewhere.body.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
      const UPDATE = `mutation($input: UpdateServiceProviderInput!) { updateServiceProvider(input: $input) { serviceProvider { id } } }`;
      const nairobi = await system.request<{ createServiceProvider: { serviceProvider: { id: string } } }>(
        CREATE,
        await provider('047', 'Nairobi Legal Desk'),
        admin(),
      );
      const nairobiId = nairobi.body.data!.createServiceProvider.serviceProvider.id;
      const notTheirs = await system.request(UPDATE, { input: { id: nairobiId, acceptingReferrals: false } }, nyeriAdmin);
      expect(notTheirs.body.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
      const movedAway = await system.request(UPDATE, { input: { id: ownId, countyCode: '047' } }, nyeriAdmin);
      expect(movedAway.body.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
      const deactivated = await system.request(
        `mutation($id: ID!) { deactivateServiceProvider(input: { id: $id }) { serviceProvider { id } } }`,
        { id: nairobiId },
        nyeriAdmin,
      );
      expect(deactivated.body.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
      // Deactivated by a national administrator, the Nairobi provider is not the Nyeri one's to bring back.
      const REACTIVATE = `mutation($id: ID!) { reactivateServiceProvider(input: { id: $id }) { serviceProvider { id } } }`;
      const DEACTIVATE = `mutation($id: ID!) { deactivateServiceProvider(input: { id: $id }) { serviceProvider { id } } }`;
      expect((await system.request(DEACTIVATE, { id: nairobiId }, admin())).body.errors).toBeUndefined();
      const reactivated = await system.request(REACTIVATE, { id: nairobiId }, nyeriAdmin);
      expect(reactivated.body.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
      // Its own county's provider it updates, deactivates and reactivates.
      expect((await system.request(UPDATE, { input: { id: ownId, acceptingReferrals: false } }, nyeriAdmin)).body.errors).toBeUndefined();
      expect((await system.request(DEACTIVATE, { id: ownId }, nyeriAdmin)).body.errors).toBeUndefined();
      expect((await system.request(REACTIVATE, { id: ownId }, nyeriAdmin)).body.errors).toBeUndefined();
      // Each refusal is on the provider's trail; the create, of a provider not yet made, on its agency's.
      const denied = await system.subgraphs.directory!.database.dataSource.query(
        `SELECT record_ids, field_names FROM directory.audit_event WHERE action = 'DENY' AND actor = 'admin-nyeri' ORDER BY id`,
      );
      expect(denied).toEqual([
        { record_ids: [DEMO_AGENCY], field_names: ['createServiceProvider'] },
        { record_ids: [nairobiId], field_names: ['updateServiceProvider'] },
        { record_ids: [ownId], field_names: ['updateServiceProvider'] },
        { record_ids: [nairobiId], field_names: ['deactivateServiceProvider'] },
        { record_ids: [nairobiId], field_names: ['reactivateServiceProvider'] },
      ]);
      // A caller without the role is refused, and the attempt is on the agency's trail (the provider has none yet).
      const caseworker = system.token({ ...DEMO_CALLERS[Role.NGO_CASEWORKER], sub: 'caseworker-dir', name: 'Caseworker' });
      expect(
        (await system.request(CREATE, await provider('019', 'Unasked Desk'), caseworker)).body.errors?.map((e) => e.extensions?.code),
      ).toEqual(['FORBIDDEN']);
      const onAgencyTrail = await system.request<{ directoryAuditTrail: { edges: Array<{ node: { actor: string; action: string } }> } }>(
        `query($id: ID!) { directoryAuditTrail(recordId: $id, first: 100) { edges { node { actor action fieldNames } } } }`,
        { id: DEMO_AGENCY },
        system.token(DEMO_CALLERS[Role.DATA_PROTECTION_OFFICER]),
      );
      expect(onAgencyTrail.body.data!.directoryAuditTrail.edges.map((e) => e.node)).toContainEqual({
        actor: 'caseworker-dir',
        action: 'DENY',
        fieldNames: ['createServiceProvider'],
      });
      // An agency spans counties: only a national administrator changes one.
      const agencyChange = await system.request(
        `mutation($id: ID!) { deactivateAgency(input: { id: $id }) { agency { id } } }`,
        { id: DEMO_AGENCY },
        nyeriAdmin,
      );
      expect(agencyChange.body.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
        ['FORBIDDEN', 'An agency spans counties: a national directory administrator (a token without counties) changes it'],
      ]);
    });

    it('refuses a provider without opening hours, which would never be found open', async () => {
      const { body } = await system.request(
        CREATE,
        {
          input: {
            agencyId: await agencyId(),
            name: 'Hours Unknown',
            type: 'HELPLINE',
            countyCode: '019',
            services: ['PSYCHOSOCIAL_SUPPORT'],
          },
        },
        admin(),
      );
      expect(body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.openingHours' });
    });

    it('keeps a deactivated provider as it was when it closed, until it is reactivated', async () => {
      const created = await system
        .client(admin())
        .request<{ createServiceProvider: { serviceProvider: { id: string } } }>(CREATE, await providerInput({ name: 'Closing Desk' }));
      const id = created.createServiceProvider.serviceProvider.id;
      await system
        .client(admin())
        .request(`mutation($id: ID!) { deactivateServiceProvider(input: { id: $id }) { serviceProvider { id } } }`, { id });
      const reopened = await system.request(
        `mutation($id: ID!) { updateServiceProvider(input: { id: $id, acceptingReferrals: true }) { serviceProvider { acceptingReferrals } } }`,
        { id },
        admin(),
      );
      expect(reopened.body.errors?.[0].extensions?.code).toBe('CONFLICT');
      const now = await system
        .client()
        .request<{ serviceProvider: { active: boolean; acceptingReferrals: boolean } }>(
          `query($id: ID!) { serviceProvider(id: $id) { active acceptingReferrals } }`,
          { id },
        );
      expect(now.serviceProvider).toEqual({ active: false, acceptingReferrals: false });
      // Closed by mistake: reactivated under its own id, by an administrator only, and changed after that.
      const REACTIVATE = `mutation($id: ID!) { reactivateServiceProvider(input: { id: $id }) { serviceProvider { active acceptingReferrals } } }`;
      const byCaseworker = await system.request(REACTIVATE, { id }, system.token(DEMO_CALLERS[Role.NGO_CASEWORKER]));
      expect(byCaseworker.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      const back = await system.request<{ reactivateServiceProvider: { serviceProvider: unknown } }>(REACTIVATE, { id }, admin());
      expect(back.body.data?.reactivateServiceProvider.serviceProvider).toEqual({ active: true, acceptingReferrals: false });
      const accepting = await system.request(
        `mutation($id: ID!) { updateServiceProvider(input: { id: $id, acceptingReferrals: true }) { serviceProvider { acceptingReferrals } } }`,
        { id },
        admin(),
      );
      expect(accepting.body.errors).toBeUndefined();
    });

    it('reactivates a deactivated agency under its own id, by a national administrator only', async () => {
      const agencyId = await deactivatedAgency(system, `Reopened Agency ${Date.now()}`);
      const REACTIVATE = `mutation($id: ID!) { reactivateAgency(input: { id: $id }) { agency { id active } } }`;
      const nyeri = system.token({ sub: 'nyeri-admin', name: 'Nyeri admin', role: Role.DIRECTORY_ADMIN, counties: ['019'] });
      for (const token of [system.token(DEMO_CALLERS[Role.NGO_CASEWORKER]), nyeri]) {
        const refused = await system.request(REACTIVATE, { id: agencyId }, token);
        expect(refused.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      }
      const back = await system.request<{ reactivateAgency: { agency: { id: string; active: boolean } } }>(
        REACTIVATE,
        { id: agencyId },
        admin(),
      );
      expect(back.body.data?.reactivateAgency.agency).toEqual({ id: agencyId, active: true });
      const again = await system.request(REACTIVATE, { id: agencyId }, admin());
      expect(again.body.errors?.[0].extensions?.code).toBe('CONFLICT');
    });

    it('refuses a county code that is not one of the 47, rather than finding no one', async () => {
      const { body } = await system.request(PROVIDERS, { filter: { county: '47' } });
      expect(body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.county' });
      // The same for one county asked by its code: "47" is no county's, not a county that is not there.
      const one = await system.request<{ county: { name: string } | null }>(`query($code: ID!) { county(code: $code) { name } }`, {
        code: '47',
      });
      expect(one.body.data?.county ?? null).toBeNull();
      expect(one.body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'code' });
      const nairobi = await system.request<{ county: { name: string } | null }>(`query($code: ID!) { county(code: $code) { name } }`, {
        code: '047',
      });
      expect(nairobi.body.data?.county?.name).toBe('Nairobi');
    });
  });

  it('answers a lookup by a malformed id on its own, leaving the lookups batched with it to answer', async () => {
    const agencies = await system
      .client()
      .request<{ agencies: { edges: Array<{ node: { id: string; name: string } }> } }>(
        `{ agencies(first: 1) { edges { node { id name } } } }`,
      );
    const real = agencies.agencies.edges[0].node;
    const { body } = await system.request<{ a: unknown; b: { name: string } | null }>(
      `query($real: ID!) { a: agency(id: "not-an-id") { name } b: agency(id: $real) { name } }`,
      { real: real.id },
    );
    expect(body.data).toEqual({ a: null, b: { name: real.name } });
    expect(body.errors?.map((e) => [e.path?.join('.'), e.extensions?.code, e.extensions?.field])).toEqual([['a', 'BAD_USER_INPUT', 'id']]);
  });

  it('names the field of invalid input: a malformed phone number', async () => {
    const token = system.token({ sub: 'admin', name: 'Admin', role: Role.DIRECTORY_ADMIN, counties: [] });
    const agencies = await system
      .client()
      .request<{ agencies: { edges: Array<{ node: { id: string } }> } }>(`{ agencies(first: 1) { edges { node { id } } } }`);
    const { body } = await system.request(
      `mutation($input: CreateServiceProviderInput!) { createServiceProvider(input: $input) { serviceProvider { id } } }`,
      {
        input: {
          agencyId: agencies.agencies.edges[0].node.id,
          name: 'New Desk',
          type: 'NGO_PROGRAMME',
          countyCode: '047',
          phone: 'call me',
          services: ['LEGAL_AID'],
          openingHours: { open24Hours: true },
        },
      },
      token,
    );
    expect(body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.phone' });
  });
});
