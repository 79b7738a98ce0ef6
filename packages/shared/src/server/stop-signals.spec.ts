import { onFirstStopSignal } from './stop-signals';

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
