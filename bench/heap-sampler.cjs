// What survives a young-generation collection, sampled in one process of a running system (bench/NOTES.md,
// session 11). Preload it into every process and name the one to sample:
//   KINGA_HEAP_SAMPLE=referrals NODE_OPTIONS="--require ./bench/heap-sampler.cjs" npm start
// then `kill -USR2 <pid>` starts the inspector's sampling heap profiler in that process and a second USR2
// stops it, writing .data/heap-<name>-<time>.heapprofile (open it in Chrome's DevTools, or summarise it with
// `node bench/heap-summary.mjs FILE`). Objects a scavenge collects are left out and those a mark-compact
// collects are kept: what remains is what lived through at least one scavenge, the food of the full
// collections behind B1's tail.
'use strict';
const target = process.env.KINGA_HEAP_SAMPLE;
const script = process.argv[1] ?? '';
if (target && script.includes(`${target}/dist/main.js`)) {
  const { Session } = require('node:inspector');
  const { writeFileSync, mkdirSync } = require('node:fs');
  const { join } = require('node:path');
  // KINGA_TRACE_GC=1: V8's line per collection in this process's log (--trace-gc is refused in NODE_OPTIONS).
  if (process.env.KINGA_TRACE_GC === '1') require('node:v8').setFlagsFromString('--trace-gc');
  for (const flag of (process.env.KINGA_V8_FLAGS ?? '').split(' ').filter(Boolean)) require('node:v8').setFlagsFromString(flag);
  const session = new Session();
  session.connect();
  const post = (method, params) =>
    new Promise((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))));
  let sampling = false;
  process.on('SIGUSR2', () => {
    const step = sampling
      ? post('HeapProfiler.stopSampling').then(({ profile }) => {
          const dir = join(process.cwd(), process.env.KINGA_DATA_DIR ?? '.data');
          mkdirSync(dir, { recursive: true });
          const file = join(dir, `heap-${target}-${Date.now()}.heapprofile`);
          writeFileSync(file, JSON.stringify(profile));
          process.stderr.write(`heap sampler: wrote ${file}\n`);
        })
      : post('HeapProfiler.enable').then(() =>
          post('HeapProfiler.startSampling', {
            samplingInterval: 4096,
            includeObjectsCollectedByMajorGC: true,
            // KINGA_HEAP_ALL=1: every allocation, what scavenges collect too (what a request allocates in all).
            includeObjectsCollectedByMinorGC: process.env.KINGA_HEAP_ALL === '1',
          }),
        );
    sampling = !sampling;
    step.catch((error) => process.stderr.write(`heap sampler: ${error.message}\n`));
  });
  // SIGWINCH (which a server never gets from a terminal): a full heap snapshot, to find what holds on to them.
  process.on('SIGWINCH', () => {
    const dir = join(process.cwd(), process.env.KINGA_DATA_DIR ?? '.data');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `heap-${target}-${Date.now()}.heapsnapshot`);
    const chunks = [];
    const onChunk = (message) => chunks.push(message.params.chunk);
    session.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
    post('HeapProfiler.takeHeapSnapshot', { reportProgress: false })
      .then(() => {
        session.removeListener('HeapProfiler.addHeapSnapshotChunk', onChunk);
        writeFileSync(file, chunks.join(''));
        process.stderr.write(`heap sampler: wrote ${file}\n`);
      })
      .catch((error) => process.stderr.write(`heap sampler: ${error.message}\n`));
  });
}
