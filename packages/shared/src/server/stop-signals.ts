const STOP_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];

/**
 * Runs `stop` on the first SIGINT or SIGTERM and ignores those that follow. Ctrl-C reaches every process of
 * the terminal's group, and a supervisor (the gateway's primary, `npm start`, systemd) sends its own as well:
 * with a listener for one signal only, the second found none, and Node's default ended the process in the
 * middle of draining its requests.
 */
export function onFirstStopSignal(stop: (signal: NodeJS.Signals) => void, signals: readonly NodeJS.Signals[] = STOP_SIGNALS): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    stop(signal);
  };
  for (const signal of signals) process.on(signal, onSignal);
}

/** `onFirstStopSignal` for a server: drain, then exit 0, or 1 if stopping failed. */
export function exitAfterStopOnSignal(stop: () => Promise<void>): void {
  onFirstStopSignal(() =>
    stop().then(
      () => process.exit(0),
      () => process.exit(1),
    ),
  );
}
