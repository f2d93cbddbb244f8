// CPU profile of the hot path: `lint` on the 1 MB seed-like text, under `node --cpu-prof`.
// Writes bench/profiles/lint-1MB-<format>.cpuprofile (open it in Chrome DevTools › Performance, or
// VS Code) and prints the top self-time functions with the engine module each lives in.
//
//   node bench/profile.mjs [--format plain|markdown] [--runs 10] [--top 25] [--kind seed|corpus]
//   node bench/profile.mjs --edit    profiles the re-check after one-character edits instead
//                                    (the engine's createLinter when it has one, else full lint)
import { mkdirSync, writeFileSync } from 'fs';
import { join, resolve, dirname } from 'path';
import { fileURLToPath } from 'url';
import { spawnSync } from 'child_process';
import { buildInputs } from './lib/inputs.mjs';
import { loadEngine } from './lib/engine.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : dflt);
const format = opt('format', 'plain');
const runs = Number(opt('runs', '10'));
const top = opt('top', '25');
const kind = opt('kind', 'seed');
const editMode = args.includes('--edit');

const dir = join(root, 'bench', 'profiles');
mkdirSync(dir, { recursive: true });
const input = join(dir, `${kind}-like-1MB.txt`);
writeFileSync(input, buildInputs(root, [{ label: '1MB', bytes: 1024 * 1024 }])[kind].texts['1MB']);
const bundle = join(dir, 'engine.cjs');
await loadEngine(root, bundle); // unminified, so function names and module comments survive

const name = `${editMode ? 'recheck' : 'lint'}-1MB-${kind}-${format}.cpuprofile`;
const opts = JSON.stringify({ format });
const code = editMode
  ? `
const engine = require(${JSON.stringify(bundle)});
let text = require('fs').readFileSync(${JSON.stringify(input)}, 'utf8');
const linter = typeof engine.createLinter === 'function' ? engine.createLinter(${opts}) : { lint: (t, o) => engine.lint(t, o) };
const check = (t) => (linter.update ? linter.update(t, ${opts}) : linter.lint(t, ${opts}));
function warmup() { check(text); }
warmup();
let seed = 42;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const t0 = performance.now();
let r;
function measured() {
  for (let i = 0; i < ${runs * 5}; i++) {
    const at = Math.floor(rand() * text.length);
    text = text.slice(0, at) + '的' + text.slice(at);
    r = check(text);
  }
}
measured();
console.error('re-check ${kind}-like 1MB ${format}: ' + ((performance.now() - t0) / ${runs * 5}).toFixed(1) + ' ms per edit (mean of ${runs * 5}, under the profiler, ' + (engine.createLinter ? 'createLinter' : 'full lint') + '), ' + r.findings.length + ' findings');
`
  : `
const engine = require(${JSON.stringify(bundle)});
const text = require('fs').readFileSync(${JSON.stringify(input)}, 'utf8');
function warmup() { for (let i = 0; i < 3; i++) engine.lint(text, ${opts}); }
warmup();
const t0 = performance.now();
let r;
function measured() { for (let i = 0; i < ${runs}; i++) r = engine.lint(text, ${opts}); }
measured();
console.error('lint ${kind}-like 1MB ${format}: ' + ((performance.now() - t0) / ${runs}).toFixed(1) + ' ms per run (mean of ${runs}, under the profiler), ' + r.findings.length + ' findings');
`;
const p = spawnSync(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${dir}`, `--cpu-prof-name=${name}`, '--cpu-prof-interval=200', '-e', code], { stdio: 'inherit' });
if (p.status !== 0) process.exit(p.status ?? 1);
// Only what happens inside the measured runs: start-up (module loading, YAML data) and the warm-up
// (first-call caches) are not the hot path.
const s = spawnSync(process.execPath, [join(root, 'bench', 'top-self.mjs'), join(dir, name), top, bundle, '--within', 'measured'], { stdio: 'inherit' });
process.exit(s.status ?? 0);
