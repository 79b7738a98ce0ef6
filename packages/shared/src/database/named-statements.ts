import { Client } from 'pg';

/**
 * Distinct statement texts a process names. Kinga's statements are few and fixed (loaders send `= ANY($1)`),
 * but TypeORM's `In(...)` writes one text per list length: past this many, a text runs unnamed, so the
 * server's per-connection plan caches stay bounded.
 */
export const MAX_NAMED_STATEMENTS = 500;

/** Whether to name statements: off until the server is known to keep them per connection (`namesStatements`). */
export interface StatementNaming {
  /** The operator's choice (DB_NAMED_STATEMENTS). */
  allowed: boolean;
  enabled: boolean;
}

/**
 * A PostgreSQL server keeps what a connection prepared for that connection; PGlite's socket server runs every
 * connection in one session, where a second connection preparing the same name fails.
 */
export function namesStatements(serverVersion: string): boolean {
  return !/pglite/i.test(serverVersion);
}

/**
 * A pg client that sends each parameterised statement as a named prepared statement: PostgreSQL parses and
 * analyses it once per connection instead of on every request (bench/NOTES.md, session 9). Statements
 * without parameters (BEGIN, COMMIT, SET) go as before.
 */
export function namedStatementClient(naming: StatementNaming): typeof Client {
  const names = new Map<string, string>();
  const nameOf = (text: string): string | undefined => {
    let name = names.get(text);
    if (name === undefined && names.size < MAX_NAMED_STATEMENTS) {
      name = `kinga_${names.size}`;
      names.set(text, name);
    }
    return name;
  };
  class NamedStatementClient extends Client {}
  // Assigned rather than declared: pg's many overloads of `query` cannot be restated, and all but one pass on unchanged.
  const query = Client.prototype.query as (this: Client, ...args: unknown[]) => unknown;
  (NamedStatementClient.prototype as unknown as { query: typeof query }).query = function (this: Client, ...args: unknown[]) {
    const [text, values, callback] = args;
    if (naming.enabled && typeof text === 'string' && Array.isArray(values) && values.length > 0) {
      const name = nameOf(text);
      if (name !== undefined) return query.call(this, { name, text, values }, callback);
    }
    return query.apply(this, args);
  };
  return NamedStatementClient;
}
