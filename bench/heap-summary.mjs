// Summarises a .heapprofile (bench/heap-sampler.cjs): sampled bytes by package and by allocating function.
//   node bench/heap-summary.mjs .data/heap-referrals-123.heapprofile [--top 30]
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({ options: { top: { type: 'string', default: '30' } }, allowPositionals: true });
const profile = JSON.parse(readFileSync(positionals[0], 'utf8'));

const packageOf = (url) => {
  if (!url) return '(native)';
  const inModules = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (inModules) return inModules[1];
  if (url.startsWith('node:')) return 'node';
  if (/\/(services|packages|gateway)\//.test(url)) return 'kinga';
  return url;
};

const byPackage = new Map();
const byFunction = new Map();
let total = 0;
(function walk(node) {
  const { functionName, url, lineNumber } = node.callFrame;
  if (node.selfSize > 0) {
    total += node.selfSize;
    const pkg = packageOf(url);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + node.selfSize);
    const site = `${functionName || '(anonymous)'} ${url.replace(/^.*node_modules\//, '').replace(/^.*\/work\/main\//, '')}:${lineNumber + 1}`;
    byFunction.set(site, (byFunction.get(site) ?? 0) + node.selfSize);
  }
  for (const child of node.children) walk(child);
})(profile.head);

const top = Number(values.top);
const show = (title, map) => {
  console.log(`\n${title} (of ${(total / 1024 / 1024).toFixed(1)} MB sampled)`);
  for (const [name, bytes] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(`${((100 * bytes) / total).toFixed(1).padStart(5)}%  ${(bytes / 1024).toFixed(0).padStart(7)} KB  ${name}`);
};
show('By package', byPackage);
show('By allocating function', byFunction);
