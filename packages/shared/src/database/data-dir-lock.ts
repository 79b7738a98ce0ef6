import { linkSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';

/** Whether a process with this id is running (one we may not signal still is). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const errorCode = (error: unknown) => (error as NodeJS.ErrnoException).code;

/** Makes the lock holding this process's id, in one step (a hard link of a finished file): never seen empty. */
function create(lockPath: string): boolean {
  const mine = `${lockPath}.${process.pid}`;
  writeFileSync(mine, String(process.pid));
  try {
    linkSync(mine, lockPath);
    return true;
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw error;
  } finally {
    unlinkSync(mine);
  }
}

/** What a lock file holds (a process id, if it is one of ours), or null when it is gone (released meanwhile). */
function contentOf(path: string): string | null {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return null;
    throw error;
  }
}

/** The running process a lock's content names, or null for a dead one or content that names none. */
function runningHolder(content: string): number | null {
  const pid = Number(content);
  return Number.isInteger(pid) && pid > 0 && pid !== process.pid && isRunning(pid) ? pid : null;
}

/**
 * Moves a dead process's lock aside, unless another starter took it over first: the rename is atomic, and
 * what was moved is checked to be the lock that was judged stale (else it is put back, if the path is free).
 */
export function takeOverStale(lockPath: string, staleContent: string): void {
  const aside = `${lockPath}.stale.${process.pid}`;
  try {
    renameSync(lockPath, aside);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return;
    throw error;
  }
  if (contentOf(aside) !== staleContent) {
    try {
      linkSync(aside, lockPath);
    } catch {
      // Someone holds the path again: the next attempt reads who.
    }
  }
  unlinkSync(aside);
}

/**
 * Claims a data folder for this process, or throws naming the process that has it. PGlite takes no lock of
 * its own, and two processes writing one folder corrupt it for good: a second `npm start` with its ports
 * moved but the same `KINGA_DATA_DIR` would otherwise open the first one's database. A lock left by a process
 * that has died (killed, the machine restarted) is taken over. Returns the release.
 */
export function lockDataDir(dataDir: string): () => void {
  const lockPath = `${dataDir}.lock`;
  for (let attempt = 0; attempt < 5; attempt += 1) {
    if (create(lockPath)) {
      return () => {
        try {
          if (contentOf(lockPath) === String(process.pid)) unlinkSync(lockPath);
        } catch {
          // Already gone: nothing to release.
        }
      };
    }
    const content = contentOf(lockPath);
    if (content === null) continue;
    const holder = runningHolder(content);
    if (holder !== null) {
      throw new Error(
        `The data folder ${dataDir} is in use by another embedded PostgreSQL (process ${holder}). Stop that Kinga first, or give this one a folder of its own with KINGA_DATA_DIR. If no Kinga is running (process ${holder} is something else now), delete ${lockPath}.`,
      );
    }
    takeOverStale(lockPath, content);
  }
  throw new Error(`Could not claim the data folder ${dataDir}: other processes kept claiming it at the same moment`);
}
