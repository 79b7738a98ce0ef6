import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, valueFromASTUntyped, type DocumentNode, type FieldNode, type OperationDefinitionNode } from 'graphql';
import { auditUnavailable } from '../errors/errors';
import { fieldsAlong, fragmentsOf } from '../graphql/document';
import { isRecordedRefusal, recordIdsInArguments, type AuditRecorder } from '../audit/audit-recorder';
import { writeAuditRows } from '../audit/audit-store';
import type { Logger } from '../logging/logger';
import type { SubgraphContext } from './subgraph-context';

/** The fields a mutation writes with: its root fields by response key, `__typename` aside. */
export function rootWriteKeys(operation: OperationDefinitionNode | undefined): string[] {
  if (operation?.operation !== 'mutation') return [];
  return operation.selectionSet.selections.flatMap((selection) =>
    selection.kind === Kind.FIELD && selection.name.value !== '__typename' ? [selection.alias?.value ?? selection.name.value] : [],
  );
}

const REFUSAL_CODES: ReadonlySet<unknown> = new Set(['FORBIDDEN', 'UNAUTHENTICATED']);

/**
 * DESIGN.md "Audit": every denial is recorded. Rules and services that know the record refused record it
 * themselves (`AuditRecorder.refuse`); any other refusal of a field (a role rule, deny by default, a service's
 * check) is recorded here, under the operation's root type and the field's path, so that none goes unrecorded.
 */
export function recordUnrecordedRefusals(
  audit: AuditRecorder,
  operation: OperationDefinitionNode | undefined,
  variables: Record<string, unknown> | undefined,
  errors: ReadonlyArray<{ extensions?: Record<string, unknown>; path?: ReadonlyArray<string | number> }> | undefined,
  document?: DocumentNode,
): void {
  const rootType = operation?.operation === 'mutation' ? 'Mutation' : 'Query';
  const fragments = fragmentsOf(document);
  for (const error of errors ?? []) {
    if (!REFUSAL_CODES.has(error.extensions?.code) || isRecordedRefusal(error)) continue;
    const fields = error.path ? fieldsAlong(operation, fragments, error.path) : [];
    // Without a path the operation was refused before any field ran (a limit, a malformed request): no record is involved.
    if (fields.length === 0) continue;
    const fieldPath = fields.map((field) => field?.name.value ?? '?').join('.');
    // A root field refused by its service (updateCase on another county's case) names its record in its arguments.
    const ids = error.path?.length === 1 ? recordIdsInArguments(argumentsOf(fields[0], variables)) : [];
    if (ids.length === 0) audit.deny(rootType, null, fieldPath);
    for (const id of ids) audit.deny(rootType, id, fieldPath);
  }
}

/** A field's arguments, variables put in; {} for none. */
function argumentsOf(field: FieldNode | undefined, variables: Record<string, unknown> | undefined): Record<string, unknown> {
  return Object.fromEntries(
    (field?.arguments ?? []).map((argument) => [argument.name.value, valueFromASTUntyped(argument.value, variables)]),
  );
}

/**
 * Writes the request's audit rows in one insert before the response leaves; if that fails, the data is
 * withheld (fail closed). Also logs one line per operation, without variables or results.
 */
export function auditAndLogPlugin(schema: string, logger: Logger): ApolloServerPlugin<SubgraphContext> {
  return {
    async requestDidStart() {
      const startedAt = process.hrtime.bigint();
      return {
        async didResolveOperation({ contextValue, operationName }) {
          contextValue.audit.operationName = operationName ?? null;
        },
        async willSendResponse({ contextValue, response, operationName, errors, operation, request, document }) {
          recordUnrecordedRefusals(contextValue.audit, operation, request.variables, errors, document);
          const rows = contextValue.audit.rows();
          let auditFailed = false;
          if (rows.length > 0) {
            try {
              await writeAuditRows(contextValue.db, schema, rows);
            } catch (error) {
              auditFailed = true;
              logger.error(
                { requestId: contextValue.requestId, err: { message: (error as Error).message } },
                'audit write failed: response withheld',
              );
              if (response.body.kind === 'single') {
                const result = response.body.singleResult;
                // A write made and recorded in its own transaction stays made, whatever became of the answer: only
                // its reads failed to be recorded. "Try again" would make it twice, so the client is told to read
                // the record instead. Known from the commit itself, not from the answer's data; with several
                // writes in one request, which of them were made is not known here.
                const committed = contextValue.requestScope.committedWrite === true;
                const refusal = auditUnavailable(committed ? (rootWriteKeys(operation).length === 1 ? 'SAVED' : 'UNKNOWN') : undefined);
                result.data = null;
                result.errors = [{ message: refusal.message, extensions: { ...refusal.extensions } }];
              }
              response.http.status = 503;
            }
          }
          logger.info(
            {
              requestId: contextValue.requestId,
              operationName: operationName ?? null,
              role: contextValue.caller?.role ?? 'ANONYMOUS',
              ms: Number((process.hrtime.bigint() - startedAt) / 1_000_000n),
              sqlStatements: contextValue.requestScope.sqlStatements,
              errorCodes: errors?.map((e) => e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'),
              auditRows: rows.length,
              auditFailed,
            },
            'graphql request',
          );
        },
      };
    },
  };
}
