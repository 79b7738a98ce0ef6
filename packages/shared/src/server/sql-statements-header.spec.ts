import express from 'express';
import type { AddressInfo } from 'node:net';
import { locals, requestScope } from './http';
import { SQL_STATEMENTS_HEADER, sqlStatementsHeader } from './sql-statements-header';

async function serve(app: express.Express, run: (url: string) => Promise<void>) {
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    await run(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

describe('sqlStatementsHeader', () => {
  it('reports the statements counted in the request scope up to the moment the headers are written', async () => {
    const app = express();
    app.use(requestScope(), sqlStatementsHeader());
    app.get('/', async (_req, res) => {
      const scope = locals(res).scope;
      if (scope) scope.sqlStatements += 2;
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (scope) scope.sqlStatements += 1;
      res.json({ ok: true });
    });
    await serve(app, async (url) => {
      const response = await fetch(url);
      expect(response.headers.get(SQL_STATEMENTS_HEADER)).toBe('3');
      const again = await fetch(url);
      expect(again.headers.get(SQL_STATEMENTS_HEADER)).toBe('3');
    });
  });

  it('sends no header outside a request scope', async () => {
    const app = express();
    app.use(sqlStatementsHeader());
    app.get('/', (_req, res) => res.json({ ok: true }));
    await serve(app, async (url) => {
      const response = await fetch(url);
      expect(response.headers.get(SQL_STATEMENTS_HEADER)).toBeNull();
    });
  });
});
