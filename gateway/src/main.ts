// First: it must run before @apollo/gateway is loaded (see the module).
import './federation-internals-exports';
import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';
import { createLogger, exitAfterStopOnSignal, onFirstStopSignal } from '@kinga/shared';
import { startGateway } from './start-gateway';

const logger = createLogger('gateway');

/**
 * `GATEWAY_WORKERS`: how many gateway processes share the port (Node cluster), default one per core. Query
 * planning and response merging are CPU work in one thread; the subgraphs wait on PostgreSQL, the gateway
 * does not, so it is the process that needs every core (bench/, BENCHMARKS.md).
 */
function gatewayWorkers(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return availableParallelism();
  const workers = Number(value);
  if (!Number.isInteger(workers) || workers < 1 || workers > 64) {
    console.error(`GATEWAY_WORKERS: must be a whole number from 1 to 64 (processes sharing the port), not "${value}"`);
    process.exit(1);
  }
  return workers;
}

function runGateway(): void {
  startGateway(process.env, logger)
    .then((running) => exitAfterStopOnSignal(() => running.stop()))
    .catch((error: Error) => {
      if (error.name === 'ConfigError' || error.name === 'CompositionError') console.error(error.message);
      else logger.fatal({ err: { name: error.name, message: error.message, stack: error.stack } }, 'gateway failed to start');
      process.exit(1);
    });
}

const HEAP_FLAG = '--max-old-space-size';
/**
 * Old-space limit of each worker, unless the operator sets one (in NODE_OPTIONS or on the command line).
 * Left alone, V8 let a worker grow to 350 MB resident under 16 concurrent B2 and B4 requests although what it
 * keeps alive is far smaller; at 192 MB the same load peaked at 193 MB with the same throughput (BENCHMARKS.md).
 */
const WORKER_HEAP_MB = 192;

/**
 * The primary only forks and supervises. A worker that dies after it was serving is replaced; one that fails
 * before it ever listened (bad configuration, port taken) stops the whole gateway with its exit code, since
 * its replacement would fail the same way.
 */
function runPrimary(workers: number): void {
  let stopping = false;
  const listening = new Set<number>();
  const stop = (signal: NodeJS.Signals) => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
  };
  // Forwarded once: a worker drains on the first signal and ignores the rest.
  onFirstStopSignal(stop);
  const operatorChoseHeap = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)].some((arg) =>
    arg.startsWith(HEAP_FLAG),
  );
  cluster.setupPrimary({ execArgv: operatorChoseHeap ? process.execArgv : [...process.execArgv, `${HEAP_FLAG}=${WORKER_HEAP_MB}`] });
  cluster.on('listening', (worker) => listening.add(worker.id));
  cluster.on('exit', (worker, code, signal) => {
    const wasServing = listening.delete(worker.id);
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    if (!wasServing) {
      stop('SIGTERM');
      process.exit(code || 1);
    }
    logger.error({ worker: worker.process.pid, code, signal }, 'gateway worker stopped; starting another');
    cluster.fork({ RATE_LIMIT_SHARES: String(workers) });
  });
  for (let i = 0; i < workers; i += 1) cluster.fork({ RATE_LIMIT_SHARES: String(workers) });
  logger.info({ workers }, 'gateway primary started its workers');
}

const workers = gatewayWorkers(process.env.GATEWAY_WORKERS);
if (workers > 1 && cluster.isPrimary) runPrimary(workers);
else runGateway();
