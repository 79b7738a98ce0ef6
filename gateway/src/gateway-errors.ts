import type { GraphQLFormattedError } from 'graphql';
import { maskError } from '@kinga/shared';
import { SUBGRAPH_UNAVAILABLE } from './kinga-data-source';

/**
 * The shared masker, plus the one error only the gateway raises on purpose: a subgraph that is down or
 * slow, named by `serviceName` so a client knows which part of the answer is missing (logged as a warning
 * by `unexpectedErrorLogging`).
 */
export function createGatewayErrorFormatter() {
  return (formatted: GraphQLFormattedError): GraphQLFormattedError => {
    const extensions = formatted.extensions;
    if (extensions?.code === SUBGRAPH_UNAVAILABLE && typeof extensions.serviceName === 'string') {
      return {
        message: formatted.message,
        path: formatted.path,
        extensions: { code: SUBGRAPH_UNAVAILABLE, serviceName: extensions.serviceName },
      };
    }
    // The armor masks graphql-js's "Did you mean …?" suggestions; drop the "?" it leaves behind.
    return maskError({ ...formatted, message: formatted.message.replace(/\.\s+\?$/, '.') });
  };
}
