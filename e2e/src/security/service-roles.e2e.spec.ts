import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { SUBGRAPHS } from '@kinga/gateway';
import { createLogger, servingRoleProblems, startSubgraph, type StartedSubgraph, type SubgraphDefinition } from '@kinga/shared';
import { createTestDatabase, testEnv, type TestDatabase } from '@kinga/shared/testing';
import { Client } from 'pg';
import { DataSource } from 'typeorm';

/** The roles' password, for a server that asks for one (this machine's trusts loopback); its quote must stay text. */
const ROLE_PASSWORD = "a-test-role-pass'word";
const DEPLOY_DIR = join(__dirname, '..', '..', '..', 'deploy', 'postgres');
const definitionOf = (name: string): SubgraphDefinition =>
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require(`@kinga/${name}`) as Record<string, SubgraphDefinition>)[`${name}Subgraph`];

// The roles are the server's: only against a real PostgreSQL (CI's and this machine's), with its psql.
const onServer = process.env.DATABASE_URL ? describe : describe.skip;

/**
 * docker-compose's database as deploy/postgres/01-service-roles.sh makes it: per subgraph, a schema owner that
 * migrates and a role that serves requests, owning nothing. Each subgraph must start, migrate and load its
 * reference and demo data that way; nothing else tests the deployment's privileges. The roles get a prefix of
 * this run's own, so that two runs against one server do not drop each other's roles.
 */
onServer('each subgraph as its own database roles (deploy/postgres/01-service-roles.sh)', () => {
  let database: TestDatabase;
  const started: StartedSubgraph[] = [];
  // Read only when the suite runs: jest collects a skipped suite's body too, with no DATABASE_URL.
  const server = () => new URL(process.env.DATABASE_URL as string);
  const names = SUBGRAPHS.map((s) => s.name);
  const prefix = `kinga_t${process.pid}_${Math.floor(Math.random() * 1e6)}`;
  const servingRole = (name: string) => `${prefix}_${name}`;
  const ownerRole = (name: string) => `${prefix}_${name}_owner`;
  const urlOn = (databaseUrl: string, role: string) => {
    const url = new URL(databaseUrl);
    url.username = role;
    url.password = ROLE_PASSWORD;
    return url.toString();
  };
  const urlAs = (role: string) => urlOn(database.url, role);
  /** Runs one of deploy/postgres's scripts as the server's administrator would, on one database. */
  const runDeployScript = (script: string, rolePrefix: string, databaseUrl: string) => {
    const passwords = Object.fromEntries(
      names.flatMap((name) => [
        [`${name.toUpperCase()}_DB_PASSWORD`, ROLE_PASSWORD],
        [`${name.toUpperCase()}_DB_OWNER_PASSWORD`, ROLE_PASSWORD],
      ]),
    );
    execFileSync('bash', [join(DEPLOY_DIR, script)], {
      env: {
        ...process.env,
        ...passwords,
        KINGA_ROLE_PREFIX: rolePrefix,
        PGHOST: server().hostname,
        PGPORT: server().port || '5432',
        POSTGRES_USER: decodeURIComponent(server().username) || 'postgres',
        ...(server().password ? { PGPASSWORD: decodeURIComponent(server().password) } : {}),
        POSTGRES_DB: new URL(databaseUrl).pathname.slice(1),
      },
      stdio: 'pipe',
    });
  };
  const asRole = async <T>(role: string, work: (client: Client) => Promise<T>): Promise<T> => {
    const client = new Client({ connectionString: urlAs(role) });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };
  const asServerAdmin = async (sql: string) => {
    const client = new Client({ connectionString: server().toString() });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  const dropRoles = () => asServerAdmin(`DROP ROLE IF EXISTS ${names.flatMap((name) => [servingRole(name), ownerRole(name)]).join(', ')}`);
  const productionEnv = (extra: Record<string, string>): NodeJS.ProcessEnv => ({
    NODE_ENV: 'production',
    LOG_LEVEL: 'silent',
    PORT: '0',
    JWT_JWKS_URL: 'https://login.kinga.example/.well-known/jwks.json',
    JWT_ISSUER: 'https://login.kinga.example/',
    SUBGRAPH_SECRET: 'a-production-subgraph-secret-0123456789',
    ...extra,
  });

  beforeAll(async () => {
    database = await createTestDatabase();
    runDeployScript('01-service-roles.sh', prefix, database.url);
  }, 60_000);
  afterAll(async () => {
    await Promise.all(started.map((subgraph) => subgraph.stop()));
    await database?.drop();
    await dropRoles();
  });

  it('starts every subgraph serving as its role, migrated by its schema owner: reference and demo data too', async () => {
    for (const name of names) {
      const subgraph = await startSubgraph(
        definitionOf(name),
        testEnv(urlAs(servingRole(name)), { DEMO_DATA: 'true', MIGRATION_DATABASE_URL: urlAs(ownerRole(name)) }),
        createLogger(name, 'silent'),
      );
      started.push(subgraph);
    }
    expect(started).toHaveLength(names.length);
    const owners = await asRole(servingRole('cases'), (client) =>
      client.query<{ owner: string }>(`SELECT DISTINCT tableowner AS owner FROM pg_tables WHERE schemaname = 'cases'`),
    );
    expect(owners.rows).toEqual([{ owner: ownerRole('cases') }]);
  }, 120_000);

  it('starts two replicas of a subgraph at once: one migrates and grants, then the other', async () => {
    const replicas = await Promise.all(
      [1, 2].map(() =>
        startSubgraph(
          definitionOf('referrals'),
          testEnv(urlAs(servingRole('referrals')), { MIGRATION_DATABASE_URL: urlAs(ownerRole('referrals')) }),
          createLogger('referrals', 'silent'),
        ),
      ),
    );
    started.push(...replicas);
    expect(replicas).toHaveLength(2);
    // Both granted, neither failed the other's grant: the serving role reads and appends, and rewrites nothing.
    const privileges = await asRole(servingRole('referrals'), (client) =>
      client.query<{ read: boolean; append: boolean; rewrite: boolean }>(
        `SELECT has_table_privilege('referrals.referral', 'SELECT') AS read,
                has_table_privilege('referrals.audit_event', 'INSERT') AS append,
                has_table_privilege('referrals.audit_event', 'UPDATE') AS rewrite`,
      ),
    );
    expect(privileges.rows).toEqual([{ read: true, append: true, rewrite: false }]);
  }, 60_000);

  it('moves a database made with one role per subgraph to the split (deploy/postgres/split-owner-roles.sh)', async () => {
    const before = await createTestDatabase();
    const oldPrefix = `${prefix}o`;
    const admin = new Client({ connectionString: before.url });
    await admin.connect();
    try {
      // As 01-service-roles.sh made it before the split: one role owning its schema, migrating and serving.
      for (const name of names) {
        await admin.query(`CREATE ROLE ${oldPrefix}_${name} LOGIN PASSWORD 'x'`);
        await admin.query(`CREATE SCHEMA ${name} AUTHORIZATION ${oldPrefix}_${name}`);
      }
      const old = await startSubgraph(
        definitionOf('directory'),
        testEnv(urlOn(before.url, `${oldPrefix}_directory`)),
        createLogger('directory', 'silent'),
      );
      await old.stop();
      runDeployScript('split-owner-roles.sh', oldPrefix, before.url);
      runDeployScript('split-owner-roles.sh', oldPrefix, before.url); // again: nothing changes
      // Production refuses any role that could rewrite the trail: this start is the proof that none does.
      const split = await startSubgraph(
        definitionOf('directory'),
        productionEnv({
          DATABASE_URL: urlOn(before.url, `${oldPrefix}_directory`),
          MIGRATION_DATABASE_URL: urlOn(before.url, `${oldPrefix}_directory_owner`),
        }),
        createLogger('directory', 'silent'),
      );
      await split.stop();
      const { rows } = await admin.query(`SELECT DISTINCT tableowner AS owner FROM pg_tables WHERE schemaname = 'directory'`);
      expect(rows).toEqual([{ owner: `${oldPrefix}_directory_owner` }]);
    } finally {
      await admin.end();
      await before.drop();
      await asServerAdmin(
        `DROP ROLE IF EXISTS ${names.flatMap((name) => [`${oldPrefix}_${name}`, `${oldPrefix}_${name}_owner`]).join(', ')}`,
      );
    }
  }, 60_000);

  it('lets the serving role work in its own schema only, and only append to its audit trail and histories', async () => {
    await asRole(servingRole('referrals'), async (client) => {
      await expect(client.query('SELECT count(*) FROM cases."case"')).rejects.toThrow(/permission denied/);
      await client.query('SELECT count(*) FROM referrals.referral');
      await client.query(
        `INSERT INTO referrals.audit_event (actor, role, agency_id, action, record_type, record_ids, field_names, operation_name, request_id)
         VALUES ('t', 'DCS_OFFICER', NULL, 'READ', 'Referral', '{}', '{}', NULL, 'r')`,
      );
      await expect(client.query(`UPDATE referrals.audit_event SET actor = 'someone else'`)).rejects.toThrow(/permission denied/);
      await expect(client.query(`DELETE FROM referrals.audit_event`)).rejects.toThrow(/permission denied/);
      await expect(client.query(`TRUNCATE referrals.audit_event`)).rejects.toThrow(/permission denied/);
      // A history is appended to; of a step only its note may be erased (an erasure request), never rewritten.
      await expect(client.query(`UPDATE referrals.referral_event SET to_status = 'CLOSED'`)).rejects.toThrow(/permission denied/);
      await expect(client.query(`DELETE FROM referrals.referral_event`)).rejects.toThrow(/permission denied/);
      await expect(client.query(`UPDATE referrals.referral_event SET note = 'rewritten' WHERE note IS NOT NULL`)).rejects.toThrow(
        /may only be erased/,
      );
      const erased = await client.query(
        `UPDATE referrals.referral_event SET note = NULL WHERE id = (SELECT min(id) FROM referrals.referral_event WHERE note IS NOT NULL)`,
      );
      expect(erased.rowCount).toBe(1);
      await expect(client.query(`INSERT INTO referrals.migrations ("timestamp", name) VALUES (1, 'x')`)).rejects.toThrow(
        /permission denied/,
      );
      // What an owner could do to silence the trail, the serving role cannot.
      await expect(client.query(`ALTER TABLE referrals.audit_event DISABLE TRIGGER ALL`)).rejects.toThrow(/must be owner/);
      await expect(client.query(`DROP TRIGGER audit_event_no_update_delete ON referrals.audit_event`)).rejects.toThrow(/must be owner/);
      await client.query(`GRANT UPDATE, DELETE ON referrals.audit_event TO CURRENT_USER`).catch(() => undefined);
      const { rows } = await client.query<{ update: boolean; delete: boolean }>(
        `SELECT has_table_privilege('referrals.audit_event', 'UPDATE') AS update, has_table_privilege('referrals.audit_event', 'DELETE') AS delete`,
      );
      expect(rows).toEqual([{ update: false, delete: false }]);
    });
  });

  it('names a superuser, a member of a role that creates roles, or the audit trail owner as unfit to serve', async () => {
    const problemsOf = async (url: string) => {
      const dataSource = new DataSource({ type: 'postgres', url });
      await dataSource.initialize();
      try {
        return await servingRoleProblems(dataSource, 'cases');
      } finally {
        await dataSource.destroy();
      }
    };
    expect(await problemsOf(urlAs(servingRole('cases')))).toEqual([]);
    expect(await problemsOf(urlAs(ownerRole('cases')))).toEqual([expect.stringMatching(/owns the audit trail/)]);
    const admin = new Client({ connectionString: database.url });
    await admin.connect();
    const isSuperuser = await admin
      .query<{ rolsuper: boolean }>('SELECT rolsuper FROM pg_roles WHERE rolname = current_user')
      .then(({ rows }) => rows[0].rolsuper)
      .finally(() => admin.end());
    // CI's and this machine's server user is a superuser; a server whose admin is not has nothing to show here.
    if (isSuperuser) expect(await problemsOf(database.url)).toEqual([expect.stringMatching(/may act as\) a superuser/)]);
    // A member of a role that creates roles may act as it, and so make itself the trail's owner.
    const creator = `${prefix}_creator`;
    await asServerAdmin(`CREATE ROLE ${creator} NOLOGIN CREATEROLE; GRANT ${creator} TO ${servingRole('cases')}`);
    try {
      expect(await problemsOf(urlAs(servingRole('cases')))).toEqual([expect.stringMatching(/may create roles/)]);
    } finally {
      await asServerAdmin(`DROP ROLE ${creator}`);
    }
  });

  it("in production refuses a superuser before it creates anything (the schema would be the superuser's)", async () => {
    const fresh = await createTestDatabase();
    const admin = new Client({ connectionString: fresh.url });
    await admin.connect();
    try {
      const { rows } = await admin.query<{ rolsuper: boolean }>('SELECT rolsuper FROM pg_roles WHERE rolname = current_user');
      // CI's and this machine's server user is a superuser; a server whose admin is not has nothing to show here.
      if (!rows[0].rolsuper) return;
      await expect(
        startSubgraph(definitionOf('directory'), productionEnv({ DATABASE_URL: fresh.url }), createLogger('directory', 'silent')),
      ).rejects.toThrow(/superuser/);
      const schemas = await admin.query(`SELECT 1 FROM pg_namespace WHERE nspname = 'directory'`);
      expect(schemas.rowCount).toBe(0);
    } finally {
      await admin.end();
      await fresh.drop();
    }
  });

  it('in production refuses to serve as the audit trail owner, and serves as the role that owns nothing', async () => {
    await expect(
      startSubgraph(
        definitionOf('directory'),
        productionEnv({ DATABASE_URL: urlAs(ownerRole('directory')) }),
        createLogger('directory', 'silent'),
      ),
    ).rejects.toThrow(/DATABASE_URL: its role \S+ owns the audit trail/);
    const subgraph = await startSubgraph(
      definitionOf('directory'),
      productionEnv({ DATABASE_URL: urlAs(servingRole('directory')), MIGRATION_DATABASE_URL: urlAs(ownerRole('directory')) }),
      createLogger('directory', 'silent'),
    );
    started.push(subgraph);
    expect(subgraph.url).toMatch(/^http:/);
  }, 60_000);

  it('lets the serving role read and append to a table a later migration adds, before the grants that follow it', async () => {
    await asRole(ownerRole('referrals'), (client) => client.query('CREATE TABLE referrals.later_log (id int PRIMARY KEY)'));
    try {
      await asRole(servingRole('referrals'), async (client) => {
        await client.query('INSERT INTO referrals.later_log VALUES (1)');
        expect((await client.query('SELECT id FROM referrals.later_log')).rows).toEqual([{ id: 1 }]);
        await expect(client.query('UPDATE referrals.later_log SET id = 2')).rejects.toThrow(/permission denied/);
        await expect(client.query('DELETE FROM referrals.later_log')).rejects.toThrow(/permission denied/);
      });
    } finally {
      await asRole(ownerRole('referrals'), (client) => client.query('DROP TABLE referrals.later_log'));
    }
  });

  it('in production refuses a serving role alone while migrations are pending: what they create would be its own', async () => {
    // The directory's schema as its owner left it, but for its last migration (as after an upgrade).
    const [last] = await asRole(ownerRole('directory'), async (client) => {
      const { rows } = await client.query<{ id: number; timestamp: string; name: string }>(
        'SELECT id, "timestamp", name FROM directory.migrations ORDER BY id DESC LIMIT 1',
      );
      await client.query('DELETE FROM directory.migrations WHERE id = $1', [rows[0].id]);
      return rows;
    });
    try {
      await expect(
        startSubgraph(
          definitionOf('directory'),
          productionEnv({ DATABASE_URL: urlAs(servingRole('directory')) }),
          createLogger('directory', 'silent'),
        ),
      ).rejects.toThrow(new RegExp(`MIGRATION_DATABASE_URL: 1 migration\\(s\\) of the directory schema have not run \\(${last.name}\\)`));
    } finally {
      await asRole(ownerRole('directory'), (client) =>
        client.query('INSERT INTO directory.migrations (id, "timestamp", name) VALUES ($1, $2, $3)', [last.id, last.timestamp, last.name]),
      );
    }
  });
});
