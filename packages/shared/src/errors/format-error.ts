import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { fieldNamePath } from '../graphql/document';
import { withoutEchoedValues } from './echoed-values';
import { isClientErrorCode } from './errors';
import type { Logger } from '../logging/logger';

/** Errors graphql-js and Apollo raise about the operation itself: safe, and what a client needs to fix it. */
const OPERATION_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

const SAFE_EXTENSION_KEYS = [
  'code',
  'field',
  'allowed',
  'currentVersion',
  'currentUpdatedAt',
  'currentStatus',
  'serviceName',
  'unavailableService',
  'retryAfter',
  'retryable',
  'outcome',
  'erased',
  // The state a CONFLICT found (a directory entry's, its agency's, a report's), so a client knows what to do.
  'active',
  'agencyActive',
  'status',
  'latestVersionId',
  // The line a second createProgressReport for the same scope is told to update instead.
  'lineageId',
];

/** Codes whose errors reach the client as they are: raised on purpose, or about the operation itself. */
export function isExposedErrorCode(code: unknown): boolean {
  return isClientErrorCode(code) || (typeof code === 'string' && OPERATION_ERROR_CODES.has(code));
}

/**
 * Clients see a message and an `extensions.code`, never a stack trace, SQL, a value from the database or one
 * of their own values quoted back (`withoutEchoedValues`):
 * errors we raised on purpose pass with a whitelisted set of extensions; everything else is replaced by a
 * generic message (and logged in full by `unexpectedErrorLogging`, which knows the request it came from).
 */
export function maskError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  if (isExposedErrorCode(formatted.extensions?.code)) {
    const extensions: Record<string, unknown> = {};
    for (const key of SAFE_EXTENSION_KEYS) {
      if (formatted.extensions && key in formatted.extensions) extensions[key] = formatted.extensions[key];
    }
    const message = withoutEchoedValues(formatted.extensions?.code, formatted.message);
    return { message, locations: formatted.locations, path: formatted.path, extensions };
  }
  return {
    message: 'Something went wrong on our side; the error has been logged.',
    path: formatted.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}

/**
 * Logs every error `maskError` will hide, with the request's id (the error formatter never sees the request),
 * without personal data (the logger censors it). `isClientFault` recognises errors a formatter turns into the
 * caller's fault (e.g. a malformed id PostgreSQL refused).
 */
export function unexpectedErrorLogging(
  logger: Logger,
  { isClientFault = () => false }: { isClientFault?: (error: unknown) => boolean } = {},
): ApolloServerPlugin<{ requestId?: string }> {
  const logUnexpected = (error: unknown, requestId: string | undefined, path?: ReadonlyArray<string | number>, where = 'resolving') => {
    const original = unwrapResolverError(error);
    logger.error(
      {
        requestId,
        err: original instanceof Error ? { name: original.name, message: original.message, stack: original.stack } : original,
        path,
      },
      `unexpected error while ${where} a request`,
    );
  };
  return {
    // The formatter's masked message says the error has been logged: so are these, which never reach
    // `didEncounterErrors`.
    async contextCreationDidFail({ error }) {
      if (!isExposedErrorCode((error as { extensions?: { code?: unknown } }).extensions?.code))
        logUnexpected(error, undefined, undefined, 'preparing');
    },
    async unexpectedErrorProcessingRequest({ requestContext, error }) {
      logUnexpected(error, requestContext.contextValue?.requestId, undefined, 'processing');
    },
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue, operation, document }) {
          for (const error of errors) {
            const code = error.extensions?.code;
            if (isExposedErrorCode(code)) continue;
            if (isClientFault(unwrapResolverError(error))) continue;
            logUnexpected(error, contextValue.requestId, error.path && fieldNamePath(operation, document, error.path));
          }
        },
      };
    },
  };
}
