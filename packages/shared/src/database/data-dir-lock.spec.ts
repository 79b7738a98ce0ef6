import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lockDataDir, takeOverStale } from './data-dir-lock';

describe('the embedded database folder lock', () => {
  const dataDir = () => join(mkdtempSync(join(tmpdir(), 'kinga-lock-')), 'postgres');

  it('refuses a folder a running process holds, naming it, and frees it on release', async () => {
    const dir = dataDir();
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => undefined, 60_000)']);
    try {
      writeFileSync(`${dir}.lock`, String(other.pid));
      expect(() => lockDataDir(dir)).toThrow(`The data folder ${dir} is in use by another embedded PostgreSQL (process ${other.pid})`);
    } finally {
      other.kill();
      await new Promise((resolve) => other.once('exit', resolve));
    }
    writeFileSync(`${dir}.lock`, '');
    const release = lockDataDir(dir);
    expect(readFileSync(`${dir}.lock`, 'utf8')).toBe(String(process.pid));
    release();
    expect(existsSync(`${dir}.lock`)).toBe(false);
  });

  it('takes over a lock its holder left when it died', () => {
    const dir = dataDir();
    const exited = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    writeFileSync(`${dir}.lock`, exited);
    const release = lockDataDir(dir);
    expect(readFileSync(`${dir}.lock`, 'utf8')).toBe(String(process.pid));
    release();
  });

  it('leaves alone a lock another starter claimed after this one judged the old one stale', () => {
    // The race the many-starters test below cannot make happen on purpose, set up step by step: a dead process's
    // lock (A) was judged stale, and before it was moved another starter took the folder over (B).
    const dir = dataDir();
    writeFileSync(`${dir}.lock`, 'B');
    takeOverStale(`${dir}.lock`, 'A');
    expect(readFileSync(`${dir}.lock`, 'utf8')).toBe('B');
    expect(readdirSync(join(dir, '..')).filter((name) => name.includes('.stale.'))).toEqual([]);
    // The lock judged stale is moved aside.
    writeFileSync(`${dir}.lock`, 'A');
    takeOverStale(`${dir}.lock`, 'A');
    expect(existsSync(`${dir}.lock`)).toBe(false);
  });

  it("lets exactly one of several starters take over a dead process's lock at once", async () => {
    const dir = dataDir();
    const exited = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    writeFileSync(`${dir}.lock`, exited);
    // The built module (npm test builds first), in processes of their own. The one that claims the lock holds it
    // until told to stop (its standard input closes), however slowly the others start on a busy machine.
    const lockModule = join(__dirname, '..', '..', 'dist', 'database', 'data-dir-lock.js');
    const starter = `
      const { lockDataDir } = require(${JSON.stringify(lockModule)});
      try { lockDataDir(${JSON.stringify(dir)}); process.stdout.write('claimed'); process.stdin.resume(); }
      catch (error) { process.stdout.write(/in use by another/.test(error.message) ? 'refused' : 'failed: ' + error.message); }`;
    const starters = Array.from({ length: 6 }, () => spawn(process.execPath, ['-e', starter]));
    const outcomes = await Promise.all(
      starters.map(
        (child) =>
          new Promise<string>((resolve) => {
            child.stdout.once('data', (chunk) => resolve(String(chunk)));
            child.once('close', () => resolve('exited without a word'));
          }),
      ),
    );
    await Promise.all(
      starters.map((child) => {
        if (child.exitCode !== null) return undefined;
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.stdin.end();
        return exited;
      }),
    );
    expect(outcomes.filter((o) => o === 'claimed')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'refused')).toHaveLength(5);
  });
});
