import type { GraphQLFormattedError } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import { auditUnavailable, maskError, rootWriteKeys } from '@kinga/shared';
import { SUBGRAPH_UNAVAILABLE } from './kinga-data-source';

/**
 * The codes only the gateway raises on purpose and shows as they are: a subgraph that is down or slow, named
 * by `serviceName` so a client knows which part of the answer is missing (and, for a write, `outcome: UNKNOWN`
 * when it may have been made, or `retryable` when a subgraph refused it before saving anything). The formatter shows them and
 * `unexpectedErrorLogging` leaves them to the data source that raised and logged them: one list for both.
 */
export const GATEWAY_EXPOSED_CODES: readonly string[] = [SUBGRAPH_UNAVAILABLE];

/** The shared masker, plus the gateway's own exposed codes. */
export function createGatewayErrorFormatter() {
  return (formatted: GraphQLFormattedError): GraphQLFormattedError => {
    const extensions = formatted.extensions;
    const code = extensions?.code;
    if (typeof code === 'string' && GATEWAY_EXPOSED_CODES.includes(code)) {
      const { serviceName, outcome, retryable, unavailableService } = extensions ?? {};
      return {
        message: formatted.message,
        path: formatted.path,
        extensions: {
          code,
          ...(typeof serviceName === 'string' ? { serviceName } : {}),
          ...(outcome === 'UNKNOWN' ? { outcome } : {}),
          // A subgraph's own refusal of a write whose check could not be made: nothing was saved.
          ...(typeof unavailableService === 'string' ? { unavailableService } : {}),
          ...(retryable === true ? { retryable } : {}),
        },
      };
    }
    // The armor masks graphql-js's "Did you mean …?" suggestions; drop the "?" it leaves behind.
    return maskError({ ...formatted, message: formatted.message.replace(/\.\s+\?$/, '.') });
  };
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
