import { DataSource } from 'typeorm';
import { createLogger } from '../logging/logger';
import { SqlStatementCounter } from '../database/sql-statement-counter';
import { createTestDatabase, type TestDatabase } from '../testing/test-database';
import { dataSourceForRequest, requestScopeOf, type RequestScope } from './request-context';

/**
 * Every way a service reaches the database through its context's data source must count for the request:
 * a statement that escaped would make "SQL statements per operation" (tests, benchmarks) look cheaper than it is.
 */
describe('dataSourceForRequest', () => {
  const counter = new SqlStatementCounter(createLogger('test', 'silent'));
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = new DataSource({ type: 'postgres', url: database.url, logger: counter, entities: [] });
    await dataSource.initialize();
  });

  afterAll(async () => {
    if (dataSource?.isInitialized) await dataSource.destroy();
    await database?.drop();
  });

  it('counts query, query builder and transaction statements for the request that sent them, and no other', async () => {
    const mine: RequestScope = { requestId: 'mine-0001', sqlStatements: 0 };
    const other: RequestScope = { requestId: 'other-001', sqlStatements: 0 };
    const view = dataSourceForRequest(dataSource, mine);
    const otherView = dataSourceForRequest(dataSource, other);
    const totalBefore = counter.total;

    await view.query('SELECT 1');
    await view.createQueryBuilder().select('1', 'one').fromDummy().getRawOne();
    await view.transaction(async (manager) => {
      await manager.query('SELECT 2');
    });
    await view.manager.query('SELECT 3');
    await Promise.all([otherView.query('SELECT 4'), dataSource.query('SELECT 5')]);

    // START TRANSACTION, SELECT 2, COMMIT inside the transaction.
    expect(mine.sqlStatements).toBe(6);
    expect(other.sqlStatements).toBe(1);
    expect(counter.total - totalBefore).toBe(8);
  });

  it('leaves the shared data source untouched', () => {
    const view = dataSourceForRequest(dataSource, { requestId: 'view-0001', sqlStatements: 0 });
    expect(view.manager).not.toBe(dataSource.manager);
    expect(requestScopeOf(dataSource.createQueryRunner())).toBeUndefined();
    expect(requestScopeOf(view.createQueryRunner())?.requestId).toBe('view-0001');
    expect(view.isInitialized).toBe(true);
  });
});
