import type { GraphQLFormattedError } from 'graphql';
import { createErrorMasker, type Logger } from '@kinga/shared';
import { SUBGRAPH_UNAVAILABLE } from './kinga-data-source';

/**
 * The shared masker, plus the one error only the gateway raises on purpose: a subgraph that is down or
 * slow, named by `serviceName` so a client knows which part of the answer is missing.
 */
export function createGatewayErrorFormatter(logger: Logger) {
  const mask = createErrorMasker(logger);
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const extensions = formatted.extensions;
    if (extensions?.code === SUBGRAPH_UNAVAILABLE && typeof extensions.serviceName === 'string') {
      logger.warn({ serviceName: extensions.serviceName, path: formatted.path }, 'subgraph unavailable');
      return {
        message: formatted.message,
        path: formatted.path,
        extensions: { code: SUBGRAPH_UNAVAILABLE, serviceName: extensions.serviceName },
      };
    }
    // The armor masks graphql-js's "Did you mean …?" suggestions; drop the "?" it leaves behind.
    return mask({ ...formatted, message: formatted.message.replace(/\.\s+\?$/, '.') }, error);
  };
}
