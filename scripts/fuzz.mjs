// Long fuzz run: builds, then runs the property tests with many more cases than `npm test`.
//   node scripts/fuzz.mjs                 FUZZ_RUNS=5000 cases per property
//   FUZZ_RUNS=50000 FUZZ_SEED=42 node scripts/fuzz.mjs
// A counterexample is printed with its seed and path; replay it with the same FUZZ_SEED.
import { spawnSync } from 'child_process';

const env = { ...process.env, FUZZ_RUNS: process.env.FUZZ_RUNS ?? '5000' };
const build = spawnSync(process.execPath, ['esbuild.mjs'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const started = Date.now();
const files = ['out/test/unit/fuzz.test.js', 'out/test/unit/regex-safety.test.js'];
console.log(`fuzzing with FUZZ_RUNS=${env.FUZZ_RUNS}${env.FUZZ_SEED ? ` FUZZ_SEED=${env.FUZZ_SEED}` : ''}`);
const r = spawnSync(process.execPath, ['--test', '--test-reporter=spec', '--test-timeout=0', ...files], { stdio: 'inherit', env });
console.log(`fuzz run took ${((Date.now() - started) / 1000).toFixed(0)} s`);
process.exit(r.status ?? 1);
