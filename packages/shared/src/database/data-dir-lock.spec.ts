import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lockDataDir } from './data-dir-lock';

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
});
