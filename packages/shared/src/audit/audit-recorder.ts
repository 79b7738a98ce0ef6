import type { Caller } from '../auth/caller';

export type AuditAction = 'READ' | 'WRITE' | 'DENY';

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
 * response leaves (DESIGN.md "Audit"). Entries are grouped per action and record type.
 */
export class AuditRecorder {
  private readonly groups = new Map<string, { ids: Set<string>; fields: Set<string> }>();
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

  write(recordType: string, recordId: string, fieldNames: readonly string[]): void {
    for (const field of fieldNames) this.add('WRITE', recordType, recordId, field);
    if (fieldNames.length === 0) this.add('WRITE', recordType, recordId, null);
  }

  get isEmpty(): boolean {
    return this.groups.size === 0;
  }

  rows(): AuditRow[] {
    return [...this.groups.entries()].map(([key, group]) => {
      const [action, recordType] = key.split('\u0000') as [AuditAction, string];
      return {
        actor: this.caller?.sub ?? null,
        role: this.caller?.role ?? null,
        agencyId: this.caller?.agencyId ?? null,
        action,
        recordType,
        recordIds: [...group.ids].sort(),
        fieldNames: [...group.fields].sort(),
        operationName: this.operationName,
        requestId: this.requestId,
      };
    });
  }

  private add(action: AuditAction, recordType: string, recordId: string | null, fieldName: string | null): void {
    const key = `${action}\u0000${recordType}`;
    let group = this.groups.get(key);
    if (!group) {
      group = { ids: new Set(), fields: new Set() };
      this.groups.set(key, group);
    }
    if (recordId) group.ids.add(recordId);
    if (fieldName) group.fields.add(fieldName);
  }
}
