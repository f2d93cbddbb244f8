// Prints the top self-time entries of a .cpuprofile (node --cpu-prof output).
//   node bench/top-self.mjs FILE.cpuprofile [N=25] [BUNDLE.js] [--within NAME]
// --within NAME counts only samples taken inside a function called NAME (e.g. lint), so start-up
// (module loading, YAML data parsing, reading the input) is left out; garbage-collector samples
// count when the sample before them was inside.
// With the unminified esbuild bundle given, each function is labelled with its source module
// (esbuild writes a `// path/to/module.ts` comment where each module starts).
import { readFileSync } from 'fs';
import { basename } from 'path';

const argv = process.argv.slice(2);
const withinAt = argv.indexOf('--within');
const within = withinAt >= 0 ? argv.splice(withinAt, 2)[1] : undefined;
const [file, nArg, bundle] = argv;
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
const parent = new Map();
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const insideMemo = new Map();
const inside = (id) => {
  if (!within) return true;
  if (insideMemo.has(id)) return insideMemo.get(id);
  let r = false;
  for (let x = id; x !== undefined; x = parent.get(x)) if (byId.get(x).callFrame.functionName === within) { r = true; break; }
  insideMemo.set(id, r);
  return r;
};
const selfUs = new Map();
let prevInside = false;
for (let i = 0; i < prof.samples.length; i++) {
  // timeDeltas[i] is the time before sample i; the time a sample stands for is the next delta.
  const dt = prof.timeDeltas[i + 1] ?? prof.timeDeltas[i] ?? 0;
  const id = prof.samples[i];
  const name = byId.get(id).callFrame.functionName;
  const isGc = name === '(garbage collector)';
  const counted = isGc ? prevInside : inside(id);
  if (!isGc) prevInside = inside(id);
  if (counted) selfUs.set(id, (selfUs.get(id) ?? 0) + dt);
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
// Self time summed per module (bundle given) or per script, which says which part of the code to look at.
const perModule = new Map();
for (const [key, us] of agg) {
  const where = key.split('\u0000')[1] || key.split('\u0000')[0];
  const mod = where.replace(/ \(bundle line \d+\)$/, '').replace(/:\d+:\d+$/, '');
  perModule.set(mod, (perModule.get(mod) ?? 0) + us);
}
console.log(`top ${rows.length} self-time entries of ${basename(file)}${within ? ` inside ${within}()` : ''} (total ${(total / 1000).toFixed(0)} ms sampled)`);
console.log(`${'self ms'.padStart(9)} ${'%'.padStart(6)}  function — where`);
for (const [key, us] of rows) {
  const [fn, where] = key.split('\u0000');
  console.log(`${(us / 1000).toFixed(1).padStart(9)} ${((us / total) * 100).toFixed(1).padStart(5)}%  ${fn}${where ? ` — ${where}` : ''}`);
}
console.log(`\nself time per module (top 12)`);
for (const [mod, us] of [...perModule].sort((a, b) => b[1] - a[1]).slice(0, 12)) {
  console.log(`${(us / 1000).toFixed(1).padStart(9)} ${((us / total) * 100).toFixed(1).padStart(5)}%  ${mod}`);
}
