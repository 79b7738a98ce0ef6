import { openSync, readFileSync, unlinkSync, writeSync, closeSync } from 'node:fs';

/** Whether a process with this id is running (one we may not signal still is). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function create(lockPath: string): boolean {
  try {
    const fd = openSync(lockPath, 'wx');
    writeSync(fd, String(process.pid));
    closeSync(fd);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/**
 * Claims a data folder for this process, or throws naming the process that has it. PGlite takes no lock of
 * its own, and two processes writing one folder corrupt it for good: a second `npm start` with its ports
 * moved but the same `KINGA_DATA_DIR` would otherwise open the first one's database. A lock left by a process
 * that has died (killed, the machine restarted) is taken over. Returns the release.
 */
export function lockDataDir(dataDir: string): () => void {
  const lockPath = `${dataDir}.lock`;
  for (let attempt = 0; attempt < 2; attempt += 1) {
    if (create(lockPath)) {
      return () => {
        try {
          unlinkSync(lockPath);
        } catch {
          // Already gone: nothing to release.
        }
      };
    }
    const holder = Number(readFileSync(lockPath, 'utf8').trim());
    if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isRunning(holder)) {
      throw new Error(
        `The data folder ${dataDir} is in use by another embedded PostgreSQL (process ${holder}). Stop that Kinga first, or give this one a folder of its own with KINGA_DATA_DIR.`,
      );
    }
    unlinkSync(lockPath);
  }
  throw new Error(`Could not claim the data folder ${dataDir}: another process claimed it at the same moment`);
}
