import type { DataSource, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';

// Not imported from typeorm/metadata/ColumnMetadata: the e2e package resolves only typeorm's exported paths.
type ColumnMetadata = EntityMetadata['columns'][number];

export type SortOrder<T> = ReadonlyArray<readonly [keyof T & string, 'ASC' | 'DESC']>;

interface Statement {
  sql: string;
  columns: ColumnMetadata[];
}

const statements = new WeakMap<EntityMetadata, Map<string, Statement>>();

/** A PostgreSQL identifier, quoted: a name as written, whatever it holds. */
export const quoteIdentifier = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;
const quote = quoteIdentifier;

function columnNamed(metadata: EntityMetadata, property: string): ColumnMetadata {
  const column = metadata.findColumnWithPropertyPath(property);
  if (!column) throw new Error(`${metadata.name} has no column ${property}`);
  return column;
}

/** The select list, table and ORDER BY of an entity's rows in one order: written once per entity and order. */
interface Select {
  columns: ColumnMetadata[];
  /** `SELECT <every column> FROM <table>` */
  from: string;
  /** ` ORDER BY ...`, or empty. */
  orderBy: string;
}

const selects = new WeakMap<EntityMetadata, Map<string, Select>>();

function selectFor<T>(metadata: EntityMetadata, order: SortOrder<T>): Select {
  const key = order.map(([p, direction]) => `${p} ${direction}`).join(',');
  let byOrder = selects.get(metadata);
  if (!byOrder) selects.set(metadata, (byOrder = new Map()));
  let select = byOrder.get(key);
  if (!select) {
    const columns = metadata.columns.filter((column) => column.isSelect && !column.isVirtual);
    const orderBy = order.map(([p, direction]) => `${quote(columnNamed(metadata, p).databaseName)} ${direction}`);
    select = {
      columns,
      from: `SELECT ${columns.map((column) => quote(column.databaseName)).join(', ')} FROM ${tableOf(metadata)}`,
      orderBy: orderBy.length > 0 ? ` ORDER BY ${orderBy.join(', ')}` : '',
    };
    byOrder.set(key, select);
  }
  return select;
}

function statementFor<T>(metadata: EntityMetadata, property: string, order: SortOrder<T>): Statement {
  const key = `${property}|${order.map(([p, direction]) => `${p} ${direction}`).join(',')}`;
  let byKey = statements.get(metadata);
  if (!byKey) statements.set(metadata, (byKey = new Map()));
  let statement = byKey.get(key);
  if (!statement) {
    const { columns, from, orderBy } = selectFor(metadata, order);
    statement = { columns, sql: `${from} WHERE ${quote(columnNamed(metadata, property).databaseName)} = ANY($1)${orderBy}` };
    byKey.set(key, statement);
  }
  return statement;
}

/**
 * What `repository.find({ where: { [property]: In(values) }, order })` returns (entity instances, values
 * hydrated by TypeORM's own driver and column transformers), for the loaders every request runs: the SQL
 * is written once per entity, property and order instead of by the query builder on every call, which was
 * a quarter of a subgraph's CPU per request in the benchmark profiles (BENCHMARKS.md). Plain columns only:
 * relations are loaded by their own loaders.
 */
export async function findWhereIn<T extends ObjectLiteral>(
  dataSource: DataSource,
  entity: EntityTarget<T>,
  property: keyof T & string,
  values: readonly unknown[],
  order: SortOrder<T> = [],
): Promise<T[]> {
  if (values.length === 0) return [];
  const metadata = dataSource.getMetadata(entity);
  const { sql, columns } = statementFor(metadata, property, order);
  const rows: Array<Record<string, unknown>> = await dataSource.query(sql, [[...values]]);
  return hydrate<T>(dataSource, metadata, columns, rows);
}

function hydrate<T extends ObjectLiteral>(
  dataSource: DataSource,
  metadata: EntityMetadata,
  columns: ColumnMetadata[],
  rows: Array<Record<string, unknown>>,
): T[] {
  const driver = dataSource.driver;
  return rows.map((row) => {
    const instance = metadata.create() as T;
    for (const column of columns) {
      const value = row[column.databaseName];
      if (value !== undefined) column.setEntityValue(instance, driver.prepareHydratedValue(value, column));
    }
    return instance;
  });
}

/**
 * The WHERE clause of a list query, built from conditions on an entity's columns (by their database names)
 * whose values are always parameters (`param(value)` gives the placeholder), e.g. `county_code = ANY($2)`.
 */
export class SqlConditions {
  readonly params: unknown[] = [];
  private readonly clauses: string[] = [];

  /** A placeholder for `value`, e.g. `$3` (bound, so `const { param } = conditions` works). */
  readonly param = (value: unknown): string => {
    this.params.push(value);
    return `$${this.params.length}`;
  };

  where(clause: string): this {
    this.clauses.push(clause);
    return this;
  }

  /** How many conditions there are so far. */
  get size(): number {
    return this.clauses.length;
  }

  get sql(): string {
    return this.clauses.length > 0 ? ` WHERE ${this.clauses.map((c) => `(${c})`).join(' AND ')}` : '';
  }
}

function tableOf(metadata: EntityMetadata): string {
  return metadata.schema ? `${quote(metadata.schema)}.${quote(metadata.tableName)}` : quote(metadata.tableName);
}

/** A column whose values a list asks for several of, read as one ordered branch per value (`findWhere`). */
export interface BranchPerValue<T> {
  property: keyof T & string;
  values: readonly unknown[];
}

/**
 * A page of a list: the rows of `entity` that meet `conditions`, in `order`, at most `limit`, hydrated as
 * `findWhereIn` hydrates them, without TypeORM's query builder: with it, the cases subgraph spent about 40%
 * more CPU per B3 request (bench/NOTES.md, session 6).
 *
 * With `branchPerValue`, the page is read as one ordered, limited branch per value of that column, merged
 * (`UNION ALL`, ordered again). `status = ANY(...)` ordered by date makes PostgreSQL read every row of every
 * status and sort them, since an index on (…, status, date) is in order only within one status; a branch
 * per status reads at most `limit` rows of each: for Nairobi's officer asking for two statuses, 42 index
 * entries instead of 4,900 (bench/NOTES.md, session 7).
 */
export async function findWhere<T extends ObjectLiteral>(
  dataSource: DataSource,
  entity: EntityTarget<T>,
  conditions: SqlConditions,
  order: SortOrder<T>,
  limit: number,
  branchPerValue?: BranchPerValue<T>,
): Promise<T[]> {
  const metadata = dataSource.getMetadata(entity);
  const { columns, from, orderBy } = selectFor(metadata, order);
  const take = ` LIMIT ${Math.trunc(limit)}`;
  let sql = `${from}${conditions.sql}${orderBy}${take}`;
  let params = conditions.params;
  // A value named twice would read its rows twice.
  const values = [...new Set(branchPerValue?.values ?? [])];
  if (branchPerValue && values.length > 1) {
    const column = quote(columnNamed(metadata, branchPerValue.property).databaseName);
    params = [...conditions.params, ...values];
    const joiner = conditions.size > 0 ? ' AND ' : ' WHERE ';
    const branches = values.map(
      (_value, index) => `(${from}${conditions.sql}${joiner}${column} = $${conditions.params.length + index + 1}${orderBy}${take})`,
    );
    sql = `SELECT * FROM (${branches.join(' UNION ALL ')}) AS branches${orderBy}${take}`;
  }
  const rows: Array<Record<string, unknown>> = await dataSource.query(sql, params);
  return hydrate<T>(dataSource, metadata, columns, rows);
}

/** How many rows of `entity` meet `conditions`. */
export async function countWhere<T extends ObjectLiteral>(
  dataSource: DataSource,
  entity: EntityTarget<T>,
  conditions: SqlConditions,
): Promise<number> {
  const metadata = dataSource.getMetadata(entity);
  const [row] = (await dataSource.query(
    `SELECT count(*)::int AS count FROM ${tableOf(metadata)}${conditions.sql}`,
    conditions.params,
  )) as Array<{
    count: number;
  }>;
  return row.count;
}
