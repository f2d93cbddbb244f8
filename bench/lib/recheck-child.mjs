// The re-check row in a process of its own, as a language server holding one open report runs it:
//   node [server's V8 flags] recheck-child.mjs ROOT ENGINE.cjs REPORT.txt EDITS WARMUP EARLY
// Loads the bundled engine, reads the report, measures (lib/recheck.mjs) and prints the summary as JSON.
import { readFileSync } from 'fs';
import { createRequire } from 'module';
import { measureRecheck } from './recheck.mjs';

const [root, enginePath, reportPath, edits, warmup, early] = process.argv.slice(2);
const engine = createRequire(import.meta.url)(enginePath);
const base = readFileSync(reportPath, 'utf8');
const r = measureRecheck(engine, root, base, { edits: Number(edits), warmup: Number(warmup), early: Number(early) });
process.stdout.write(JSON.stringify({ ...r, execArgv: process.execArgv }));
