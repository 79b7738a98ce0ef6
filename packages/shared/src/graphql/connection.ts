import { ArgsType, Directive, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { UUID_PATTERN } from '../audit/audit-recorder';
import { badUserInput } from '../errors/errors';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

@Directive('@shareable')
@ObjectType({ description: 'Where a page of a list ends, and whether more follow.' })
export class PageInfo {
  @Field()
  hasNextPage: boolean;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: `How many items to return: 1 to ${MAX_PAGE_SIZE}, ${DEFAULT_PAGE_SIZE} when omitted.` })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'The `endCursor` of the previous page.' })
  after?: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface ConnectionShape<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  totalCount: number;
}

/**
 * A Relay connection type for `Node`, named `<name>Connection` with `<name>Edge` edges. `shareable` when
 * more than one subgraph defines the same connection (a value type each resolves): it marks the edge type;
 * the concrete connection class carries its own `@Directive('@shareable')`.
 */
export function Connection<T extends object>(Node: ClassType<T>, name: string, options: { shareable?: boolean } = {}) {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field()
    cursor: string;

    @Field(() => Node)
    node: T;
  }

  @ObjectType()
  abstract class ConnectionType implements ConnectionShape<T> {
    @Field(() => [EdgeType])
    edges: EdgeType[];

    @Field(() => PageInfo)
    pageInfo: PageInfo;

    @Field(() => Int, { description: 'How many items match the filter, over all pages.' })
    totalCount: number;
  }
  if (options.shareable) Directive('@shareable')(EdgeType);
  return ConnectionType;
}

export function pageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badUserInput(`first must be between 1 and ${MAX_PAGE_SIZE}`, 'first');
  }
  return first;
}

export type CursorValue = string | number;

/** Cursors are opaque to clients: the keyset values of the last row, base64url-encoded. */
export function encodeCursor(values: readonly CursorValue[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string | null | undefined, arity: number): CursorValue[] | null {
  if (cursor === null || cursor === undefined) return null;
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length === arity && values.every((v) => typeof v === 'string' || typeof v === 'number')) {
      return values as CursorValue[];
    }
  } catch {
    // fall through to the error below
  }
  throw badUserInput('after is not a cursor this list gave out', 'after');
}

/** The type a cursor value is cast back to in SQL: what a value must look like to be one. */
export type CursorValueType = 'timestamptz' | 'date' | 'uuid' | 'int8' | 'text';

// An instant as `toISOString` writes it, or to the microsecond as PostgreSQL keeps it: Date.parse alone takes
// "1" or "March 7", which PostgreSQL refuses.
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}(\d{3})?Z$/;
const fitsType: Record<CursorValueType, (value: CursorValue) => boolean> = {
  timestamptz: (value) => typeof value === 'string' && ISO_INSTANT.test(value) && !Number.isNaN(Date.parse(value)),
  uuid: (value) => typeof value === 'string' && UUID_PATTERN.test(value),
  // A day as a date column gives it: another list's instant would otherwise be read as its day.
  date: (value) => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && isCalendarDay(value),
  int8: (value) => (typeof value === 'number' && Number.isSafeInteger(value)) || (typeof value === 'string' && /^-?\d{1,18}$/.test(value)),
  // A name: any text a row holds, bounded as a name is, without the NUL PostgreSQL refuses in text.
  text: (value) => typeof value === 'string' && value.length <= 500 && !value.includes('\u0000'),
};

/** Not 2026-02-30, which JavaScript would roll over to March and PostgreSQL refuses. */
function isCalendarDay(day: string): boolean {
  const time = Date.parse(`${day}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().startsWith(day);
}

/**
 * `decodeCursor`, each value checked against the type of the key it stands for: a cursor of another list, or one
 * edited by hand, is the caller's mistake (BAD_USER_INPUT), never a statement PostgreSQL refuses.
 */
export function decodeTypedCursor(cursor: string | null | undefined, types: readonly CursorValueType[]): CursorValue[] | null {
  const values = decodeCursor(cursor, types.length);
  return values && checkCursorValues(values, types);
}

/** A cursor's decoded values, each checked against its list's key type (BAD_USER_INPUT on `after` otherwise). */
export function checkCursorValues(values: CursorValue[], types: readonly CursorValueType[]): CursorValue[] {
  if (values.length !== types.length || !types.every((type, i) => fitsType[type](values[i])))
    throw badUserInput('after is not a cursor this list gave out', 'after');
  return values;
}

/** Builds a connection from `limit + 1` fetched rows: the extra row only says that another page exists. */
export function toConnection<Row, Node = Row>(
  rows: Row[],
  limit: number,
  totalCount: number,
  cursorOf: (row: Row) => readonly CursorValue[],
  toNode: (row: Row) => Node = (row) => row as unknown as Node,
): ConnectionShape<Node> {
  const page = rows.slice(0, limit);
  const edges = page.map((row) => ({ cursor: encodeCursor(cursorOf(row)), node: toNode(row) }));
  return {
    edges,
    totalCount,
    pageInfo: { hasNextPage: rows.length > limit, endCursor: edges.length > 0 ? edges[edges.length - 1].cursor : null },
  };
}
