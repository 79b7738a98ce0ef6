import { GATEWAY_SECRET_HEADER } from '../server/http';
import { TEST_SUBGRAPH_SECRET } from './test-env';

export interface RawGraphqlResponse<T = Record<string, unknown>> {
  status: number;
  body: { data?: T | null; errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }> };
}

/**
 * Posts an operation and returns status and body as they are, errors included, which is what permission
 * tests need to see (graphql-request throws on errors; use it for the happy paths).
 */
export async function postGraphql<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  options: { token?: string; gatewaySecret?: string | null; headers?: Record<string, string> } = {},
): Promise<RawGraphqlResponse<T>> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.gatewaySecret !== null) headers[GATEWAY_SECRET_HEADER] = options.gatewaySecret ?? TEST_SUBGRAPH_SECRET;
  const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  const text = await response.text();
  let body: RawGraphqlResponse<T>['body'];
  try {
    body = JSON.parse(text) as RawGraphqlResponse<T>['body'];
  } catch {
    body = { errors: [{ message: text }] };
  }
  return { status: response.status, body };
}
