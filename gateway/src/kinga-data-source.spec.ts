import { GATEWAY_ONLY_MESSAGE } from '@kinga/shared';
import { KingaDataSource } from './kinga-data-source';
import type { SubgraphResponse } from './subgraph-fetcher';

/** A subgraph's answer with one error, as the data source reads it. */
const answer = (status: number, error: { message: string; extensions: Record<string, unknown> }): SubgraphResponse => ({
  ok: false,
  status,
  statusText: '',
  url: 'http://127.0.0.1:4001/graphql',
  headers: { get: () => null },
  json: async () => ({ errors: [error] }),
  text: async () => JSON.stringify({ errors: [error] }),
});

describe('KingaDataSource.errorFromResponse', () => {
  const source = new KingaDataSource('directory', 'http://127.0.0.1:4001/graphql', 's'.repeat(32), 1_000);

  it.each([
    ['its own limit on the operation', 400, 'GRAPHQL_VALIDATION_FAILED', 'Query Cost limit of 50000 exceeded'],
    ['a refusal of the caller', 403, 'FORBIDDEN', 'You may not do this'],
    ['bad input', 400, 'BAD_USER_INPUT', '`_entities` takes at most 10000 representations per call'],
  ])('passes on %s with its code and the service’s name: retrying would not help', async (_what, status, code, message) => {
    const error = await source.errorFromResponse(answer(status, { message, extensions: { code } }));
    expect({ message: error.message, extensions: error.extensions }).toEqual({ message, extensions: { code, serviceName: 'directory' } });
  });

  it('reports a subgraph that fails, or refuses the gateway’s secret, as unavailable: the caller did nothing wrong', async () => {
    const failed = await source.errorFromResponse(answer(500, { message: 'boom', extensions: { code: 'INTERNAL_SERVER_ERROR' } }));
    expect(failed.extensions).toEqual({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'directory' });
    const secret = await source.errorFromResponse(answer(401, { message: GATEWAY_ONLY_MESSAGE, extensions: { code: 'UNAUTHENTICATED' } }));
    expect(secret.extensions).toEqual({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'directory' });
  });
});
