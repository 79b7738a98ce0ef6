import type { DataSource, EntityManager, MigrationInterface, QueryRunner } from 'typeorm';
import type { Role } from '../auth/roles';
import type { AuditAction, AuditRow } from './audit-recorder';

/**
 * The append-only audit table of one subgraph schema. Privileges are not enough on their own (the
 * schema owner could grant them back), so triggers refuse UPDATE, DELETE and TRUNCATE for everyone.
 */
export function auditTableMigrationSql(schema: string): string[] {
  const table = `"${schema}"."audit_event"`;
  return [
    `CREATE TABLE ${table} (
      "id" bigserial PRIMARY KEY,
      "occurred_at" timestamptz NOT NULL DEFAULT now(),
      "actor" text,
      "role" text,
      "agency_id" uuid,
      "action" text NOT NULL CHECK ("action" IN ('READ', 'WRITE', 'DENY')),
      "record_type" text NOT NULL,
      "record_ids" text[] NOT NULL,
      "field_names" text[] NOT NULL,
      "operation_name" text,
      "request_id" text NOT NULL
    )`,
    `CREATE INDEX "audit_event_record_ids_idx" ON ${table} USING gin ("record_ids")`,
    `CREATE INDEX "audit_event_occurred_at_idx" ON ${table} ("occurred_at")`,
    `CREATE FUNCTION "${schema}"."audit_event_is_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_event is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
    $$`,
    `CREATE TRIGGER "audit_event_no_update_delete" BEFORE UPDATE OR DELETE ON ${table}
      FOR EACH ROW EXECUTE FUNCTION "${schema}"."audit_event_is_append_only"()`,
    `CREATE TRIGGER "audit_event_no_truncate" BEFORE TRUNCATE ON ${table}
      FOR EACH STATEMENT EXECUTE FUNCTION "${schema}"."audit_event_is_append_only"()`,
    `REVOKE UPDATE, DELETE, TRUNCATE ON ${table} FROM PUBLIC`,
  ];
}

/**
 * Makes a history table append-only (a referral's steps, a report's events), as the audit table is, and keeps
 * the audit table's triggers firing even for a session that silences triggers (`session_replication_role =
 * replica`, as bulk loads set): a history or an audit trail that a setting can switch off is neither.
 */
export function appendOnlySql(schema: string, historyTables: readonly string[]): string[] {
  const audit = `"${schema}"."audit_event"`;
  return [
    `ALTER TABLE ${audit} ENABLE ALWAYS TRIGGER "audit_event_no_update_delete"`,
    `ALTER TABLE ${audit} ENABLE ALWAYS TRIGGER "audit_event_no_truncate"`,
    ...(historyTables.length > 0
      ? [
          `CREATE FUNCTION "${schema}"."is_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
            END
          $$`,
        ]
      : []),
    ...historyTables.flatMap((name) => {
      const table = `"${schema}"."${name}"`;
      return [
        `CREATE TRIGGER "${name}_no_update_delete" BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION "${schema}"."is_append_only"()`,
        `CREATE TRIGGER "${name}_no_truncate" BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION "${schema}"."is_append_only"()`,
        `ALTER TABLE ${table} ENABLE ALWAYS TRIGGER "${name}_no_update_delete"`,
        `ALTER TABLE ${table} ENABLE ALWAYS TRIGGER "${name}_no_truncate"`,
      ];
    }),
  ];
}

export function appendOnlyDownSql(schema: string, historyTables: readonly string[]): string[] {
  const audit = `"${schema}"."audit_event"`;
  return [
    ...historyTables.flatMap((name) => [
      `DROP TRIGGER "${name}_no_truncate" ON "${schema}"."${name}"`,
      `DROP TRIGGER "${name}_no_update_delete" ON "${schema}"."${name}"`,
    ]),
    ...(historyTables.length > 0 ? [`DROP FUNCTION "${schema}"."is_append_only"()`] : []),
    `ALTER TABLE ${audit} ENABLE TRIGGER "audit_event_no_truncate"`,
    `ALTER TABLE ${audit} ENABLE TRIGGER "audit_event_no_update_delete"`,
  ];
}

/** The function whose triggers let named columns of a history be erased, and nothing else in it change. */
export const ERASABLE_COLUMNS_FUNCTION = 'only_erases';

/**
 * Lets `columns` of an append-only history be erased (set to NULL) and nothing else: a data subject's erasure
 * request reaches the free text a history holds (a step's note), while who did what and when stays as written.
 * The trigger's arguments name the columns, and the serving role is granted UPDATE on those alone
 * (serving-role.ts), so the same list decides both.
 */
export function erasableHistorySql(schema: string, history: string, columns: readonly string[]): string[] {
  const table = `"${schema}"."${history}"`;
  return [
    `CREATE OR REPLACE FUNCTION "${schema}"."${ERASABLE_COLUMNS_FUNCTION}"() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        erasable text;
        before jsonb := to_jsonb(OLD);
        after jsonb := to_jsonb(NEW);
      BEGIN
        FOREACH erasable IN ARRAY TG_ARGV LOOP
          IF after -> erasable <> 'null'::jsonb AND after -> erasable IS DISTINCT FROM before -> erasable THEN
            RAISE EXCEPTION '% is append-only: % may only be erased', TG_TABLE_NAME, erasable USING ERRCODE = 'insufficient_privilege';
          END IF;
          before := before - erasable;
          after := after - erasable;
        END LOOP;
        IF after IS DISTINCT FROM before THEN
          RAISE EXCEPTION '% is append-only: only % may be erased', TG_TABLE_NAME, array_to_string(TG_ARGV, ', ') USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END
    $$`,
    `DROP TRIGGER "${history}_no_update_delete" ON ${table}`,
    `CREATE TRIGGER "${history}_no_delete" BEFORE DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION "${schema}"."is_append_only"()`,
    `CREATE TRIGGER "${history}_only_erases" BEFORE UPDATE ON ${table} FOR EACH ROW EXECUTE FUNCTION "${schema}"."${ERASABLE_COLUMNS_FUNCTION}"(${columns.map((c) => `'${c}'`).join(', ')})`,
    `ALTER TABLE ${table} ENABLE ALWAYS TRIGGER "${history}_no_delete"`,
    `ALTER TABLE ${table} ENABLE ALWAYS TRIGGER "${history}_only_erases"`,
  ];
}

export function erasableHistoryDownSql(schema: string, history: string): string[] {
  const table = `"${schema}"."${history}"`;
  return [
    `DROP TRIGGER "${history}_only_erases" ON ${table}`,
    `DROP TRIGGER "${history}_no_delete" ON ${table}`,
    `CREATE TRIGGER "${history}_no_update_delete" BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION "${schema}"."is_append_only"()`,
    `ALTER TABLE ${table} ENABLE ALWAYS TRIGGER "${history}_no_update_delete"`,
    `DROP FUNCTION "${schema}"."${ERASABLE_COLUMNS_FUNCTION}"()`,
  ];
}

/** The migration that makes a subgraph's audit trail and histories append-only whatever a session sets. */
export function appendOnlyMigration(name: string, schema: string, historyTables: readonly string[] = []) {
  return class AppendOnly implements MigrationInterface {
    name = name;

    async up(db: QueryRunner): Promise<void> {
      for (const sql of appendOnlySql(schema, historyTables)) await db.query(sql);
    }

    async down(db: QueryRunner): Promise<void> {
      for (const sql of appendOnlyDownSql(schema, historyTables)) await db.query(sql);
    }
  };
}

export function auditTableDownSql(schema: string): string[] {
  return [`DROP TABLE "${schema}"."audit_event"`, `DROP FUNCTION "${schema}"."audit_event_is_append_only"()`];
}

/** One multi-row INSERT for all of a request's audit rows. */
export async function writeAuditRows(db: DataSource | EntityManager, schema: string, rows: AuditRow[]): Promise<void> {
  if (rows.length === 0) return;
  const params: unknown[] = [];
  const tuples = rows.map((row) => {
    const values = [
      row.actor,
      row.role,
      row.agencyId,
      row.action,
      row.recordType,
      row.recordIds,
      row.fieldNames,
      row.operationName,
      row.requestId,
    ];
    const placeholders = values.map((value) => {
      params.push(value);
      return `$${params.length}`;
    });
    return `(${placeholders.join(', ')})`;
  });
  await db.query(
    `INSERT INTO "${schema}"."audit_event" ("actor", "role", "agency_id", "action", "record_type", "record_ids", "field_names", "operation_name", "request_id") VALUES ${tuples.join(', ')}`,
    params,
  );
}

export interface AuditEventRecord {
  id: string;
  occurredAt: Date;
  actor: string | null;
  role: Role | null;
  agencyId: string | null;
  action: AuditAction;
  recordType: string;
  recordIds: string[];
  fieldNames: string[];
  operationName: string | null;
  requestId: string;
}

/** Audit events that name any of the given records, newest first, keyset-paginated by id. */
export async function findAuditEvents(
  db: DataSource,
  schema: string,
  recordIds: string[],
  limit: number,
  beforeId?: string,
): Promise<AuditEventRecord[]> {
  const rows: Array<Record<string, unknown>> = await db.query(
    `SELECT "id", "occurred_at", "actor", "role", "agency_id", "action", "record_type", "record_ids", "field_names", "operation_name", "request_id"
       FROM "${schema}"."audit_event"
      WHERE "record_ids" && $1::text[] ${beforeId ? 'AND "id" < $3' : ''}
      ORDER BY "id" DESC LIMIT $2`,
    beforeId ? [recordIds, limit, beforeId] : [recordIds, limit],
  );
  return rows.map((r) => ({
    id: String(r.id),
    occurredAt: r.occurred_at as Date,
    actor: r.actor as string | null,
    // Written from a verified token's role and the recorder's actions only (and the table's CHECK on the action).
    role: r.role as Role | null,
    agencyId: r.agency_id as string | null,
    action: r.action as AuditAction,
    recordType: r.record_type as string,
    recordIds: r.record_ids as string[],
    fieldNames: r.field_names as string[],
    operationName: r.operation_name as string | null,
    requestId: r.request_id as string,
  }));
}
