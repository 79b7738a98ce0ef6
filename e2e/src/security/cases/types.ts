import type { TokenName } from './tokens';

/** Where a hostile request is sent. */
export type Target =
  /** The gateway, as every client reaches Kinga. */
  | 'gateway'
  /** The same gateway configured as in production (NODE_ENV=production: introspection and landing page off). */
  | 'production-gateway'
  /** A subgraph directly, bypassing the gateway (with or without its secret). */
  | 'directory'
  | 'cases'
  | 'referrals'
  | 'programmes';

export interface HostileRequest {
  target?: Target;
  method?: 'POST' | 'GET' | 'PUT' | 'PATCH' | 'DELETE';
  /** `null`: no content-type header at all. Default `application/json`. */
  contentType?: string | null;
  /** The operation; sent as `{ query, variables }` unless `rawBody` is given. */
  query?: string;
  variables?: Record<string, unknown>;
  /** Sent as is instead of `{ query, variables }`: malformed JSON, arrays, huge bodies. */
  rawBody?: string;
  /** A named token from `tokens.ts`; none when omitted. */
  token?: TokenName;
  /** For subgraph targets: `valid` (default) sends the real gateway secret, a string sends that, `null` none. */
  gatewaySecret?: 'valid' | string | null;
  headers?: Record<string, string>;
}

export interface Expected {
  status: number;
  /** `extensions.code` of the first error; `null` when the answer must carry no error. */
  code: string | null;
  /** Optional: the first error's message must match. */
  message?: RegExp;
  /**
   * Optional: the answer's `data`, exactly. Without it a hostile string that worked (a tautology that matched
   * every row, a code that found a county) would pass as a plain 200 with no error.
   */
  data?: unknown;
  /** Optional: the answer must come within this many milliseconds (an injected `pg_sleep` must not run). */
  withinMs?: number;
}

export interface SecurityCase {
  category: string;
  name: string;
  request: HostileRequest;
  expect: Expected;
}
