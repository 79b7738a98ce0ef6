import { Role, startSubgraph, type StartedSubgraph } from '@kinga/shared';
import { createTestDatabase, postGraphql, testEnv, testToken, type TestDatabase } from '@kinga/shared/testing';
import { directorySubgraph } from './directory.subgraph';

describe('directory subgraph (integration, real PostgreSQL or embedded)', () => {
  let database: TestDatabase;
  let subgraph: StartedSubgraph;

  beforeAll(async () => {
    database = await createTestDatabase();
    subgraph = await startSubgraph(directorySubgraph, testEnv(database.url, { DEMO_DATA: 'true' }));
  });

  afterAll(async () => {
    await subgraph?.stop();
    await database?.drop();
  });

  it('lists providers by county and service with agency and county', async () => {
    const { status, body } = await postGraphql<{
      serviceProviders: { totalCount: number; edges: Array<{ node: { name: string; county: { code: string } } }> };
    }>(
      subgraph.url,
      `{ serviceProviders(filter: {county: "003", services: [PSYCHOSOCIAL_SUPPORT]}, first: 10) { totalCount edges { node { name phone agency { name } county { code name } } } } }`,
    );
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data?.serviceProviders.totalCount).toBeGreaterThan(0);
    for (const edge of body.data!.serviceProviders.edges) expect(edge.node.county.code).toBe('003');
  });

  it('refuses a request without the gateway secret', async () => {
    const { status, body } = await postGraphql(subgraph.url, '{ counties { code } }', {}, { gatewaySecret: null });
    expect(status).toBe(401);
    expect(body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('lets only a directory admin create an agency', async () => {
    const mutation = `mutation($input: CreateAgencyInput!) { createAgency(input: $input) { agency { id name type } } }`;
    const input = { name: 'Test Agency', type: 'NGO' };
    const admin = testToken({ sub: 'a', name: 'Admin', role: Role.DIRECTORY_ADMIN });
    const analyst = testToken({ sub: 'b', name: 'Analyst', role: Role.ANALYST });
    const allowed = await postGraphql(subgraph.url, mutation, { input }, { token: admin });
    expect(allowed.body.errors).toBeUndefined();
    const denied = await postGraphql(subgraph.url, mutation, { input }, { token: analyst });
    expect(denied.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
