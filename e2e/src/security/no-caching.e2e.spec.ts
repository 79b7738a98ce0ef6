import { GATEWAY_SECRET_HEADER } from '@kinga/shared';
import { TEST_SUBGRAPH_SECRET } from '@kinga/shared/testing';
import { startSystem, type KingaSystem } from '../harness/start-system';

const QUERY = JSON.stringify({ query: '{ counties { code name } }' });

describe('answers are never cacheable, errors and refusals included', () => {
  let system: KingaSystem;

  beforeAll(async () => {
    system = await startSystem({ subgraphs: ['directory'] });
  });
  afterAll(() => system?.stop());

  async function headersOf(url: string, extra: Record<string, string> = {}): Promise<Headers> {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...extra }, body: QUERY });
    expect(response.status).toBe(200);
    await response.text();
    return response.headers;
  }

  it('the gateway says no-store and sends no ETag', async () => {
    const headers = await headersOf(system.gatewayUrl);
    expect(headers.get('cache-control')).toBe('no-store');
    expect(headers.get('etag')).toBeNull();
  });

  it('a refusal before GraphQL (a malformed body) says no-store too', async () => {
    const response = await fetch(system.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' });
    expect(response.status).toBe(400);
    await response.text();
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('etag')).toBeNull();
  });

  it('a subgraph says no-store and sends no ETag', async () => {
    const headers = await headersOf(system.subgraphs.directory?.url ?? '', { [GATEWAY_SECRET_HEADER]: TEST_SUBGRAPH_SECRET });
    expect(headers.get('cache-control')).toBe('no-store');
    expect(headers.get('etag')).toBeNull();
  });
});
