import type { DataSource, EntityManager } from 'typeorm';
import { ERASABLE_COLUMNS_FUNCTION } from '../audit/audit-store';
import { quoteIdentifier } from './find-where-in';

/** The functions whose triggers make a table append-only (audit-store.ts). */
const APPEND_ONLY_FUNCTIONS = ['audit_event_is_append_only', 'is_append_only'];

/** Tables of `schema` guarded by an append-only trigger: the audit trail and the histories. */
export async function appendOnlyTables(db: DataSource | EntityManager, schema: string): Promise<string[]> {
  const rows = (await db.query(
    `SELECT DISTINCT c.relname AS name
       FROM pg_trigger t
       JOIN pg_class c ON c.oid = t.tgrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_proc p ON p.oid = t.tgfoid
      WHERE n.nspname = $1 AND p.proname = ANY($2)
      ORDER BY 1`,
    [schema, APPEND_ONLY_FUNCTIONS],
  )) as { name: string }[];
  return rows.map((row) => row.name);
}

/** The columns of `schema`'s histories that an erasure may set to NULL: the arguments of their `only_erases` triggers. */
export async function erasableColumns(db: DataSource | EntityManager, schema: string): Promise<Map<string, string[]>> {
  const rows = (await db.query(
    `SELECT c.relname AS name, encode(t.tgargs, 'escape') AS args
       FROM pg_trigger t
       JOIN pg_class c ON c.oid = t.tgrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_proc p ON p.oid = t.tgfoid
      WHERE n.nspname = $1 AND p.proname = $2
      ORDER BY 1`,
    [schema, ERASABLE_COLUMNS_FUNCTION],
  )) as { name: string; args: string }[];
  // Trigger arguments are stored NUL-terminated; the escape encoding spells each NUL as \000.
  return new Map(rows.map((row) => [row.name, row.args.split('\\000').filter(Boolean)]));
}

/**
 * Gives the role that serves requests what serving needs and no more, run by the schema's owner after each
 * migration (so tables a migration adds are covered): it reads and writes the service's tables, only appends to
 * the audit trail and the histories, and cannot touch the migrations' record. Owning nothing, it can neither
 * drop a trigger nor grant itself back what is revoked here.
 */
export async function grantServingRole(owner: DataSource, schema: string, servingRole: string): Promise<void> {
  const qualified = (table: string) => `${quoteIdentifier(schema)}.${quoteIdentifier(table)}`;
  const role = quoteIdentifier(servingRole);
  await owner.transaction(async (manager) => {
    const appendOnly = await appendOnlyTables(manager, schema);
    const erasable = await erasableColumns(manager, schema);
    for (const statement of [
      `GRANT USAGE ON SCHEMA ${quoteIdentifier(schema)} TO ${role}`,
      `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${quoteIdentifier(schema)} TO ${role}`,
      `REVOKE TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA ${quoteIdentifier(schema)} FROM ${role}`,
      `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${quoteIdentifier(schema)} TO ${role}`,
      // A table a later migration adds is readable and appendable at once (a trigger's log on a table already
      // written to, say), before this runs again after the last migration: replicas still on the old code go on
      // writing. Nothing more than appending, which every table, append-only or not, may take.
      `ALTER DEFAULT PRIVILEGES IN SCHEMA ${quoteIdentifier(schema)} GRANT SELECT, INSERT ON TABLES TO ${role}`,
      `ALTER DEFAULT PRIVILEGES IN SCHEMA ${quoteIdentifier(schema)} GRANT USAGE, SELECT ON SEQUENCES TO ${role}`,
      `REVOKE INSERT, UPDATE, DELETE ON ${qualified(owner.options.migrationsTableName ?? 'migrations')} FROM ${role}`,
      ...appendOnly.map((table) => `REVOKE UPDATE, DELETE ON ${qualified(table)} FROM ${role}`),
      // After the REVOKE, which takes column grants with it; the table's trigger still refuses anything but NULL.
      ...[...erasable].map(
        ([table, columns]) => `GRANT UPDATE (${columns.map(quoteIdentifier).join(', ')}) ON ${qualified(table)} TO ${role}`,
      ),
    ]) {
      await manager.query(statement);
    }
  });
}

/**
 * Why the connected role must not serve requests in production: a superuser, a role that may create roles, or
 * one that owns (or may act as the owner of) the audit trail, can switch its append-only triggers off and
 * rewrite who read what.
 */
export async function servingRoleProblems(dataSource: DataSource, schema: string): Promise<string[]> {
  const [row] = (await dataSource.query(
    `SELECT current_user AS role,
            EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolsuper AND pg_has_role(current_user, r.oid, 'MEMBER')) AS superuser,
            EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolcreaterole AND pg_has_role(current_user, r.oid, 'MEMBER')) AS creates_roles,
            (SELECT pg_has_role(current_user, c.relowner, 'MEMBER')
               FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
              WHERE n.nspname = $1 AND c.relname = 'audit_event') AS owns_audit_trail`,
    [schema],
  )) as { role: string; superuser: boolean; creates_roles: boolean; owns_audit_trail: boolean | null }[];
  const remedy =
    'serve as a role that owns nothing and migrate as the schema owner (MIGRATION_DATABASE_URL; deploy/postgres/01-service-roles.sh makes both)';
  // A role counts as what any role it may SET ROLE to is.
  if (row.superuser)
    return [`DATABASE_URL: its role ${row.role} is (or may act as) a superuser, which no audit trail can hold to; ${remedy}`];
  // Before PostgreSQL 16, a role that creates roles may make itself a member of the owner's.
  if (row.creates_roles)
    return [`DATABASE_URL: its role ${row.role} may create roles, and so grant itself the audit trail's owner; ${remedy}`];
  if (row.owns_audit_trail)
    return [`DATABASE_URL: its role ${row.role} owns the audit trail and could switch its append-only triggers off; ${remedy}`];
  return [];
}

/** The subgraph's migrations its database has not run yet (all of them for a schema not made yet). */
export async function migrationsNotRun(dataSource: DataSource, schema: string): Promise<string[]> {
  const names = dataSource.migrations.map((migration) => migration.name ?? migration.constructor.name);
  // Looked up in the catalogue, not by name: resolving a schema's name needs USAGE on it, which the serving
  // role has only once the owner has migrated it and granted it.
  const [{ present }] = (await dataSource.query(
    `SELECT EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relname = 'migrations') AS present`,
    [schema],
  )) as [{ present: boolean }];
  if (!present) return names;
  // Not readable yet (the owner is migrating and has not granted it): as good as not run, for this role.
  const rows = (await dataSource.query(`SELECT name FROM ${quoteIdentifier(schema)}.migrations`).catch((error: { code?: string }) => {
    if (error.code === '42501' || (error as { driverError?: { code?: string } }).driverError?.code === '42501') return null;
    throw error;
  })) as { name: string }[] | null;
  if (!rows) return names;
  const done = new Set(rows.map((r) => r.name));
  return names.filter((name) => !done.has(name));
}
