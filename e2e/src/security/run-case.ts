import { GATEWAY_SECRET_HEADER } from '@kinga/shared';
import { TEST_JWT_SECRET, TEST_SUBGRAPH_SECRET } from '@kinga/shared/testing';
import { TOKENS } from './cases/tokens';
import type { HostileRequest, SecurityCase, Target } from './cases/types';

export interface Targets {
  urls: Partial<Record<Target, string>>;
}

/** The code of an error that carries none: never what a case expects, so such an error never passes as none. */
export const NO_CODE = 'NO_CODE';

export interface CaseOutcome {
  status: number;
  /** `extensions.code` of the first error (NO_CODE when it has none); null only when there is no error at all. */
  code: string | null;
  /** Every error's code, in order (NO_CODE for one without). */
  codes: string[];
  message: string | null;
  /** The answer's `data`, `undefined` when it has none or is not JSON. */
  data: unknown;
  text: string;
  elapsedMs: number;
}

function bodyOf(request: HostileRequest): string | undefined {
  if (request.method === 'GET') return undefined;
  if (request.rawBody !== undefined) return request.rawBody;
  return JSON.stringify({ query: request.query, variables: request.variables ?? {} });
}

export async function send(targets: Targets, request: HostileRequest): Promise<CaseOutcome> {
  const target = request.target ?? 'gateway';
  let url = targets.urls[target];
  if (!url) throw new Error(`no ${target} in this system`);
  const headers: Record<string, string> = { ...request.headers };
  if (request.contentType !== null) headers['content-type'] = request.contentType ?? 'application/json';
  if (request.token) headers.authorization = `Bearer ${TOKENS[request.token]()}`;
  if (target !== 'gateway' && target !== 'production-gateway') {
    const secret = request.gatewaySecret === undefined || request.gatewaySecret === 'valid' ? TEST_SUBGRAPH_SECRET : request.gatewaySecret;
    if (secret !== null) headers[GATEWAY_SECRET_HEADER] = secret;
  }
  if (request.method === 'GET') {
    const params = new URLSearchParams({ query: request.query ?? '' });
    if (request.variables) params.set('variables', JSON.stringify(request.variables));
    url = `${url}?${params.toString()}`;
  }
  const startedAt = performance.now();
  const response = await fetch(url, { method: request.method ?? 'POST', headers, body: bodyOf(request) });
  const text = await response.text();
  const elapsedMs = performance.now() - startedAt;
  let codes: string[];
  let message: string | null = null;
  let data: unknown;
  try {
    const parsed = JSON.parse(text) as { data?: unknown; errors?: Array<{ message?: string; extensions?: { code?: string } }> };
    codes = (parsed.errors ?? []).map((error) => error.extensions?.code ?? NO_CODE);
    message = parsed.errors?.[0]?.message ?? null;
    data = parsed.data;
  } catch {
    codes = ['NOT_JSON'];
  }
  return { status: response.status, code: codes[0] ?? null, codes, message, data, text, elapsedMs };
}

/** What must never leave Kinga, whatever was asked: traces, SQL, paths, secrets, addresses of the subgraphs. */
const LEAKS: Array<[string, RegExp]> = [
  ['a stack frame', /\bat [\w$.<>]+ \(?[^)\s]*:\d+:\d+\)?/],
  ['a stack trace field', /"(stack|stacktrace|exception)"\s*:/i],
  ['a source path', /node_modules|\/work\/|\/home\/|[\w-]+\.(ts|js):\d+/],
  [
    'SQL text or a driver error',
    /QueryFailedError|syntax error at or near|relation "|duplicate key value|violates (unique|foreign key|not-null)|SQLSTATE|\bpg_[a-z_]+\b|invalid input syntax/i,
  ],
  ['the JWT secret', new RegExp(TEST_JWT_SECRET)],
  ['the gateway secret', new RegExp(TEST_SUBGRAPH_SECRET)],
  ['a subgraph address', /127\.0\.0\.1:\d+|localhost:\d+|ECONNREFUSED/],
  // The demo children carry markers no real record has: surnames ending in "-Test", birth certificates "DEMO-BC-…".
  ["a child's personal data", /\b[A-Z][a-z]+-Test\b|DEMO-BC-\d{6}/],
];

/** The response with the case's own hostile input removed (an echoed name is data, not a leak). */
function withoutEcho(text: string, request: HostileRequest): string {
  const echoes = new Set<string>();
  const collect = (value: unknown) => {
    if (typeof value === 'string' && value.length > 3) {
      echoes.add(value);
      echoes.add(JSON.stringify(value).slice(1, -1));
    } else if (value && typeof value === 'object') Object.values(value).forEach(collect);
  };
  collect(request.variables);
  let cleaned = text;
  for (const echo of [...echoes].sort((a, b) => b.length - a.length)) cleaned = cleaned.split(echo).join('');
  return cleaned;
}

export function leaksIn(outcome: Pick<CaseOutcome, 'text'>, request: HostileRequest): string[] {
  const text = withoutEcho(outcome.text, request);
  return LEAKS.filter(([, pattern]) => pattern.test(text)).map(([what]) => what);
}

export function describeCase(c: SecurityCase): string {
  return `${c.name} → ${c.expect.status} ${c.expect.code ?? 'no error'}`;
}
