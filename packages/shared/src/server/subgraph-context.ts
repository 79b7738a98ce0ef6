import type { DataSource, EntityManager } from 'typeorm';
import type { Caller } from '../auth/caller';
import { AuditRecorder } from '../audit/audit-recorder';
import { writeAuditRows } from '../audit/audit-store';
import { auditUnavailable } from '../errors/errors';
import type { Logger } from '../logging/logger';
import type { GatewayClient } from './gateway-client';
import { markAuditedWrite, type RequestScope } from '../context/request-context';

/** What every resolver of every subgraph receives; services extend it with their loaders. */
export interface SubgraphContext {
  caller: Caller | null;
  requestId: string;
  /** The request's SQL statement count, among other things (x-kinga-sql-statements, the request log line). */
  requestScope: RequestScope;
  /** The subgraph's data source as this request sees it: every statement sent through it is counted for it. */
  db: DataSource;
  audit: AuditRecorder;
  logger: Logger;
  /** One clock per request, so every rule in it decides against the same instant. */
  now: Date;
  /**
   * The caller's `Authorization` header as received, for a subgraph that must check another subgraph's
   * record through the gateway with the caller's own token (DESIGN.md "Writes"). Absent without a caller.
   */
  authorization?: string;
  /** Asks the gateway, as the caller, about records other subgraphs own (`checkThroughGateway`). */
  gateway: GatewayClient;
  /**
   * Records a write inside the write's own transaction, one row naming every record given (`recordIds` of one
   * type): if the audit row cannot be written, neither is the change.
   */
  auditWrite(
    manager: EntityManager,
    recordType: string,
    recordIds: string | readonly string[],
    fieldNames: readonly string[],
  ): Promise<void>;
  /** `auditWrite` for a write that changed records of several types: still one insert. */
  auditWrites(manager: EntityManager, writes: readonly AuditedWrite[]): Promise<void>;
}

export interface AuditedWrite {
  recordType: string;
  recordIds: string | readonly string[];
  fieldNames: readonly string[];
}

export function createBaseContext(
  caller: Caller | null,
  requestScope: RequestScope,
  logger: Logger,
  schema: string,
  db: DataSource,
  gateway: GatewayClient,
): SubgraphContext {
  const { requestId } = requestScope;
  const audit = new AuditRecorder(caller, requestId);
  return {
    caller,
    requestId,
    requestScope,
    db,
    audit,
    logger,
    gateway,
    now: new Date(),
    auditWrite(manager, recordType, recordIds, fieldNames) {
      return this.auditWrites(manager, [{ recordType, recordIds, fieldNames }]);
    },
    async auditWrites(manager, writes) {
      const recorder = new AuditRecorder(caller, requestId);
      recorder.operationName = audit.operationName;
      for (const { recordType, recordIds, fieldNames } of writes) {
        for (const recordId of typeof recordIds === 'string' ? [recordIds] : recordIds) recorder.write(recordType, recordId, fieldNames);
      }
      markAuditedWrite(manager.queryRunner);
      try {
        await writeAuditRows(manager, schema, recorder.rows());
      } catch (error) {
        // The write's transaction rolls back with its audit rows: nothing was saved, so the client may send it again.
        logger.error({ requestId, err: { message: (error as Error).message } }, 'audit write failed: change not saved');
        throw auditUnavailable();
      }
    },
  };
}
