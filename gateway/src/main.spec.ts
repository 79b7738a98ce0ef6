import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, testEnv } from '@kinga/shared/testing';

/** The built gateway (`npm test` builds first), started as `npm start` does, with GATEWAY_WORKERS. */
const MAIN = join(__dirname, '..', 'dist', 'main.js');

function start(env: Record<string, string>): { child: ChildProcess; output: () => string } {
  let output = '';
  // Without the runner's NODE_OPTIONS: a heap size set there is the operator's choice, which the gateway keeps.
  const { NODE_OPTIONS: _runnerOptions, ...inherited } = process.env;
  const child = spawn(process.execPath, [MAIN], { env: { ...inherited, ...testEnv('postgres://unused@127.0.0.1:1/none'), ...env } });
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  return { child, output: () => output };
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) =>
    child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code)),
  );

async function healthy(port: number): Promise<void> {
  for (let i = 0; i < 300; i += 1) {
    const ok = await fetch(`http://127.0.0.1:${port}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the gateway did not become healthy');
}

/** Starting a worker loads and composes the whole gateway: under a busy test run that takes many seconds. */
async function until(condition: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
}

/** The primary's children; none (ps exits 1) between a worker's death and its replacement. */
function workersOf(pid: number): number[] {
  try {
    return execFileSync('ps', ['--ppid', String(pid), '-o', 'pid='], { encoding: 'utf8' })
      .split('\n')
      .map(Number)
      .filter(Boolean);
  } catch (error) {
    if ((error as { status?: number }).status === 1) return [];
    throw error;
  }
}

describe('gateway main: GATEWAY_WORKERS', () => {
  it('refuses a value that is not a number of processes, naming the setting', async () => {
    const { child, output } = start({ GATEWAY_WORKERS: 'lots', PORT: String(await freePort()) });
    expect(await exited(child)).toBe(1);
    expect(output()).toContain('GATEWAY_WORKERS');
  });

  /**
   * Started on a port that was free a moment ago; another test running beside this one may have taken it since
   * (then /health answers from that server and no worker of ours listens), so until one of ours says it is
   * ready on it, a gateway that stopped is started again on another port.
   */
  async function startWorkers(): Promise<{ child: ChildProcess; output: () => string; port: number; ready: () => number }> {
    for (let attempt = 1; ; attempt += 1) {
      const port = await freePort();
      // Outside NODE_ENV=test, as people run it: Apollo would then register signal handlers of its own, and a
      // worker stopped by both waited for ever on Apollo's second stop().
      const started = start({ GATEWAY_WORKERS: '2', PORT: String(port), LOG_LEVEL: 'info', NODE_ENV: 'development' });
      const ready = () => started.output().split('"msg":"gateway ready"').length - 1;
      await until(() => ready() >= 1 || started.child.exitCode !== null);
      if (ready() >= 1) return { ...started, port, ready };
      started.child.kill('SIGKILL');
      if (attempt === 3) throw new Error(`the gateway did not start: ${started.output().slice(-500)}`);
    }
  }

  it('serves from that many worker processes, replaces one that dies, and stops them all on SIGTERM', async () => {
    const { child, port, ready } = await startWorkers();
    try {
      await healthy(port);
      // The first worker to listen answers /health. Both must be serving before one is killed: a worker that
      // dies before it ever listened stops the whole gateway, by design.
      await until(() => ready() >= 2);
      expect(ready()).toBe(2);
      const workers = workersOf(child.pid as number);
      expect(workers).toHaveLength(2);
      for (const pid of workers) expect(readFileSync(`/proc/${pid}/cmdline`, 'utf8')).toContain('--max-old-space-size=192');

      process.kill(workers[0], 'SIGKILL');
      await until(() => workersOf(child.pid as number).filter((pid) => pid !== workers[0]).length >= 2 && ready() >= 3);
      expect(workersOf(child.pid as number).filter((pid) => pid !== workers[0])).toHaveLength(2);
      await healthy(port);
    } finally {
      child.kill('SIGTERM');
    }
    // Before, each worker waited for ever on a second stop() of Apollo's, and this never came.
    expect(await exited(child)).toBe(0);
  }, 90_000);
});
