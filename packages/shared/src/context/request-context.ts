import type { DataSource, QueryRunner } from 'typeorm';

/**
 * What one request's log lines and SQL statements are attributed to. It travels explicitly (Express locals,
 * the GraphQL context, a tag on the request's query runners), not through AsyncLocalStorage: on Node 20 its
 * promise hooks cost 8-27% of a subgraph's throughput (BENCHMARKS.md), and every statement a request sends
 * already goes through the data source its context holds.
 */
export interface RequestScope {
  requestId: string;
  sqlStatements: number;
  /** A transaction that recorded a write (`markAuditedWrite`) has committed: the request changed something. */
  committedWrite?: boolean;
  /** Run each time such a transaction commits (`afterEachCommittedWrite`). */
  afterCommittedWrite?: Array<() => void>;
}

/** Runs `then` each time a write of this request commits (e.g. to forget what its loaders read before it). */
export function afterEachCommittedWrite(scope: RequestScope, then: () => void): void {
  (scope.afterCommittedWrite ??= []).push(then);
}

const SCOPE = 'kingaRequestScope';
const AUDITED_WRITE = 'kingaAuditedWrite';

/**
 * Marks the transaction of `queryRunner` as one that records a write: once it commits, its request's scope says
 * so. Only such a transaction's runner is touched, not the runner of every statement.
 */
export function markAuditedWrite(queryRunner: QueryRunner | undefined): void {
  const scope = requestScopeOf(queryRunner);
  if (!queryRunner || !scope || (queryRunner.data as Record<string, unknown>)[AUDITED_WRITE]) return;
  queryRunner.data = { ...queryRunner.data, [AUDITED_WRITE]: true };
  const commit = queryRunner.commitTransaction.bind(queryRunner);
  queryRunner.commitTransaction = async () => {
    await commit();
    scope.committedWrite = true;
    for (const then of scope.afterCommittedWrite ?? []) then();
  };
}

/**
 * The data source as one request sees it: the same pool, metadata and driver, but every query runner it hands
 * out (for `query`, repositories, query builders and transactions alike) carries the request's scope, so the
 * statement counter knows whose statement it is. Cheap: one object and one entity manager per request.
 */
export function dataSourceForRequest(dataSource: DataSource, scope: RequestScope): DataSource {
  const view: DataSource = Object.create(dataSource);
  view.createQueryRunner = (mode) => {
    const runner = dataSource.createQueryRunner.call(view, mode);
    runner.data = { ...runner.data, [SCOPE]: scope };
    return runner;
  };
  // EntityManager methods ask their own data source for query runners: this one must be the view's.
  Object.defineProperty(view, 'manager', { value: view.createEntityManager(), enumerable: true });
  return view;
}

/** The scope a query runner was handed out for, if it came from `dataSourceForRequest`. */
export function requestScopeOf(queryRunner: QueryRunner | undefined): RequestScope | undefined {
  return (queryRunner?.data as Record<string, RequestScope | undefined> | undefined)?.[SCOPE];
}
