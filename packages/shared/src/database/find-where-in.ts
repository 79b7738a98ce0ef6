import type { DataSource, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';

// Not imported from typeorm/metadata/ColumnMetadata: the e2e package resolves only typeorm's exported paths.
type ColumnMetadata = EntityMetadata['columns'][number];

export type SortOrder<T> = ReadonlyArray<readonly [keyof T & string, 'ASC' | 'DESC']>;

interface Statement {
  sql: string;
  columns: ColumnMetadata[];
}

const statements = new WeakMap<EntityMetadata, Map<string, Statement>>();

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

function columnNamed(metadata: EntityMetadata, property: string): ColumnMetadata {
  const column = metadata.findColumnWithPropertyPath(property);
  if (!column) throw new Error(`${metadata.name} has no column ${property}`);
  return column;
}

function statementFor<T>(metadata: EntityMetadata, property: string, order: SortOrder<T>): Statement {
  const key = `${property}|${order.map(([p, direction]) => `${p} ${direction}`).join(',')}`;
  let byKey = statements.get(metadata);
  if (!byKey) statements.set(metadata, (byKey = new Map()));
  let statement = byKey.get(key);
  if (!statement) {
    const columns = metadata.columns.filter((column) => column.isSelect && !column.isVirtual);
    const table = metadata.schema ? `${quote(metadata.schema)}.${quote(metadata.tableName)}` : quote(metadata.tableName);
    const orderBy = order.map(([p, direction]) => `${quote(columnNamed(metadata, p).databaseName)} ${direction}`);
    statement = {
      columns,
      sql:
        `SELECT ${columns.map((column) => quote(column.databaseName)).join(', ')} FROM ${table}` +
        ` WHERE ${quote(columnNamed(metadata, property).databaseName)} = ANY($1)` +
        (orderBy.length > 0 ? ` ORDER BY ${orderBy.join(', ')}` : ''),
    };
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
