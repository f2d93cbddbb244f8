// Prints the top self-time entries of a .cpuprofile (node --cpu-prof output).
//   node bench/top-self.mjs FILE.cpuprofile [N=25] [BUNDLE.js]
// With the unminified esbuild bundle given, each function is labelled with its source module
// (esbuild writes a `// path/to/module.ts` comment where each module starts).
import { readFileSync } from 'fs';
import { basename } from 'path';

const [file, nArg, bundle] = process.argv.slice(2);
if (!file) {
  console.error('usage: node bench/top-self.mjs FILE.cpuprofile [N] [BUNDLE.js]');
  process.exit(2);
}
const N = Number(nArg ?? 25);
const prof = JSON.parse(readFileSync(file, 'utf8'));

// Module starts in the bundle: [0-based line, module path], in order.
const modules = [];
if (bundle) {
  readFileSync(bundle, 'utf8').split('\n').forEach((l, i) => {
    const m = /^\/\/ ((?:server|client|node_modules|test)\/\S+)$/.exec(l);
    if (m) modules.push([i, m[1]]);
  });
}
const moduleAt = (line) => {
  let lo = 0, hi = modules.length - 1, found;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (modules[mid][0] <= line) (found = modules[mid][1]), (lo = mid + 1);
    else hi = mid - 1;
  }
  return found;
};

const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const selfUs = new Map();
for (let i = 0; i < prof.samples.length; i++) {
  const dt = prof.timeDeltas[i] ?? 0;
  selfUs.set(prof.samples[i], (selfUs.get(prof.samples[i]) ?? 0) + dt);
}
const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
const agg = new Map();
for (const [id, us] of selfUs) {
  const { functionName, url, lineNumber, columnNumber } = byId.get(id).callFrame;
  const where = url
    ? bundle && url.endsWith(basename(bundle)) && modules.length
      ? `${moduleAt(lineNumber) ?? basename(url)} (bundle line ${lineNumber + 1})`
      : `${url.replace(/^file:\/\//, '').replace(/^.*\/node_modules\//, 'node_modules/')}:${lineNumber + 1}:${columnNumber + 1}`
    : '';
  const key = `${functionName || '(anonymous)'}\u0000${where}`;
  agg.set(key, (agg.get(key) ?? 0) + us);
}
const rows = [...agg].sort((a, b) => b[1] - a[1]).slice(0, N);
console.log(`top ${rows.length} self-time entries of ${basename(file)} (total ${(total / 1000).toFixed(0)} ms sampled)`);
console.log(`${'self ms'.padStart(9)} ${'%'.padStart(6)}  function — where`);
for (const [key, us] of rows) {
  const [fn, where] = key.split('\u0000');
  console.log(`${(us / 1000).toFixed(1).padStart(9)} ${((us / total) * 100).toFixed(1).padStart(5)}%  ${fn}${where ? ` — ${where}` : ''}`);
}
