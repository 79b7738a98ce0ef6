import { unwrapResolverError } from '@apollo/server/errors';
import type { RequestHandler } from 'express';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { isStatementTimeout, isTransientConflict, postgresErrorCode } from '../database/postgres-errors';
import { graphqlParamsOf, sendError } from './http';

function containsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 64 || value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some((item) => containsNul(item, depth + 1));
  return Object.entries(value).some(([key, item]) => key.includes('\u0000') || containsNul(item, depth + 1));
}

/**
 * PostgreSQL cannot store a NUL character in text: one in any argument would reach the driver and come back
 * as an internal error. It is never legitimate in Kinga's data, so it is refused up front as the caller's
 * mistake, whether it arrives in the variables or escaped (`\u0000`) in the operation's text.
 */
export function refuseNulCharacters(): RequestHandler {
  return (req, res, next) => {
    const { query, variables } = graphqlParamsOf(req);
    const inQuery = typeof query === 'string' && (query.includes('\u0000') || /\\u0000|\\u\{0+\}/i.test(query));
    if (!inQuery && !containsNul(variables)) return next();
    sendError(res, 400, 'BAD_USER_INPUT', 'Text arguments must not contain NUL (\\u0000) characters');
  };
}

/** PostgreSQL's "this text is not a value of that type" family: a uuid, a number, a date that is not one. */
const MALFORMED_VALUE_CODES = new Set([
  '22P02', // invalid_text_representation, e.g. an id that is not a UUID
  '22003', // numeric_value_out_of_range
  '22007', // invalid_datetime_format
  '22008', // datetime_field_overflow
  '22001', // string_data_right_truncation
]);

/**
 * graphql-js refusing an argument while it runs the operation: validation let it through because a variable in
 * it has a default, yet the client sent null for it (`$sex: Sex = FEMALE` where `Sex!` is needed, `"sex": null`).
 * The caller's mistake, not ours. One of the messages prints the whole argument as typed (a child's name and a
 * caregiver's phone with it), so it is answered and logged by this fixed text instead.
 */
const ARGUMENT_REFUSED_WHILE_RUNNING =
  /^Argument "(\w+)" (?:has invalid value |of required type "[^"]*" was provided the variable "\$\w+" which was not provided a runtime value\.$|of non-null type "[^"]*" must not be null\.$)/;

/** The message to answer an argument refused while the operation ran (see above), or null for any other error. */
export function argumentRefusedWhileRunning(error: unknown): string | null {
  // As raised by graphql-js itself (execution wraps it with the field's path), not a resolver's error.
  const raised = unwrapResolverError(error);
  if (!(raised instanceof GraphQLError) || raised.originalError) return null;
  const argument = ARGUMENT_REFUSED_WHILE_RUNNING.exec(raised.message)?.[1];
  return argument ? `Argument "${argument}" has an invalid value: a variable in it is null or missing where a value is required` : null;
}

/** PostgreSQL refused a value the caller sent (a malformed id, code or date): the caller's fault. */
export function isMalformedValue(error: unknown): boolean {
  const code = postgresErrorCode(unwrapResolverError(error));
  return code !== undefined && code !== null && MALFORMED_VALUE_CODES.has(code);
}

/** Errors `knownFaultsAsClientErrors` answers as the caller's mistake, which are therefore not logged as ours. */
export function isCallersMalformedInput(error: unknown): boolean {
  return isMalformedValue(error) || argumentRefusedWhileRunning(error) !== null;
}

/** Database faults that undid the whole transaction, so that sending the request again is safe. */
const ROLLED_BACK = [
  {
    applies: isTransientConflict,
    code: 'CONFLICT',
    what: 'This change met another made at the same moment, and what it was saving was undone',
  },
  {
    applies: isStatementTimeout,
    code: 'TOO_SLOW',
    what: 'The database took too long over this request and stopped it, undoing what it was saving',
  },
] as const;

/**
 * A safety net under every service's own validation: an argument that PostgreSQL refuses as malformed
 * (an id that is not a UUID, say), or that graphql-js refuses while running the operation, is the caller's
 * mistake, so it is answered BAD_USER_INPUT with the path of the field, not masked as an internal error.
 * Neither the value nor PostgreSQL's text is returned. A transaction PostgreSQL rolled back for a concurrent one
 * (deadlock, serialization failure) is answered CONFLICT, retryable; one it stopped for running too long (a
 * lock waited on past the statement timeout, say) TOO_SLOW, retryable.
 */
export function knownFaultsAsClientErrors(
  next: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError,
): (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError {
  return (formatted, error) => {
    if (isMalformedValue(error)) {
      return {
        message: 'An argument is not in the expected format (an id, a code or a date); check what was sent',
        path: formatted.path,
        extensions: { code: 'BAD_USER_INPUT' },
      };
    }
    // Not the caller's fault, but theirs to act on: the whole transaction was rolled back, so nothing is half-made.
    // (Still logged: a deadlock is ours to look into.)
    const original = unwrapResolverError(error);
    const rolledBack = ROLLED_BACK.find((fault) => fault.applies(original));
    if (rolledBack) {
      return {
        message: `${rolledBack.what}; send it again (a change made in steps, such as an erasure, carries on from where it stopped)`,
        path: formatted.path,
        extensions: { code: rolledBack.code, retryable: true },
      };
    }
    const refusedArgument = argumentRefusedWhileRunning(error);
    if (refusedArgument) return { message: refusedArgument, path: formatted.path, extensions: { code: 'BAD_USER_INPUT' } };
    return next(formatted, error);
  };
}
