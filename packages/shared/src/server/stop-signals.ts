const STOP_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];

/**
 * Set to `1` by `npm start` for the processes it starts: their standard input is a pipe from it, which closes
 * when it ends however it ends. Killed with SIGKILL it can forward no signal, and its subgraphs and gateway
 * went on running, holding their ports, against a database that had stopped with it. Off by default: a
 * service run by systemd or docker may have no standard input at all.
 */
export const STOP_WITH_PARENT_SETTING = 'KINGA_STOP_WITH_PARENT';

/**
 * Runs `stop` on the first SIGINT or SIGTERM and ignores those that follow. Ctrl-C reaches every process of
 * the terminal's group, and a supervisor (the gateway's primary, `npm start`, systemd) sends its own as well:
 * with a listener for one signal only, the second found none, and Node's default ended the process in the
 * middle of draining its requests. With `STOP_WITH_PARENT_SETTING`, the end of standard input stops it as a
 * SIGTERM would, and SIGINT is ignored: the parent stops its processes in order (the gateway, then the
 * subgraphs, then the database) with SIGTERM, and Ctrl-C reaching them all at once had the subgraphs drain while
 * the gateway still sent them requests.
 */
export function onFirstStopSignal(stop: (signal: NodeJS.Signals) => void, signals: readonly NodeJS.Signals[] = STOP_SIGNALS): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    stop(signal);
  };
  const stoppedByParent = process.env[STOP_WITH_PARENT_SETTING] === '1';
  for (const signal of signals) process.on(signal, stoppedByParent && signal === 'SIGINT' ? ignore : onSignal);
  if (stoppedByParent) {
    process.stdin.once('end', () => onSignal('SIGTERM'));
    process.stdin.resume();
  }
}

const ignore = () => undefined;

/** `onFirstStopSignal` for a server: drain, then exit 0, or 1 if stopping failed. */
export function exitAfterStopOnSignal(stop: () => Promise<void>): void {
  onFirstStopSignal(() =>
    stop().then(
      () => process.exit(0),
      () => process.exit(1),
    ),
  );
}
