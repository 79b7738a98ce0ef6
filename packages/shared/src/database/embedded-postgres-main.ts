import { startEmbeddedPostgres } from './embedded-postgres';

/**
 * Runs an embedded PostgreSQL in a process of its own (tests start one per suite, as PGlite cannot load
 * inside jest's module sandbox) and prints `{"url": ...}` on one line once it accepts connections.
 * Usage: node embedded-postgres-main.js <port> [dataDir]
 */
async function main(): Promise<void> {
  const port = Number(process.argv[2]);
  const dataDir = process.argv[3] || undefined;
  const embedded = await startEmbeddedPostgres({ port, dataDir, maxConnections: 64 });
  process.stdout.write(`${JSON.stringify({ url: embedded.url })}\n`);
  const stop = () => {
    embedded.stop().finally(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  // Ends with the parent: a test run that dies must not leave a database process behind.
  process.stdin.on('end', stop);
  process.stdin.resume();
}

main().catch((error: Error) => {
  process.stderr.write(`embedded PostgreSQL failed to start: ${error.message}\n`);
  process.exit(1);
});
