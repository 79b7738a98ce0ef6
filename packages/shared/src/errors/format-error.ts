import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
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

const SAFE_EXTENSION_KEYS = ['code', 'field', 'allowed', 'currentVersion', 'serviceName', 'retryAfter'];

/**
 * Clients see a message and an `extensions.code`, never a stack trace, SQL or a value from the database:
 * errors we raised on purpose pass with a whitelisted set of extensions; everything else is logged in full
 * (without personal data: the logger redacts it) and replaced by a generic message.
 */
export function createErrorMasker(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (isClientErrorCode(code) || (typeof code === 'string' && OPERATION_ERROR_CODES.has(code))) {
      const extensions: Record<string, unknown> = {};
      for (const key of SAFE_EXTENSION_KEYS) {
        if (formatted.extensions && key in formatted.extensions) extensions[key] = formatted.extensions[key];
      }
      return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions };
    }
    const original = unwrapResolverError(error);
    logger.error(
      {
        err: original instanceof Error ? { name: original.name, message: original.message, stack: original.stack } : original,
        path: formatted.path,
      },
      'unexpected error while resolving a request',
    );
    return {
      message: 'Something went wrong on our side; the error has been logged.',
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}
