#!/usr/bin/env node
// What the whole-process CLI costs on the 1 MB seed-like report, in numbers that survive a busy
// machine: instructions counted by valgrind (callgrind, every thread of the process) next to wall
// and CPU time, for our CLI, `node -e 0` and AutoCorrect's CLI (the issue 8 peer), measured in one run.
//
//   node scripts/cli-cost.mjs [--runs N] [--callgrind [--single-threaded]] [--bin dist/cli-launch.js] [--file F]
//
// Our CLI in three rows: the `report-lint` bin (dist/cli-launch.js) with its V8 code cache, as a
// user runs it from the second check on (its cache, in a directory of this run's own, written by the
// warm-up run); the same bin's first run (a new, empty cache directory every time: compiling from
// source and writing the cache); and `node dist/cli.js`, the bundle without the launcher.
//
// --callgrind runs each command once more under `valgrind --tool=callgrind` (≈ 50× slower: ~30 s
// for our CLI) and prints its instruction count. That counts every thread, and how much V8's
// background compiler and GC helpers do depends on timing: repeat runs differ by up to ≈ 3 % on a
// busy machine. With --single-threaded node runs under valgrind with `--single-threaded` (the same
// work on one thread, no concurrency) and fixed hash and random seeds (V8 picks a new string hash
// seed per process, which moves the count by up to ±1.5 %): repeat runs agree within a few
// thousand instructions, the measure for an A/B of a change (the counts are lower, so compare
// them only with each other).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fitTo, sources } from '../bench/lib/inputs.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : dflt; };
const root = resolve(new URL('..', import.meta.url).pathname);
const runs = Number(opt('--runs', 9));
const bin = resolve(opt('--bin', join(root, 'dist', 'cli-launch.js')));
const cli = join(root, 'dist', 'cli.js');
const work = mkdtempSync(join(tmpdir(), 'report-lint-cli-cost-'));
let file = opt('--file');
if (!file) {
  file = join(work, 'seed-1MB.txt');
  writeFileSync(file, fitTo(sources(root).seed.text, 1024 * 1024));
}
const ac = join(root, 'node_modules', '.bin', 'autocorrect');

const cacheDir = join(work, 'cache');
let cold = 0;
const variants = [
  { label: 'node -e 0', argv: [process.execPath, '-e', '0'] },
  { label: `report-lint (${bin.replace(root + '/', '')}) --format json`, argv: [process.execPath, bin, '--format', 'json', file], env: () => ({ REPORT_LINT_CACHE_DIR: cacheDir }) },
  { label: 'report-lint, first run (no cache yet)', argv: [process.execPath, bin, '--format', 'json', file], env: () => ({ REPORT_LINT_CACHE_DIR: join(work, `cold-${cold++}`) }) },
  { label: `node ${cli.replace(root + '/', '')} --format json`, argv: [process.execPath, cli, '--format', 'json', file] },
  // node named explicitly: valgrind does not follow the script's #!/usr/bin/env node
  ...(existsSync(ac) ? [{ label: 'autocorrect --lint --format json', argv: [process.execPath, ac, '--lint', '--format', 'json', file] }] : []),
];

/** CPU time (user + system, ms) of this process's waited-for children, from /proc/self/stat. */
function childCpuMs() {
  try {
    const f = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    return (Number(f[13]) + Number(f[14])) * 10;
  } catch {
    return NaN;
  }
}

for (const v of variants) Object.assign(v, { wall: [], cpu: [] });
for (let r = 0; r <= runs; r++) {
  for (const v of variants) {
    const c0 = childCpuMs();
    const t0 = performance.now();
    const p = spawnSync(v.argv[0], v.argv.slice(1), { cwd: work, encoding: 'utf8', maxBuffer: 1 << 29, env: { ...process.env, ...v.env?.() } });
    const dt = performance.now() - t0;
    const c1 = childCpuMs();
    if (p.error || (p.status !== 0 && p.status !== 1)) throw new Error(`${v.label}: ${p.error?.message ?? `exit ${p.status}: ${p.stderr}`}`);
    if (r === 0) continue; // warm-up (page cache)
    v.wall.push(dt);
    v.cpu.push(c1 - c0);
  }
}

const median = (a) => { const s = [...a].sort((x, y) => x - y); return s[s.length >> 1]; };
if (args.includes('--callgrind')) {
  for (const v of variants) {
    const argv = args.includes('--single-threaded') ? [v.argv[0], '--single-threaded', '--hash-seed=1', '--random-seed=1', ...v.argv.slice(1)] : v.argv;
    const env = { ...process.env, ...v.env?.() };
    // The bin's cache is keyed by node's command-line flags too: one run with these first.
    if (v.env && argv !== v.argv) spawnSync(argv[0], argv.slice(1), { cwd: work, env, maxBuffer: 1 << 29 });
    const p = spawnSync('valgrind', ['--tool=callgrind', '--callgrind-out-file=/dev/null', ...argv], { cwd: work, encoding: 'utf8', maxBuffer: 1 << 29, env: v.env ? { ...process.env, ...v.env() } : env });
    const m = /Collected : (\d+)/.exec(p.stderr ?? '');
    v.instructions = m ? Number(m[1]) : undefined;
  }
}
const [floor] = variants;
console.log(`${runs} runs each, interleaved, after a warm-up; load average ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')} on ${(await import('node:os')).cpus().length} cores`);
for (const v of variants) {
  const ins = v.instructions === undefined ? '' : `  ${(v.instructions / 1e9).toFixed(3)} G instructions${args.includes('--single-threaded') ? ' (single-threaded)' : ''}${v === floor ? '' : ` (${((v.instructions - floor.instructions) / 1e9).toFixed(3)} G above node -e 0)`}`;
  console.log(`${v.label.padEnd(46)} wall median ${median(v.wall).toFixed(0).padStart(5)} ms (min ${Math.min(...v.wall).toFixed(0)})  cpu median ${median(v.cpu).toFixed(0).padStart(5)} ms${ins}`);
}
rmSync(work, { recursive: true, force: true });
