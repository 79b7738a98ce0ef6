import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createLogger } from '../logging/logger';
import { createTestDatabase, type TestDatabase } from '../testing/test-database';
import { createSubgraphDataSource, initialiseDatabase } from './data-source';

class CreateThing1700000000000 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "things"."thing" (id int PRIMARY KEY)`);
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "things"."thing"`);
  }
}

// Roles are the server's: only against a real PostgreSQL (CI's and this machine's), not the embedded one.
const onServer = process.env.DATABASE_URL ? describe : describe.skip;

onServer('initialiseDatabase, as a service role that owns its schema and nothing else (deploy/postgres)', () => {
  let database: TestDatabase;
  const role = `kinga_test_role_${randomBytes(4).toString('hex')}`;
  const admin = (url: string) => new Client({ connectionString: url });

  beforeAll(async () => {
    database = await createTestDatabase();
    const client = admin(database.url);
    await client.connect();
    try {
      await client.query(`CREATE ROLE ${role} LOGIN PASSWORD 'a-test-role-password'`);
      await client.query(`CREATE SCHEMA things AUTHORIZATION ${role}`);
      await client.query(`REVOKE ALL ON SCHEMA things FROM PUBLIC`);
    } finally {
      await client.end();
    }
  });
  afterAll(async () => {
    await database?.drop();
    const client = admin(process.env.DATABASE_URL as string);
    await client.connect();
    try {
      await client.query(`DROP ROLE IF EXISTS ${role}`);
    } finally {
      await client.end();
    }
  });

  it('starts and migrates without the right to create schemas in the database, which it does not need', async () => {
    const url = new URL(database.url);
    url.username = role;
    url.password = 'a-test-role-password';
    const asRole = createSubgraphDataSource({
      schema: 'things',
      url: url.toString(),
      entities: [],
      migrations: [CreateThing1700000000000],
      poolSize: 2,
      logger: createLogger('test', 'silent'),
    });
    try {
      // What every start ran before: refused to this role although the schema exists.
      await asRole.dataSource.initialize();
      await expect(asRole.dataSource.query('CREATE SCHEMA IF NOT EXISTS "things"')).rejects.toThrow(/permission denied/);
      await initialiseDatabase(asRole);
      expect(await asRole.dataSource.query('SELECT count(*)::int AS n FROM things.thing')).toEqual([{ n: 0 }]);
    } finally {
      await asRole.dataSource.destroy();
    }
  });
});

onServer('initialiseDatabase, by replicas starting at once', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database?.drop());

  it('migrates once, the other replica waiting for the first and finding nothing left to do', async () => {
    const replicas = Array.from({ length: 3 }, () =>
      createSubgraphDataSource({
        schema: 'things',
        url: database.url,
        entities: [],
        migrations: [CreateThing1700000000000],
        poolSize: 2,
        logger: createLogger('test', 'silent'),
      }),
    );
    try {
      // Without the lock, each replica finds the migration pending and all but one fail creating the table.
      await Promise.all(replicas.map((replica) => initialiseDatabase(replica)));
      expect(await replicas[0].dataSource.query('SELECT count(*)::int AS n FROM things.migrations')).toEqual([{ n: 1 }]);
    } finally {
      await Promise.all(replicas.map((replica) => replica.dataSource.destroy()));
    }
  });
});
