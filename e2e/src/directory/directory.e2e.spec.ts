import { Role } from '@kinga/shared';
import { gql } from 'graphql-request';
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
          phone
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
      .request<ProvidersResult>(PROVIDERS, { filter: { county: '003', services: ['PSYCHOSOCIAL_SUPPORT'] }, first: 10 });
    expect(result.serviceProviders.edges.length).toBeGreaterThan(0);
    for (const { node } of result.serviceProviders.edges) {
      expect(node.county.code).toBe('003');
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

  it('answers 401 UNAUTHENTICATED to a token signed with another secret', async () => {
    const { status, body } = await system.request('{ counties { code } }', {}, 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl');
    expect(status).toBe(401);
    expect(body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('names the field of invalid input: a malformed phone number', async () => {
    const token = system.token({ sub: 'admin', name: 'Admin', role: Role.DIRECTORY_ADMIN });
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
        },
      },
      token,
    );
    expect(body.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.phone' });
  });
});
