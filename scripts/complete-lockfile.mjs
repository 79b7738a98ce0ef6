// Works around npm/cli#8805 on machines whose registry mirror serves only some platforms' builds: npm then
// writes a lockfile without the other platforms' optional native packages (@swc/core-darwin-arm64, …),
// and `npm ci` refuses that lockfile. This adds those entries, marked optional with the os/cpu their name
// states, so `npm ci` validates the lockfile and skips them on this platform. Run after `npm install`.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const lockPath = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(lockPath, 'utf8'));

const OS = ['darwin', 'win32', 'linux', 'android', 'freebsd', 'openharmony', 'sunos', 'aix', 'netbsd', 'openbsd'];
const CPU = {
  arm64: 'arm64',
  x64: 'x64',
  64: 'x64',
  ia32: 'ia32',
  arm: 'arm',
  ppc64: 'ppc64',
  s390x: 's390x',
  loong64: 'loong64',
  riscv64: 'riscv64',
};

function platformOf(name) {
  const parts = name.split('/').pop().split('-');
  const os = parts.find((p) => OS.includes(p)) ?? (parts.includes('windows') ? 'win32' : undefined);
  const cpu = parts.map((p) => CPU[p]).find(Boolean);
  const libc = parts.some((p) => p.includes('musl'))
    ? 'musl'
    : parts.some((p) => p === 'gnu' || p.startsWith('gnueabi'))
      ? 'glibc'
      : undefined;
  return { os, cpu, libc };
}

let output = '';
try {
  execFileSync('npm', ['ci', '--dry-run', '--ignore-scripts'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
} catch (error) {
  output = `${error.stdout}${error.stderr}`;
}
const missing = [...output.matchAll(/Missing: (.+?)@([^@\s]*) from lock file/g)].map((m) => m[1]);
const wanted = new Map();
for (const entry of Object.values(lock.packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) if (missing.includes(name)) wanted.set(name, version);
}
for (const [name, version] of wanted) {
  const { os, cpu, libc } = platformOf(name);
  if (!os || !cpu) throw new Error(`cannot tell the platform of ${name}; add it by hand`);
  lock.packages[`node_modules/${name}`] = {
    version,
    cpu: [cpu],
    ...(libc ? { libc: [libc] } : {}),
    license: 'UNKNOWN',
    optional: true,
    os: [os],
  };
}
lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`added ${wanted.size} platform entries to package-lock.json`);
