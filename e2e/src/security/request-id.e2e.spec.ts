import { GATEWAY_SECRET_HEADER, REQUEST_ID_HEADER } from '@kinga/shared';
import { TEST_SUBGRAPH_SECRET } from '@kinga/shared/testing';
import { startSystem, type KingaSystem } from '../harness/start-system';

/**
 * The request id names one operation in every log line and audit row, so a client cannot choose it: it could
 * be another request's. A subgraph's own check through the gateway (which shows the gateway secret) keeps the
 * id of the request it checks for.
 */
describe('request ids at the gateway', () => {
  let system: KingaSystem;

  beforeAll(async () => {
    system = await startSystem({ subgraphs: ['directory'] });
  });
  afterAll(() => system?.stop());

  async function idOf(headers: Record<string, string>): Promise<string | null> {
    const response = await fetch(system.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query: '{ counties { code } }' }),
    });
    expect(response.status).toBe(200);
    await response.text();
    return response.headers.get(REQUEST_ID_HEADER);
  }

  it('mints its own id for a client, whatever id the client sent', async () => {
    const chosen = 'chosen-by-a-client-0001';
    const id = await idOf({ [REQUEST_ID_HEADER]: chosen });
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(id).not.toBe(chosen);
  });

  it('keeps the id of a subgraph that shows the gateway secret, and not with a wrong one', async () => {
    const checked = 'referral-check-0001';
    expect(await idOf({ [REQUEST_ID_HEADER]: checked, [GATEWAY_SECRET_HEADER]: TEST_SUBGRAPH_SECRET })).toBe(checked);
    expect(await idOf({ [REQUEST_ID_HEADER]: checked, [GATEWAY_SECRET_HEADER]: 'not-the-secret-at-all' })).not.toBe(checked);
  });
});
