import { ApolloServer, HeaderMap } from '@apollo/server';
import { AuditRecorder } from '../audit/audit-recorder';
import { Role } from '../auth/roles';
import { createLogger } from '../logging/logger';
import { auditAndLogPlugin } from './audit-plugin';
import type { SubgraphContext } from './subgraph-context';

/**
 * When the audit rows of an answer cannot be written, the answer is withheld; what the client is told about a
 * write depends on whether one committed (`RequestScope.committedWrite`), not on whether the answer came back.
 */
const typeDefs = `type Query { ok: Boolean } type Mutation { note: Boolean! other: Boolean refused: Boolean! }`;
// The write commits, then its answer fails (a non-null field that errors nulls the whole data).
const resolvers = {
  Mutation: {
    note: (_root: unknown, _args: unknown, ctx: SubgraphContext) => {
      ctx.requestScope.committedWrite = true;
      throw new Error('the answer failed after the commit');
    },
    other: () => null,
    // Refused before anything was written.
    refused: () => {
      throw new Error('refused before the transaction');
    },
  },
};

async function send(query: string) {
  const server = new ApolloServer<SubgraphContext>({
    typeDefs,
    resolvers,
    plugins: [auditAndLogPlugin('cases', createLogger('test', 'silent'))],
  });
  await server.start();
  try {
    const caller = { sub: 'officer', name: 'Officer', role: Role.DCS_OFFICER, counties: ['047'] };
    const audit = new AuditRecorder(caller, 'req-1');
    audit.read('Child', 'child-1', 'firstName');
    const context = {
      caller,
      audit,
      requestId: 'req-1',
      requestScope: { requestId: 'req-1', sqlStatements: 0 },
      db: { query: () => Promise.reject(new Error('audit store unavailable')) },
    } as unknown as SubgraphContext;
    const response = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: 'POST', headers: new HeaderMap([['content-type', 'application/json']]), search: '', body: { query } },
      context: async () => context,
    });
    const body = response.body.kind === 'complete' ? JSON.parse(response.body.string) : null;
    return { status: response.status, errors: body.errors as Array<{ message: string; extensions: Record<string, unknown> }> };
  } finally {
    await server.stop();
  }
}

describe('auditAndLogPlugin, when the answer cannot be audited', () => {
  it('says a committed write is saved, though its answer came back null', async () => {
    const { status, errors } = await send('mutation { note }');
    expect(status).toBe(503);
    expect(errors.map((e) => e.extensions)).toEqual([{ code: 'AUDIT_UNAVAILABLE', outcome: 'SAVED' }]);
    expect(errors[0].message).toMatch(/^The change was saved/);
  });

  it('says some changes were saved when the request held several writes', async () => {
    const { errors } = await send('mutation { __typename note other }');
    expect(errors.map((e) => e.extensions)).toEqual([{ code: 'AUDIT_UNAVAILABLE', outcome: 'UNKNOWN' }]);
  });

  it('says try again when nothing was committed', async () => {
    const { errors } = await send('mutation { refused }');
    expect(errors.map((e) => e.extensions)).toEqual([{ code: 'AUDIT_UNAVAILABLE' }]);
    expect(errors[0].message).toMatch(/Try again shortly/);
  });
});
