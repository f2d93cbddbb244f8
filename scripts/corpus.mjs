// Corpus precision check: runs the engine over ../shared/corpus/{zh,en}/*.txt and prints, per rule
// and per file, how many findings it raised (and the rate per 10,000 characters).
//
//   npm run corpus                      counts table
//   npm run corpus -- --list            also every finding: file:line:col rule «text» message
//   npm run corpus -- --rule placeholder --list
//   npm run corpus -- --check           exit 1 when a budget below is exceeded
//
// Skips (exit 0) when ../shared/corpus is absent, so a fresh clone without the data still passes.
import { existsSync, readdirSync, readFileSync, mkdirSync } from 'fs';
import { join, resolve } from 'path';
import { createRequire } from 'module';
import { fileURLToPath } from 'url';
import * as esbuild from 'esbuild';
import { yamlDataPlugin } from './yaml-plugin.mjs';

// The repo root, wherever the script is run from; the corpus sits beside the repo.
const root = fileURLToPath(new URL('..', import.meta.url));
const corpusDir = resolve(root, '..', 'shared', 'corpus');

// Budgets per rule: on the files matched, at most `maxPer10k` findings per 10,000 characters
// (0 means none at all). Add a line here when a rule gets a precision bar.
const BUDGETS = [
  // Issue 2: the national government work reports (zh/001–012) are well edited.
  { rule: 'placeholder', files: /^zh\/0(?:0[1-9]|1[0-2])-/, maxPer10k: 0 },
  { rule: 'artifact', files: /^zh\/0(?:0[1-9]|1[0-2])-/, maxPer10k: 0 },
  { rule: 'duplicate-punctuation', files: /^zh\/0(?:0[1-9]|1[0-2])-/, maxPer10k: 0 },
];

const args = process.argv.slice(2);
const check = args.includes('--check');
const list = args.includes('--list');
const ruleFilter = args.includes('--rule') ? args[args.indexOf('--rule') + 1] : undefined;
const fileFilter = args.includes('--files') ? new RegExp(args[args.indexOf('--files') + 1]) : undefined;

if (!existsSync(corpusDir)) {
  console.log(`corpus: ${corpusDir} not found; skipped.`);
  process.exit(0);
}

/** Bundles the engine (a pure library) so this script can call it in-process. */
async function loadEngine() {
  const outfile = join(root, 'out', 'corpus', 'engine.cjs');
  mkdirSync(join(root, 'out', 'corpus'), { recursive: true });
  await esbuild.build({
    entryPoints: [join(root, 'server', 'src', 'engine', 'index.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    plugins: [yamlDataPlugin],
    logLevel: 'warning',
  });
  return createRequire(import.meta.url)(outfile);
}

const engine = await loadEngine();

const files = [];
for (const lang of ['zh', 'en']) {
  const dir = join(corpusDir, lang);
  if (!existsSync(dir)) continue;
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()) {
    const id = `${lang}/${name}`;
    if (!fileFilter || fileFilter.test(id)) files.push({ id, path: join(dir, name) });
  }
}

const rules = engine.RULES.map((r) => r.id).filter((id) => !ruleFilter || id === ruleFilter);
const rows = [];
for (const f of files) {
  const decoded = engine.decodeReportBytes(readFileSync(f.path));
  const text = decoded.text;
  const result = engine.lint(text, { format: engine.formatOf(f.path) });
  const counts = Object.fromEntries(rules.map((r) => [r, 0]));
  const findings = result.findings.filter((x) => rules.includes(x.rule));
  for (const x of findings) counts[x.rule]++;
  for (const fail of result.failures) console.error(`corpus: rule ${fail.rule} failed on ${f.id}: ${fail.error.split('\n')[0]}`);
  const failed = new Set(result.failures.map((x) => x.rule));
  rows.push({ ...f, chars: text.length, profile: result.profile?.id ?? '-', counts, findings, failed, lines: result.model.lines, text });
}

const pad = (s, n) => String(s).padEnd(n);
const per10k = (n, chars) => (chars ? (n * 10000) / chars : 0);
const short = { placeholder: 'plh', artifact: 'art', 'duplicate-punctuation': 'dup', 'heading-numbering': 'hnum', 'enumeration-sequence': 'enum', 'required-section': 'req' };
const col = (r) => short[r] ?? r.slice(0, 6);
const W = 7;

console.log(`${pad('file', 44)}${pad('chars', 8)}${pad('profile', 20)}${rules.map((r) => pad(col(r), W)).join('')}per10k`);
const totals = Object.fromEntries(rules.map((r) => [r, 0]));
let totalChars = 0;
for (const row of rows) {
  const n = Object.values(row.counts).reduce((a, b) => a + b, 0);
  totalChars += row.chars;
  for (const r of rules) totals[r] += row.counts[r];
  console.log(`${pad(row.id.slice(0, 43), 44)}${pad(row.chars, 8)}${pad(row.profile, 20)}${rules.map((r) => pad(row.counts[r], W)).join('')}${per10k(n, row.chars).toFixed(2)}`);
}
const all = Object.values(totals).reduce((a, b) => a + b, 0);
console.log(`${pad('TOTAL', 44)}${pad(totalChars, 8)}${pad('', 20)}${rules.map((r) => pad(totals[r], W)).join('')}${per10k(all, totalChars).toFixed(2)}`);
console.log(`columns: ${rules.map((r) => `${col(r)}=${r}`).join(' ')}`);

if (list) {
  console.log('');
  for (const row of rows) {
    for (const x of row.findings) {
      const a = row.lines.humanPosition(x.start);
      const context = row.text.slice(Math.max(0, x.start - 12), Math.min(row.text.length, x.end + 12)).replace(/\s+/g, ' ');
      console.log(`${row.id}:${a.line}:${a.column} ${x.rule} ${x.severity} «${row.text.slice(x.start, x.end).slice(0, 40)}» …${context}… — ${x.message.en}`);
    }
  }
}

if (check) {
  let failed = false;
  for (const b of BUDGETS) {
    if (ruleFilter && b.rule !== ruleFilter) continue;
    for (const row of rows.filter((r) => b.files.test(r.id))) {
      // A rule that threw has not checked the file: that is no pass.
      if (row.failed.has(b.rule)) {
        failed = true;
        console.error(`corpus: ${b.rule} failed on ${row.id}, so its budget cannot be checked`);
        continue;
      }
      const n = row.findings.filter((x) => x.rule === b.rule).length;
      const over = b.maxPer10k === 0 ? n > 0 : per10k(n, row.chars) > b.maxPer10k;
      if (over) {
        failed = true;
        console.error(`corpus: ${b.rule} raised ${n} finding(s) on ${row.id} (budget ${b.maxPer10k} per 10k characters)`);
      }
    }
  }
  if (failed) process.exit(1);
  console.log('corpus: all budgets met.');
}
