import type { GraphQLFormattedError } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import { auditUnavailable, ClientErrorCode, maskError, rootWriteKeys } from '@kinga/shared';
import { AFTER_WRITE } from './kinga-data-source';

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

/** What a client is told of a part of a mutation's answer missing after the write was made. */
function savedButMissing(code: unknown, serviceName: unknown, outcome: 'SAVED' | 'UNKNOWN'): string | null {
  if (code === 'AUDIT_UNAVAILABLE') return auditUnavailable(outcome).message;
  if (code !== ClientErrorCode.SUBGRAPH_UNAVAILABLE) return null;
  const service = typeof serviceName === 'string' ? `the ${serviceName} service` : 'a service';
  return outcome === 'SAVED'
    ? `The change was saved, but ${service} could not answer for part of what it shows, so that part is missing. Read the record again; do not send the change again.`
    : `Some of these changes were saved, but ${service} could not answer for part of the answer. Read the records before sending any change again.`;
}

/**
 * A mutation's write was made when a fetch for its answer came after it (`AFTER_WRITE`), even where that fetch
 * failed or could not audit its part and said "try again" (SUBGRAPH_UNAVAILABLE, AUDIT_UNAVAILABLE): a retry
 * would make the change twice, and a non-null field that part left out can null the whole answer. Such errors
 * say so instead: saved (one write), or some saved (several).
 */
export function savedWritePlugin<Context extends object>(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      // Read off the errors before they are formatted (the mark is not a client's to see), by position.
      let afterWrite: boolean[] = [];
      return {
        async didEncounterErrors({ errors }) {
          afterWrite = errors.map((error) => error.extensions?.[AFTER_WRITE] === true);
        },
        async willSendResponse({ response, operation }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          if (!result.errors?.length || !afterWrite.includes(true) || result.errors.length !== afterWrite.length) return;
          const writes = rootWriteKeys(operation);
          if (writes.length === 0) return;
          const outcome = writes.length === 1 ? 'SAVED' : 'UNKNOWN';
          result.errors = result.errors.map((error, i) => {
            const message =
              afterWrite[i] && error.extensions?.outcome === undefined
                ? savedButMissing(error.extensions?.code, error.extensions?.serviceName, outcome)
                : null;
            return message ? { ...error, message, extensions: { ...error.extensions, outcome } } : error;
          });
        },
      };
    },
  };
}
