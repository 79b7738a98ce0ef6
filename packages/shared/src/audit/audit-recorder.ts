import type { Caller } from '../auth/caller';

/** What an audit row records: a read, a write, or a refusal (the audit table's CHECK holds it to the same three). */
export const AUDIT_ACTIONS = { READ: 'READ', WRITE: 'WRITE', DENY: 'DENY' } as const;
export type AuditAction = keyof typeof AUDIT_ACTIONS;

const RECORDED_REFUSAL = Symbol('kinga.recordedRefusal');

/**
 * Whether a refusal was recorded where it was made, with its record: the request's audit then does not record
 * it a second time. graphql-js wraps a thrown error, so both it and what it wraps are looked at.
 */
export function isRecordedRefusal(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const marked = (value: unknown) => typeof value === 'object' && value !== null && RECORDED_REFUSAL in value;
  return marked(error) || marked((error as { originalError?: unknown }).originalError);
}

/** Argument names that name the record a field acts on, at the top level or inside `input`. */
const RECORD_ID_ARGUMENTS = ['id', 'caseId', 'referralId', 'consentId', 'requestId', 'recordId'] as const;
/** A record id as the services make them (PostgreSQL uuids). */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The records a refused field's arguments name (`case(id)`, `updateCase(input: { id })`,
 * `auditTrail(recordId)`), so that a refusal made before any record was loaded (a role rule, a service's
 * check) is still on that record's trail. Only well-formed ids are taken: the trail is no place for whatever
 * text a caller sent. `names` picks other arguments (a new record's parent, `agencyId`).
 */
export function recordIdsInArguments(args: unknown, names: readonly string[] = RECORD_ID_ARGUMENTS): string[] {
  if (!args || typeof args !== 'object') return [];
  const levels = [args as Record<string, unknown>];
  const input = (args as { input?: unknown }).input;
  if (input && typeof input === 'object' && !Array.isArray(input)) levels.push(input as Record<string, unknown>);
  const ids = levels.flatMap((level) => names.map((name) => level[name]));
  return [...new Set(ids.filter((id): id is string => typeof id === 'string' && UUID_PATTERN.test(id)).map((id) => id.toLowerCase()))];
}

export interface AuditRow {
  actor: string | null;
  role: string | null;
  agencyId: string | null;
  action: AuditAction;
  recordType: string;
  recordIds: string[];
  fieldNames: string[];
  operationName: string | null;
  requestId: string;
}

/**
 * Collects what one request read, wrote and was refused, so it is written as one insert before the
 * response leaves (DESIGN.md "Audit"). A row holds the records of one action and type of which the same fields
 * were read (written, refused): a page of cases read alike is one row, and no record is said to have had a
 * field read that was read only of another.
 */
export class AuditRecorder {
  private readonly records = new Map<string, { action: AuditAction; recordType: string; recordId: string | null; fields: Set<string> }>();
  operationName: string | null = null;

  constructor(
    private readonly caller: Caller | null,
    readonly requestId: string,
  ) {}

  read(recordType: string, recordId: string, fieldName: string): void {
    this.add('READ', recordType, recordId, fieldName);
  }

  deny(recordType: string, recordId: string | null, fieldName: string): void {
    this.add('DENY', recordType, recordId, fieldName);
  }

  /**
   * Records a refusal of `fieldName` of a record (or of the records given) and returns `error`, marked as
   * recorded (see `isRecordedRefusal`).
   */
  refuse<E extends Error>(recordType: string, recordId: string | readonly string[] | null, fieldName: string, error: E): E {
    const ids = typeof recordId === 'string' ? [recordId] : (recordId ?? []);
    if (ids.length === 0) this.deny(recordType, null, fieldName);
    for (const id of ids) this.deny(recordType, id, fieldName);
    Object.defineProperty(error, RECORDED_REFUSAL, { value: true });
    return error;
  }

  write(recordType: string, recordId: string, fieldNames: readonly string[]): void {
    for (const field of fieldNames) this.add('WRITE', recordType, recordId, field);
    if (fieldNames.length === 0) this.add('WRITE', recordType, recordId, null);
  }

  get isEmpty(): boolean {
    return this.records.size === 0;
  }

  rows(): AuditRow[] {
    const rows = new Map<string, AuditRow>();
    for (const { action, recordType, recordId, fields } of this.records.values()) {
      const fieldNames = [...fields].sort();
      const key = [action, recordType, ...fieldNames].join('\u0000');
      let row = rows.get(key);
      if (!row) {
        row = {
          actor: this.caller?.sub ?? null,
          role: this.caller?.role ?? null,
          agencyId: this.caller?.agencyId ?? null,
          action,
          recordType,
          recordIds: [],
          fieldNames,
          operationName: this.operationName,
          requestId: this.requestId,
        };
        rows.set(key, row);
      }
      if (recordId) row.recordIds.push(recordId);
    }
    for (const row of rows.values()) row.recordIds.sort();
    return [...rows.values()];
  }

  private add(action: AuditAction, recordType: string, recordId: string | null, fieldName: string | null): void {
    const key = `${action}\u0000${recordType}\u0000${recordId ?? ''}`;
    let record = this.records.get(key);
    if (!record) {
      record = { action, recordType, recordId, fields: new Set() };
      this.records.set(key, record);
    }
    if (fieldName) record.fields.add(fieldName);
  }
}
