import type { GraphQLFormattedError } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import { auditUnavailable, maskError, rootWriteKeys } from '@kinga/shared';

/**
 * The shared masker: SUBGRAPH_UNAVAILABLE is a shared client code, so a subgraph that is down or slow is
 * named (`serviceName`, `unavailableService`), with `outcome` or `retryable` where they apply, as any subgraph's
 * own refusal is.
 */
export function createGatewayErrorFormatter() {
  // The armor masks graphql-js's "Did you mean …?" suggestions; drop the "?" it leaves behind.
  return (formatted: GraphQLFormattedError): GraphQLFormattedError =>
    maskError({ ...formatted, message: formatted.message.replace(/\.\s+\?$/, '.') });
}

/**
 * A mutation whose root field came back was made, even where another subgraph could not audit its part of the
 * answer and said "try again" (AUDIT_UNAVAILABLE, from a fetch that was itself a query): a retry would make the
 * change twice. Such errors are told what the subgraph that made the change would have said: saved.
 */
export function savedWritePlugin<Context extends object>(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, operation }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          if (!result.errors?.length) return;
          const writes = rootWriteKeys(operation);
          if (writes.length === 0) return;
          // Made: every write's field came back. Some made: only some did (the others refused or failed).
          const made = writes.filter((key) => result.data?.[key] != null).length;
          if (made === 0) return;
          const told = auditUnavailable(made === writes.length ? 'SAVED' : 'UNKNOWN');
          result.errors = result.errors.map((error) =>
            error.extensions?.code === 'AUDIT_UNAVAILABLE' && error.extensions.outcome === undefined
              ? { ...error, message: told.message, extensions: { ...error.extensions, outcome: told.extensions.outcome } }
              : error,
          );
        },
      };
    },
  };
}
