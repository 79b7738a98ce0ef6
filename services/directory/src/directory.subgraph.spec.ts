import { KENYAN_COUNTY_CODES, Role, startSubgraph, type StartedSubgraph } from '@kinga/shared';
import { createTestDatabase, postGraphql, testEnv, testToken, type TestDatabase } from '@kinga/shared/testing';
import { directorySubgraph } from './directory.subgraph';
import { readCounties } from './modules/county/county.reference-data';
import { ProviderType, type ServiceType } from './modules/service-provider/service-provider.enums';
import { isShelter } from './modules/service-provider/service-provider.policy';

const admin = testToken({ sub: 'admin', name: 'Admin', role: Role.DIRECTORY_ADMIN, counties: [] });
const analyst = testToken({ sub: 'analyst', name: 'Analyst', role: Role.ANALYST });

const CREATE_AGENCY = `mutation($input: CreateAgencyInput!) { createAgency(input: $input) { agency { id name acronym type active } } }`;
const CREATE_PROVIDER = `mutation($input: CreateServiceProviderInput!) { createServiceProvider(input: $input) { serviceProvider { id name active acceptingReferrals openingHours { open24Hours weekly { day opens closes } } } } }`;
const PROVIDERS = `query($filter: ServiceProviderFilter) { serviceProviders(filter: $filter, first: 100) { totalCount edges { node { id name } } } }`;

interface Providers {
  serviceProviders: { totalCount: number; edges: Array<{ node: { id: string; name: string } }> };
}

describe('directory subgraph (integration)', () => {
  let database: TestDatabase;
  let subgraph: StartedSubgraph;
  let agencyId: string;
  const call = <T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}, token?: string) =>
    postGraphql<T>(subgraph.url, query, variables, { token });

  beforeAll(async () => {
    database = await createTestDatabase();
    subgraph = await startSubgraph(directorySubgraph, testEnv(database.url, { DEMO_DATA: 'true' }));
    const created = await call<{ createAgency: { agency: { id: string } } }>(
      CREATE_AGENCY,
      { input: { name: 'Lamu Child Rights Trust', acronym: 'LCRT', type: 'NGO' } },
      admin,
    );
    agencyId = created.body.data!.createAgency.agency.id;
  });

  afterAll(async () => {
    await subgraph?.stop();
    await database?.drop();
  });

  it('loads the 47 counties at every start without duplicating them', async () => {
    await directorySubgraph.loadReferenceData!(subgraph.database, { info: () => undefined } as never);
    const { body } = await call<{ counties: Array<{ code: string }> }>('{ counties { code name region } }');
    expect(body.data?.counties).toHaveLength(47);
    expect(body.data?.counties[46]).toMatchObject({ code: '047' });
  });

  it('refuses a request without the gateway secret, even with a valid token', async () => {
    const { status, body } = await postGraphql(subgraph.url, '{ counties { code } }', {}, { gatewaySecret: null, token: admin });
    expect(status).toBe(401);
    expect(body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const wrong = await postGraphql(subgraph.url, '{ counties { code } }', {}, { gatewaySecret: 'not-the-secret-at-all-000' });
    expect(wrong.status).toBe(401);
  });

  it('lets only a directory admin write, and says so with FORBIDDEN or UNAUTHENTICATED', async () => {
    const input = { name: 'Another Agency', type: 'CBO' };
    expect((await call(CREATE_AGENCY, { input }, analyst)).body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await call(CREATE_AGENCY, { input })).body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await call(CREATE_AGENCY, { input }, admin)).body.errors).toBeUndefined();
  });

  it('answers a retried create with the entry already made, once, and refuses the key for another entry', async () => {
    const KEYED_AGENCY = `mutation($input: CreateAgencyInput!, $key: String) { createAgency(input: $input, idempotencyKey: $key) { agency { id } } }`;
    const KEYED_PROVIDER = `mutation($input: CreateServiceProviderInput!, $key: String) {
      createServiceProvider(input: $input, idempotencyKey: $key) { serviceProvider { id } } }`;
    const input = { name: 'Retried Agency', type: 'CBO' };
    const [first, retry] = await Promise.all(
      [1, 2].map(() => call<{ createAgency: { agency: { id: string } } }>(KEYED_AGENCY, { input, key: 'agency-retry-0001' }, admin)),
    );
    expect(retry.body.data?.createAgency.agency.id).toBe(first.body.data?.createAgency.agency.id);
    const [{ n }]: Array<{ n: number }> = await subgraph.database.dataSource.query(
      `SELECT count(*)::int AS n FROM directory.agency WHERE name = 'Retried Agency'`,
    );
    expect(n).toBe(1);
    const reused = await call(KEYED_AGENCY, { input: { ...input, name: 'Another Retried Agency' }, key: 'agency-retry-0001' }, admin);
    expect(reused.body.errors?.[0].extensions?.code).toBe('CONFLICT');
    const provider = {
      agencyId: first.body.data!.createAgency.agency.id,
      name: 'Retried Desk',
      type: 'NGO_PROGRAMME',
      countyCode: '047',
      services: ['LEGAL_AID'],
      openingHours: { open24Hours: true },
    };
    const desks = await Promise.all(
      [1, 2].map(() =>
        call<{ createServiceProvider: { serviceProvider: { id: string } } }>(
          KEYED_PROVIDER,
          { input: provider, key: 'desk-retry-0001' },
          admin,
        ),
      ),
    );
    expect(new Set(desks.map((desk) => desk.body.data?.createServiceProvider.serviceProvider.id)).size).toBe(1);
    // A key is its writer's: another administrator's same key is another create.
    const otherAdmin = testToken({ sub: 'another-admin', name: 'Another Admin', role: Role.DIRECTORY_ADMIN, counties: [] });
    const theirs = await call<{ createAgency: { agency: { id: string } } }>(KEYED_AGENCY, { input, key: 'agency-retry-0001' }, otherAdmin);
    expect(theirs.body.data?.createAgency.agency.id).not.toBe(first.body.data?.createAgency.agency.id);
    // Without a key, a create is a create.
    expect((await call(KEYED_AGENCY, { input: { name: 'Unkeyed Agency', type: 'CBO' } }, admin)).body.errors).toBeUndefined();
  });

  it.each([
    [{ name: ' ', type: 'NGO' }, 'input.name'],
    [{ name: 'Dup', acronym: 'LCRT', type: 'NGO' }, 'input.acronym'],
  ])('refuses invalid agency input %j naming %s', async (input, field) => {
    const { body } = await call(CREATE_AGENCY, { input }, admin);
    expect(body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });

  it.each([
    [{ countyCode: '099' }, 'input.countyCode'],
    [{ countyCode: 'Nairobi' }, 'input.countyCode'],
    [{ phone: '12-34' }, 'input.phone'],
    [{ name: '' }, 'input.name'],
    [{ services: [] }, 'input.services'],
    [{ openingHours: { open24Hours: false, weekly: [{ day: 'MONDAY', opens: '17:00', closes: '08:00' }] } }, 'input.openingHours.weekly.0'],
    // Two windows opening together, and two that overlap: one desk is open or closed at a time.
    [
      {
        openingHours: {
          open24Hours: false,
          weekly: [
            { day: 'MONDAY', opens: '08:00', closes: '12:00' },
            { day: 'MONDAY', opens: '08:00', closes: '17:00' },
          ],
        },
      },
      'input.openingHours.weekly',
    ],
    [
      {
        openingHours: {
          open24Hours: false,
          weekly: [
            { day: 'TUESDAY', opens: '13:00', closes: '17:00' },
            { day: 'MONDAY', opens: '08:00', closes: '12:00' },
            { day: 'TUESDAY', opens: '08:00', closes: '13:30' },
          ],
        },
      },
      'input.openingHours.weekly',
    ],
    [{ agencyId: '00000000-0000-4000-8000-000000000000' }, 'input.agencyId'],
  ])('refuses invalid provider input %j naming %s, writing nothing', async (override, field) => {
    // Every provider, not the agency's: a create under another agency must not slip through either.
    const before = (await call<Providers>(PROVIDERS, { filter: { includeInactive: true } })).body.data!.serviceProviders.totalCount;
    const input = {
      agencyId,
      name: 'Lamu Desk',
      type: 'NGO_PROGRAMME',
      countyCode: '005',
      services: ['LEGAL_AID'],
      openingHours: { open24Hours: true },
      ...override,
    };
    const { body } = await call(CREATE_PROVIDER, { input }, admin);
    expect(body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    const after = (await call<Providers>(PROVIDERS, { filter: { includeInactive: true } })).body.data!.serviceProviders.totalCount;
    expect(after).toBe(before);
  });

  it('says which filter is malformed: an agency id that is no id', async () => {
    const { body } = await call(PROVIDERS, { filter: { agencyId: 'LCRT' } });
    expect(body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.agencyId' });
  });

  it('tells a county administrator a county code that is no county is bad input, not a county of someone else', async () => {
    const lamuAdmin = testToken({ sub: 'lamu-admin', name: 'Lamu Admin', role: Role.DIRECTORY_ADMIN, counties: ['005'] });
    const input = { agencyId, name: 'Lamu Desk', type: 'NGO_PROGRAMME', services: ['LEGAL_AID'], openingHours: { open24Hours: true } };
    for (const countyCode of ['5', '005 ', '099']) {
      const { body } = await call(CREATE_PROVIDER, { input: { ...input, countyCode } }, lamuAdmin);
      expect({ countyCode, extensions: body.errors?.[0].extensions }).toMatchObject({
        countyCode,
        extensions: { code: 'BAD_USER_INPUT', field: 'input.countyCode' },
      });
    }
    const elsewhere = await call(CREATE_PROVIDER, { input: { ...input, countyCode: '047' } }, lamuAdmin);
    expect(elsewhere.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('applies each search filter exactly: every provider it should find, and no other', async () => {
    type Row = {
      id: string;
      type: string;
      county_code: string;
      services: string[];
      accepting_referrals: boolean;
      active: boolean;
      name: string;
      sub_county: string | null;
      address: string | null;
      agency_id: string;
    };
    const db = subgraph.database.dataSource;
    // A children's home whose sub-county names Nairobi: a shelter of a residential type, which the demo data
    // lacks, so that the anonymous text search below shows it leaves such an address unsearched.
    const home = await call(
      CREATE_PROVIDER,
      {
        input: {
          agencyId,
          name: 'Lamu Road Children Home',
          type: 'CHARITABLE_CHILDREN_INSTITUTION',
          countyCode: '047',
          subCounty: 'Nairobi West',
          services: ['PSYCHOSOCIAL_SUPPORT'],
          openingHours: { open24Hours: true },
        },
      },
      admin,
    );
    expect(home.body.errors).toBeUndefined();
    // One provider out of listings, so that the active-only default and includeInactive differ.
    const [{ id: hidden }]: Array<{ id: string }> = await db.query(
      `SELECT id FROM directory.service_provider WHERE active AND county_code = '047' ORDER BY name LIMIT 1`,
    );
    await db.query(`UPDATE directory.service_provider SET active = false WHERE id = $1`, [hidden]);
    const rows: Row[] = await db.query(
      `SELECT id, type::text, county_code, services::text[] AS services, accepting_referrals, active, name, sub_county, address, agency_id FROM directory.service_provider`,
    );
    const search = async (filter: Record<string, unknown>) => {
      const { body } = await call<Providers>(PROVIDERS, { filter });
      expect(body.errors).toBeUndefined();
      const ids = body.data!.serviceProviders.edges.map((e) => e.node.id).sort();
      expect(body.data!.serviceProviders.totalCount).toBe(ids.length);
      return ids;
    };
    const expected = (keep: (row: Row) => boolean) =>
      rows
        .filter(keep)
        .map((row) => row.id)
        .sort();
    const someAgency = rows.find((row) => row.active)!.agency_id;
    const cases: Array<[Record<string, unknown>, (row: Row) => boolean]> = [
      [{}, (row) => row.active],
      [{ includeInactive: true }, () => true],
      [{ county: '047' }, (row) => row.active && row.county_code === '047'],
      [{ types: ['POLICE_CPU', 'GBVRC'] }, (row) => row.active && ['POLICE_CPU', 'GBVRC'].includes(row.type)],
      [
        { services: ['PSYCHOSOCIAL_SUPPORT', 'LEGAL_AID'] },
        (row) => row.active && row.services.includes('PSYCHOSOCIAL_SUPPORT') && row.services.includes('LEGAL_AID'),
      ],
      [{ acceptingReferrals: false }, (row) => row.active && !row.accepting_referrals],
      [{ acceptingReferrals: true, county: '001' }, (row) => row.active && row.accepting_referrals && row.county_code === '001'],
      [{ agencyId: someAgency }, (row) => row.active && row.agency_id === someAgency],
      [
        { text: 'nairobi' },
        // Anonymous: a shelter's sub-county and address are not searched (its whereabouts are not public).
        (row) =>
          row.active &&
          (isShelter({ type: row.type as ProviderType, services: row.services as ServiceType[] })
            ? [row.name]
            : [row.name, row.sub_county, row.address]
          ).some((value) => value?.toLowerCase().includes('nairobi')),
      ],
      [{ text: '100%_' }, () => false],
    ];
    try {
      for (const [filter, keep] of cases) {
        const wanted = expected(keep);
        expect({ filter, found: await search(filter) }).toEqual({ filter, found: wanted });
        // A filter that finds everything or nothing would not show it works (except the ones meant to).
        const narrowing = Object.keys(filter).length > 0 && !('includeInactive' in filter) && filter.text !== '100%_';
        if (narrowing && !('acceptingReferrals' in filter))
          expect({ filter, found: wanted.length > 0 && wanted.length < rows.length }).toEqual({ filter, found: true });
      }
      expect(await search({})).not.toContain(hidden);
      expect(await search({ includeInactive: true })).toContain(hidden);
    } finally {
      await db.query(`UPDATE directory.service_provider SET active = true WHERE id = $1`, [hidden]);
    }
  });

  it('finds providers open at a given moment in Kenyan time', async () => {
    const input = {
      agencyId,
      name: 'Lamu Weekday Desk',
      type: 'NGO_PROGRAMME',
      countyCode: '005',
      services: ['LEGAL_AID'],
      openingHours: { open24Hours: false, weekly: [{ day: 'MONDAY', opens: '08:00', closes: '17:00' }] },
    };
    const created = await call(CREATE_PROVIDER, { input }, admin);
    expect(created.body.errors).toBeUndefined();
    const names = async (openAt: string) =>
      (await call<Providers>(PROVIDERS, { filter: { county: '005', openAt } })).body.data!.serviceProviders.edges.map((e) => e.node.name);
    expect(await names('2026-11-23T06:00:00Z')).toContain('Lamu Weekday Desk'); // Monday 09:00 EAT
    expect(await names('2026-11-23T15:00:00Z')).not.toContain('Lamu Weekday Desk'); // Monday 18:00 EAT
    expect(await names('2026-11-22T06:00:00Z')).not.toContain('Lamu Weekday Desk'); // Sunday
  });

  it('deactivating an agency takes every one of its providers out of listings and referrals at once', async () => {
    const wereActive: Array<{ id: string }> = await subgraph.database.dataSource.query(
      `SELECT id FROM directory.service_provider WHERE agency_id = $1 AND (active OR accepting_referrals)`,
      [agencyId],
    );
    expect(wereActive.length).toBeGreaterThan(0);
    const [{ before }] = await subgraph.database.dataSource.query(`SELECT max(id) AS before FROM directory.audit_event`);
    const { body } = await call<{ deactivateAgency: { agency: { active: boolean } } }>(
      `mutation($input: DeactivateAgencyInput!) { deactivateAgency(input: $input) { agency { active } } }`,
      { input: { id: agencyId } },
      admin,
    );
    expect(body.data?.deactivateAgency.agency.active).toBe(false);
    expect((await call<Providers>(PROVIDERS, { filter: { agencyId } })).body.data!.serviceProviders.totalCount).toBe(0);
    const all = await call<{ serviceProviders: { edges: Array<{ node: { active: boolean; acceptingReferrals: boolean } }> } }>(
      `query($filter: ServiceProviderFilter) { serviceProviders(filter: $filter, first: 100) { edges { node { active acceptingReferrals } } } }`,
      { filter: { agencyId, includeInactive: true } },
    );
    expect(all.body.data!.serviceProviders.edges.length).toBeGreaterThan(0);
    for (const { node } of all.body.data!.serviceProviders.edges) expect(node).toEqual({ active: false, acceptingReferrals: false });
    // Each provider it stopped has the change on its own trail: this request's one ServiceProvider row names them.
    const written: Array<{ recordIds: string[]; fieldNames: string[] }> = await subgraph.database.dataSource.query(
      `SELECT record_ids AS "recordIds", field_names AS "fieldNames" FROM directory.audit_event
        WHERE id > $1 AND action = 'WRITE' AND record_type = 'ServiceProvider'`,
      [before ?? 0],
    );
    expect(written).toHaveLength(1);
    expect([...written[0].recordIds].sort()).toEqual(wereActive.map((row) => row.id).sort());
    expect([...written[0].fieldNames].sort()).toEqual(['acceptingReferrals', 'active']);
    // A second deactivation is refused and puts nothing on any trail.
    const [{ last }] = await subgraph.database.dataSource.query(`SELECT max(id) AS last FROM directory.audit_event`);
    const again = await call(
      `mutation($input: DeactivateAgencyInput!) { deactivateAgency(input: $input) { agency { active } } }`,
      { input: { id: agencyId } },
      admin,
    );
    expect(again.body.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', active: false });
    const [{ since }] = await subgraph.database.dataSource.query(
      `SELECT count(*)::int AS since FROM directory.audit_event WHERE id > $1 AND action = 'WRITE'`,
      [last],
    );
    expect(since).toBe(0);
  });

  it('reactivates a deactivated agency under its own id, then each provider, taking referrals only when told', async () => {
    const REACTIVATE_AGENCY = `mutation($input: ReactivateAgencyInput!) { reactivateAgency(input: $input) { agency { id active } } }`;
    const REACTIVATE_PROVIDER = `mutation($input: ReactivateServiceProviderInput!) {
      reactivateServiceProvider(input: $input) { serviceProvider { id active acceptingReferrals } } }`;
    const codeOf = (body: { errors?: Array<{ extensions?: { code?: string } }> }) => body.errors?.[0]?.extensions?.code;
    const [{ id: providerId }]: Array<{ id: string }> = await subgraph.database.dataSource.query(
      `SELECT id FROM directory.service_provider WHERE agency_id = $1 ORDER BY id LIMIT 1`,
      [agencyId],
    );
    // Not before its agency, and by nobody but an administrator.
    expect(codeOf((await call(REACTIVATE_PROVIDER, { input: { id: providerId } }, admin)).body)).toBe('CONFLICT');
    expect(codeOf((await call(REACTIVATE_AGENCY, { input: { id: agencyId } }, analyst)).body)).toBe('FORBIDDEN');
    const agency = await call<{ reactivateAgency: { agency: { id: string; active: boolean } } }>(
      REACTIVATE_AGENCY,
      { input: { id: agencyId } },
      admin,
    );
    expect(agency.body.data?.reactivateAgency.agency).toEqual({ id: agencyId, active: true });
    expect(codeOf((await call(REACTIVATE_AGENCY, { input: { id: agencyId } }, admin)).body)).toBe('CONFLICT');
    // Its providers stay out of listings until each is reactivated; then listed, but taking no referral yet.
    expect((await call<Providers>(PROVIDERS, { filter: { agencyId } })).body.data!.serviceProviders.totalCount).toBe(0);
    const provider = await call<{ reactivateServiceProvider: { serviceProvider: { active: boolean; acceptingReferrals: boolean } } }>(
      REACTIVATE_PROVIDER,
      { input: { id: providerId } },
      admin,
    );
    expect(provider.body.data?.reactivateServiceProvider.serviceProvider).toEqual({
      id: providerId,
      active: true,
      acceptingReferrals: false,
    });
    expect((await call<Providers>(PROVIDERS, { filter: { agencyId } })).body.data!.serviceProviders.totalCount).toBe(1);
    const accepting = await call<{ updateServiceProvider: { serviceProvider: { acceptingReferrals: boolean } } }>(
      `mutation($input: UpdateServiceProviderInput!) { updateServiceProvider(input: $input) { serviceProvider { acceptingReferrals } } }`,
      { input: { id: providerId, acceptingReferrals: true } },
      admin,
    );
    expect(accepting.body.data?.updateServiceProvider.serviceProvider.acceptingReferrals).toBe(true);
    const trail: Array<{ record_type: string }> = await subgraph.database.dataSource.query(
      `SELECT record_type FROM directory.audit_event WHERE action = 'WRITE' AND 'active' = ANY(field_names) AND ($1 = ANY(record_ids) OR $2 = ANY(record_ids)) ORDER BY id DESC LIMIT 2`,
      [agencyId, providerId],
    );
    expect(trail.map((row) => row.record_type).sort()).toEqual(['Agency', 'ServiceProvider']);
    // Deactivated once, and a second time refused: the trail holds the change that happened, once.
    const DEACTIVATE_PROVIDER = `mutation($input: DeactivateServiceProviderInput!) { deactivateServiceProvider(input: $input) { serviceProvider { active } } }`;
    expect((await call(DEACTIVATE_PROVIDER, { input: { id: providerId } }, admin)).body.errors).toBeUndefined();
    const second = await call(DEACTIVATE_PROVIDER, { input: { id: providerId } }, admin);
    expect(second.body.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', active: false });
    const [{ deactivations }] = await subgraph.database.dataSource.query(
      `SELECT count(*)::int AS deactivations FROM directory.audit_event
        WHERE action = 'WRITE' AND record_type = 'ServiceProvider' AND $1 = ANY(record_ids) AND 'acceptingReferrals' = ANY(field_names) AND 'active' = ANY(field_names)`,
      [providerId],
    );
    // One from the agency's deactivation above, one from this.
    expect(deactivations).toBe(2);
  });

  it('writes an audit row for each write, and the audit table refuses UPDATE and DELETE', async () => {
    const rows: Array<{ action: string; record_type: string }> = await subgraph.database.dataSource.query(
      `SELECT action, record_type FROM directory.audit_event WHERE $1 = ANY(record_ids)`,
      [agencyId],
    );
    expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(['WRITE']));
    await expect(subgraph.database.dataSource.query(`UPDATE directory.audit_event SET actor = 'x'`)).rejects.toThrow(/append-only/);
    await expect(subgraph.database.dataSource.query(`DELETE FROM directory.audit_event`)).rejects.toThrow(/append-only/);
  });

  it('resolves entity references in one statement per type', async () => {
    const representations = (await call<Providers>(PROVIDERS)).body
      .data!.serviceProviders.edges.slice(0, 20)
      .map((e) => ({ __typename: 'ServiceProvider', id: e.node.id }));
    const before = subgraph.database.sqlCounter.total;
    const { body } = await call<{ _entities: Array<{ name: string }> }>(
      `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on ServiceProvider { name agency { name } county { name } } } }`,
      { representations },
    );
    expect(body.data?._entities).toHaveLength(20);
    expect(subgraph.database.sqlCounter.total - before).toBe(3);
  });
});

describe('county codes', () => {
  it('are the same 47 that every service validates against', () => {
    expect(readCounties().map((c) => c.code)).toEqual(KENYAN_COUNTY_CODES);
  });
});
