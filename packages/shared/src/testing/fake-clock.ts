type KeptRunning =
  | 'nextTick'
  | 'setImmediate'
  | 'clearImmediate'
  | 'setInterval'
  | 'clearInterval'
  | 'setTimeout'
  | 'clearTimeout'
  | 'queueMicrotask'
  | 'hrtime'
  | 'performance';

/**
 * `jest.useFakeTimers` options that fake the clock alone (`Date`), leaving running the timers that a live server,
 * its database pool and HTTP clients rely on: `jest.useFakeTimers({ ...ONLY_THE_CLOCK, now })`, then
 * `jest.setSystemTime` moves it.
 */
export const ONLY_THE_CLOCK: { doNotFake: KeptRunning[] } = {
  doNotFake: [
    'nextTick',
    'setImmediate',
    'clearImmediate',
    'setInterval',
    'clearInterval',
    'setTimeout',
    'clearTimeout',
    'queueMicrotask',
    'hrtime',
    'performance',
  ],
};
