import { ApolloServer, HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { Writable } from 'node:stream';
import { createLogger } from '../logging/logger';
import { tooSlow } from './errors';
import { maskError, unexpectedErrorLogging } from './format-error';

function capturingLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { logger: createLogger('test', 'info', destination), lines };
}

const typeDefs = `type Query { broken: String fine: String refused: String unavailable: String slow: String }`;
const resolvers = {
  Query: {
    broken: () => {
      throw new Error('relation "cases.secret" does not exist');
    },
    fine: () => 'yes',
    refused: () => {
      throw new GraphQLError('You may not see this', { extensions: { code: 'FORBIDDEN' } });
    },
    unavailable: () => {
      throw new GraphQLError('Too many requests in flight', { extensions: { code: 'OVERLOADED' } });
    },
    slow: () => {
      throw tooSlow('Saving took too long; send it again');
    },
  },
};

async function post(server: ApolloServer<{ requestId: string }>, query: string, context: () => Promise<{ requestId: string }>) {
  const headers = new HeaderMap([['content-type', 'application/json']]);
  const response = await server.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: 'POST', headers, search: '', body: { query } },
    context,
  });
  return response.body.kind === 'complete' ? JSON.parse(response.body.string) : null;
}

async function startServer() {
  const { logger, lines } = capturingLogger();
  const server = new ApolloServer<{ requestId: string }>({
    typeDefs,
    resolvers,
    formatError: maskError,
    plugins: [unexpectedErrorLogging(logger)],
  });
  await server.start();
  return { server, lines };
}

describe('unexpectedErrorLogging with maskError', () => {
  it('logs a code of one server’s own, which the shared formatter does not expose', async () => {
    const undeclared = await startServer();
    try {
      await post(undeclared.server, '{ unavailable }', async () => ({ requestId: 'req-undeclared' }));
      expect(undeclared.lines.filter((line) => line.level === 50)).toEqual([expect.objectContaining({ requestId: 'req-undeclared' })]);
    } finally {
      await undeclared.server.stop();
    }
  });

  it('logs what the client only sees masked, with the request id, and leaves refusals it meant alone', async () => {
    const { server, lines } = await startServer();
    try {
      const body = await post(server, '{ broken fine refused }', async () => ({ requestId: 'req-12345678' }));
      expect(body.data).toEqual({ broken: null, fine: 'yes', refused: null });
      expect(body.errors.map((e: { extensions: { code: string } }) => e.extensions.code).sort()).toEqual([
        'FORBIDDEN',
        'INTERNAL_SERVER_ERROR',
      ]);
      expect(JSON.stringify(body)).not.toContain('cases.secret');
      const logged = lines.filter((line) => line.level === 50);
      expect(logged).toHaveLength(1);
      expect(logged[0]).toMatchObject({ requestId: 'req-12345678', path: ['broken'], msg: 'unexpected error while resolving a request' });
      expect(JSON.stringify(logged[0])).toContain('cases.secret');
    } finally {
      await server.stop();
    }
  });

  it('logs the path by field names, never the aliases a caller typed', async () => {
    const { server, lines } = await startServer();
    try {
      await post(server, '{ Wanjiru_Kamau_2014: broken }', async () => ({ requestId: 'req-alias' }));
      const logged = lines.filter((line) => line.level === 50);
      expect(logged).toEqual([expect.objectContaining({ requestId: 'req-alias', path: ['broken'] })]);
      expect(JSON.stringify(lines)).not.toContain('Wanjiru');
    } finally {
      await server.stop();
    }
  });

  it('logs a failure to prepare the request, which never reaches the resolvers', async () => {
    const { server, lines } = await startServer();
    try {
      const body = await post(server, '{ fine }', async () => {
        throw new Error('loaders could not be built');
      });
      expect(body.errors[0].extensions.code).toBe('INTERNAL_SERVER_ERROR');
      expect(lines.filter((line) => line.level === 50).map((line) => line.msg)).toEqual(['unexpected error while preparing a request']);
    } finally {
      await server.stop();
    }
  });
});

describe('maskError', () => {
  it('passes a retryable refusal on with its code and flag, so a client knows to send it again', async () => {
    const { server } = await startServer();
    const body = await post(server, '{ slow }', async () => ({ requestId: 'r-slow' }));
    expect(body.errors[0]).toMatchObject({
      message: 'Saving took too long; send it again',
      extensions: { code: 'TOO_SLOW', retryable: true },
    });
    await server.stop();
  });

  it('passes on the state a CONFLICT found, and nothing it did not name', () => {
    const masked = maskError({
      message: 'A newer version of this report exists: revise that one',
      extensions: { code: 'CONFLICT', latestVersionId: 'r-2', status: 'SUBMITTED', active: false, agencyActive: false, childName: 'x' },
    });
    expect(masked.extensions).toEqual({
      code: 'CONFLICT',
      latestVersionId: 'r-2',
      status: 'SUBMITTED',
      active: false,
      agencyActive: false,
    });
  });
});
