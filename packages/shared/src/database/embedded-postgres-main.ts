import { onFirstStopSignal } from '../server/stop-signals';
import { startEmbeddedPostgres } from './embedded-postgres';

/**
 * Runs an embedded PostgreSQL in a process of its own (tests start one per suite, as PGlite cannot load
 * inside jest's module sandbox) and prints `{"url": ...}` on one line once it accepts connections.
 * Usage: node embedded-postgres-main.js <port> [dataDir] [maxConnections]
 */
async function main(): Promise<void> {
  const port = Number(process.argv[2]);
  const dataDir = process.argv[3] || undefined;
  // Enough for every pool of a test or of `npm start` (which passes its own for a larger DB_POOL_SIZE).
  const maxConnections = Number(process.argv[4]) || 64;
  let embedded: Awaited<ReturnType<typeof startEmbeddedPostgres>> | null = null;
  let stopAsked = false;
  let stopping = false;
  const stop = () => {
    // Asked while the data folder is still being opened (or made): stopped once it is, never cut off mid-write.
    if (!embedded) {
      stopAsked = true;
      return;
    }
    if (stopping) return;
    stopping = true;
    embedded.stop().finally(() => process.exit(0));
  };
  // Its parent (`npm start`, a test) stops it with SIGTERM once what uses it has stopped, or by closing its
  // stdin. Ctrl-C reaches the whole terminal group at once and is left to the parent: stopping here too would
  // cut off the subgraphs still draining into it. Set before opening the folder: a signal during it must wait.
  onFirstStopSignal(stop, ['SIGTERM']);
  process.on('SIGINT', () => undefined);
  // Ends with the parent: a test run that dies must not leave a database process behind.
  process.stdin.on('end', stop);
  process.stdin.resume();
  embedded = await startEmbeddedPostgres({ port, dataDir, maxConnections });
  process.stdout.write(`${JSON.stringify({ url: embedded.url })}\n`);
  if (stopAsked) stop();
}

main().catch((error: Error) => {
  process.stderr.write(`embedded PostgreSQL failed to start: ${error.message}\n`);
  process.exit(1);
});
