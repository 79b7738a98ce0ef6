import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { SUBGRAPHS } from '@kinga/gateway';
import { createLogger, startSubgraph, type StartedSubgraph, type SubgraphDefinition } from '@kinga/shared';
import { createTestDatabase, testEnv, type TestDatabase } from '@kinga/shared/testing';
import { Client } from 'pg';

/** The roles' password, for a server that asks for one (this machine's trusts loopback). */
const ROLE_PASSWORD = 'a-test-role-password';
const ROLES_SCRIPT = join(__dirname, '..', '..', '..', 'deploy', 'postgres', '01-service-roles.sh');
const definitionOf = (name: string): SubgraphDefinition =>
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require(`@kinga/${name}`) as Record<string, SubgraphDefinition>)[`${name}Subgraph`];

// The roles are the server's: only against a real PostgreSQL (CI's and this machine's), with its psql.
const onServer = process.env.DATABASE_URL ? describe : describe.skip;

/**
 * docker-compose's database as deploy/postgres/01-service-roles.sh makes it: one login role per subgraph owning
 * its schema and nothing else. Each subgraph must start, migrate and load its reference and demo data as that
 * role; nothing else tests the deployment's privileges.
 */
onServer('each subgraph as its own database role (deploy/postgres/01-service-roles.sh)', () => {
  let database: TestDatabase;
  const started: StartedSubgraph[] = [];
  const server = new URL(process.env.DATABASE_URL as string);
  const names = SUBGRAPHS.map((s) => s.name);

  const asServerAdmin = async (sql: string) => {
    const client = new Client({ connectionString: server.toString() });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  const dropRoles = () => asServerAdmin(`DROP ROLE IF EXISTS ${names.map((name) => `kinga_${name}`).join(', ')}`);

  beforeAll(async () => {
    database = await createTestDatabase();
    await dropRoles();
    const passwords = Object.fromEntries(names.map((name) => [`${name.toUpperCase()}_DB_PASSWORD`, ROLE_PASSWORD]));
    execFileSync('bash', [ROLES_SCRIPT], {
      env: {
        ...process.env,
        ...passwords,
        PGHOST: server.hostname,
        PGPORT: server.port || '5432',
        POSTGRES_USER: decodeURIComponent(server.username) || 'postgres',
        ...(server.password ? { PGPASSWORD: decodeURIComponent(server.password) } : {}),
        POSTGRES_DB: new URL(database.url).pathname.slice(1),
      },
      stdio: 'pipe',
    });
  }, 60_000);
  afterAll(async () => {
    await Promise.all(started.map((subgraph) => subgraph.stop()));
    await database?.drop();
    await dropRoles();
  });

  it('starts every subgraph as its role: migrations, reference data and demo data', async () => {
    for (const name of names) {
      const url = new URL(database.url);
      url.username = `kinga_${name}`;
      url.password = ROLE_PASSWORD;
      const subgraph = await startSubgraph(
        definitionOf(name),
        testEnv(url.toString(), { DEMO_DATA: 'true' }),
        createLogger(name, 'silent'),
      );
      started.push(subgraph);
    }
    expect(started).toHaveLength(names.length);
  }, 120_000);

  it('keeps each role to its own schema, and its audit trail append-only', async () => {
    const url = new URL(database.url);
    url.username = 'kinga_referrals';
    url.password = ROLE_PASSWORD;
    const client = new Client({ connectionString: url.toString() });
    await client.connect();
    try {
      await expect(client.query('SELECT count(*) FROM cases."case"')).rejects.toThrow(/permission denied/);
      await client.query(
        `INSERT INTO referrals.audit_event (actor, role, agency_id, action, record_type, record_ids, field_names, operation_name, request_id)
         VALUES ('t', 'DCS_OFFICER', NULL, 'READ', 'Referral', '{}', '{}', NULL, 'r')`,
      );
      await expect(client.query(`UPDATE referrals.audit_event SET actor = 'someone else'`)).rejects.toThrow();
      await expect(client.query(`DELETE FROM referrals.audit_event`)).rejects.toThrow();
    } finally {
      await client.end();
    }
  });
});
