import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { onFirstStopSignal, STOP_WITH_PARENT_SETTING } from './stop-signals';

describe('onFirstStopSignal', () => {
  const added: Array<[NodeJS.Signals, NodeJS.SignalsListener]> = [];
  afterEach(() => {
    for (const [signal, listener] of added.splice(0)) process.removeListener(signal, listener);
  });

  it('stops once, on whichever signal comes first, and keeps listening so that later ones do nothing', () => {
    const before = { SIGINT: process.listeners('SIGINT'), SIGTERM: process.listeners('SIGTERM') };
    const stops: NodeJS.Signals[] = [];
    onFirstStopSignal((signal) => stops.push(signal));
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      for (const listener of process.listeners(signal)) if (!before[signal].includes(listener)) added.push([signal, listener]);
    }
    expect(added).toHaveLength(2);
    process.emit('SIGTERM', 'SIGTERM');
    process.emit('SIGINT', 'SIGINT');
    process.emit('SIGTERM', 'SIGTERM');
    expect(stops).toEqual(['SIGTERM']);
    // Still listening: a later signal is handled here (ignored), not by Node's default, which would end the process.
    expect(process.listenerCount('SIGINT')).toBe(before.SIGINT.length + 1);
  });
});

describe('stopping with the parent (STOP_WITH_PARENT_SETTING)', () => {
  // The built module (npm test builds first), in a process of its own whose standard input is a pipe from the test.
  const stopSignals = join(__dirname, '..', '..', 'dist', 'server', 'stop-signals.js');
  const child = `
    const { onFirstStopSignal } = require(${JSON.stringify(stopSignals)});
    onFirstStopSignal((signal) => { process.stdout.write('stopped on ' + signal); process.exit(0); });
    setTimeout(() => { process.stdout.write('still running'); process.exit(0); }, 1500);`;

  async function whatHappensWhenStdinCloses(env: NodeJS.ProcessEnv): Promise<string> {
    const process_ = spawn(process.execPath, ['-e', child], { env: { ...process.env, ...env } });
    let output = '';
    process_.stdout.on('data', (chunk) => (output += String(chunk)));
    process_.stdin.end();
    await new Promise((resolve) => process_.once('close', resolve));
    return output;
  }

  it('stops as on SIGTERM when its parent goes, which closes its standard input', async () => {
    expect(await whatHappensWhenStdinCloses({ [STOP_WITH_PARENT_SETTING]: '1' })).toBe('stopped on SIGTERM');
  });

  it('leaves Ctrl-C to its parent, which stops its processes in order, and stops on its SIGTERM', async () => {
    const stoppedBy = async (signal: NodeJS.Signals) => {
      const process_ = spawn(process.execPath, ['-e', child], { env: { ...process.env, [STOP_WITH_PARENT_SETTING]: '1' } });
      let output = '';
      process_.stdout.on('data', (chunk) => (output += String(chunk)));
      process_.stdin.on('error', () => undefined);
      const closed = new Promise((resolve) => process_.once('close', resolve));
      await new Promise((resolve) => setTimeout(resolve, 300));
      process_.kill(signal);
      await new Promise((resolve) => setTimeout(resolve, 300));
      process_.stdin.end();
      await closed;
      return output;
    };
    // SIGINT changes nothing: the process stops only when its parent goes (standard input ends), as on SIGTERM.
    expect(await stoppedBy('SIGINT')).toBe('stopped on SIGTERM');
    expect(await stoppedBy('SIGTERM')).toBe('stopped on SIGTERM');
  });

  it('keeps running without the setting: a service under systemd may have no standard input', async () => {
    expect(await whatHappensWhenStdinCloses({ [STOP_WITH_PARENT_SETTING]: undefined })).toBe('still running');
  });
});
