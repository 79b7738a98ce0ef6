import { mkdirSync } from 'node:fs';
import { lockDataDir } from './data-dir-lock';
import { keepProtocolCyclesWhole } from './pglite-protocol-turns';

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Where the data lives; omit for an in-memory database (tests). */
  dataDir?: string;
  port: number;
  host?: string;
  /** PGlite runs one session at a time; the socket server queues the rest. Cover every pool. */
  maxConnections: number;
}

/**
 * PostgreSQL compiled to WebAssembly (PGlite), served over the wire protocol so the services reach it
 * through the same `pg` driver as a real server: one code path.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  let release = () => undefined as void;
  if (options.dataDir) {
    mkdirSync(options.dataDir, { recursive: true });
    release = lockDataDir(options.dataDir);
  }
  try {
    const db = await PGlite.create(options.dataDir ?? 'memory://');
    const host = options.host ?? '127.0.0.1';
    const server = new PGLiteSocketServer({ db, port: options.port, host, maxConnections: options.maxConnections });
    keepProtocolCyclesWhole((server as unknown as { queryQueue: unknown }).queryQueue);
    await server.start();
    return {
      url: `postgres://postgres@${host}:${options.port}/postgres`,
      async stop() {
        try {
          await server.stop();
          await db.close();
        } finally {
          release();
        }
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}
