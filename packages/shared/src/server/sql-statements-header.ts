import type { RequestHandler } from 'express';
import { locals } from './http';

/** How many SQL statements the subgraph sent for the request (benchmarks: bench/run.mjs). */
export const SQL_STATEMENTS_HEADER = 'x-kinga-sql-statements';

/**
 * Adds `x-kinga-sql-statements` to every GraphQL response, counted in the request's scope. It is set when the
 * headers are written, after every Apollo hook has run, so the audit row written just before the response
 * is counted too. Only the gateway (which holds the subgraph secret) sees it: it does not pass subgraph
 * response headers on to clients.
 */
export function sqlStatementsHeader(): RequestHandler {
  return (_req, res, next) => {
    const scope = locals(res).scope;
    if (scope) {
      const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => typeof res;
      res.writeHead = ((...args: unknown[]) => {
        if (!res.headersSent) res.setHeader(SQL_STATEMENTS_HEADER, String(scope.sqlStatements));
        return writeHead(...args);
      }) as typeof res.writeHead;
    }
    next();
  };
}
