// What the command line loads — markdown-it (dist/markdown-it-lib.js) only when a Markdown file is
// parsed, so a plain-text check does not pay for reading and compiling it — and how it writes its
// output (synchronously to descriptor 1, in pieces, quietly stopping at a closed pipe).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const CLI = path.resolve('dist/cli.js');

/** Runs the CLI with a preload that prints every module file it requires to stderr. */
function runLogged(args: string[], cwd: string) {
  const hook = path.join(cwd, 'log-requires.cjs');
  fs.writeFileSync(
    hook,
    "const M = require('module'); const load = M._load; M._load = function (req, parent, isMain) { process.stderr.write('require ' + req + '\\n'); return load.apply(this, arguments); };\n" +
      "const S = Intl.Segmenter; Intl.Segmenter = class extends S { constructor(...a) { super(...a); process.stderr.write('require Intl.Segmenter\\n'); } };\n",
  );
  const r = spawnSync(process.execPath, ['--require', hook, CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, LANG: 'C', REPORT_LINT_LANG: '' } });
  return { code: r.status, stdout: r.stdout, required: r.stderr.split('\n').filter((l) => l.startsWith('require ')).map((l) => l.slice(8)) };
}

const REPORT = '2024年工作总结\n\n一、主要工作\n\n开展**专题**活动XX次，，成效明显。\n\n```\nXX，，\n```\n';

test('a plain-text check does not load markdown-it; a Markdown check loads it once and finds the same', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'report-lint-cli-startup-'));
  fs.writeFileSync(path.join(dir, 'a.report.txt'), REPORT);
  fs.writeFileSync(path.join(dir, 'a.report.md'), REPORT);
  const plain = runLogged(['--format', 'json', 'a.report.txt'], dir);
  assert.equal(plain.code, 1);
  assert.deepEqual(plain.required.filter((r) => r.includes('markdown-it') || r.includes('yaml')), []);
  const md = runLogged(['--format', 'json', 'a.report.md'], dir);
  assert.equal(md.code, 1);
  assert.deepEqual(md.required.filter((r) => r.includes('markdown-it')), ['./markdown-it-lib.js']);
  const found = (out: string) =>
    (JSON.parse(out) as { rule: string; line: number; column: number }[]).filter((f) => f.rule !== 'required-section').map((f) => `${f.rule} ${f.line}:${f.column}`);
  assert.deepEqual(found(md.stdout), ['placeholder 5:11', 'duplicate-punctuation 5:14']);
  // Markdown was really parsed: the fenced block is code, which plain text checks as prose.
  assert.deepEqual(found(plain.stdout), ['placeholder 5:11', 'duplicate-punctuation 5:14', 'duplicate-punctuation 8:3']);
});

test('no Intl.Segmenter is made (≈ 17 ms) unless Chinese words are segmented', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'report-lint-cli-startup-'));
  fs.writeFileSync(path.join(dir, 'q3.report.md'), '# Q3 Status Report\n\nWe shipped 3 releases and fixed 12 bugs.\n');
  fs.writeFileSync(path.join(dir, '总结.report.txt'), '2024年工作总结\n全年新建道路12公里，完成投资3.5亿元。\n');
  const segmenters = (file: string) => runLogged(['--format', 'json', file], dir).required.filter((r) => r === 'Intl.Segmenter').length;
  assert.equal(segmenters('q3.report.md'), 0);
  assert.ok(segmenters('总结.report.txt') >= 1);
});

test('the yaml library is loaded only to read a .reportlint.yaml, and reads it as before', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'report-lint-cli-startup-'));
  // A regex-literal list item (removed from the document while it is read), an unknown rule, a wrong type.
  fs.writeFileSync(path.join(dir, '.reportlint.yaml'), 'rules:\n  no-such-rule: off\nplaceholders:\n  extra:\n    - /待定/\nterms: 5\n');
  fs.writeFileSync(path.join(dir, 'a.report.txt'), '2024年工作总结\n开展活动，待定。\n');
  const r = runLogged(['--format', 'json', 'a.report.txt'], dir);
  assert.deepEqual(r.required.filter((x) => x.includes('yaml')), ['./yaml-lib.js']);
  const found = (JSON.parse(r.stdout) as { rule: string; line: number; column: number; message: string }[]).filter((f) => f.rule !== 'required-section');
  assert.deepEqual(
    found.map((f) => `${f.rule} ${f.line}:${f.column} ${f.message}`),
    ['config 6:8 config.terms must be a list', 'config 2:3 rules: unknown rule "no-such-rule"', 'placeholder 2:6 Unfilled placeholder "待定": replace it with the real text.'],
  );
});

test('output written past a reader that stopped early: the rest is dropped quietly, the exit status stays', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'report-lint-cli-startup-'));
  // ≈ 2,000 findings: well over what a pipe holds (64 KB), so the writer meets the closed end.
  fs.writeFileSync(path.join(dir, 'big.report.txt'), '2024年工作总结\n' + '开展活动，，成效明显。\n'.repeat(2000));
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, [CLI, '--format', 'json', 'big.report.txt'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  let first = '';
  child.stdout.once('data', (d) => {
    first = String(d);
    child.stdout.destroy();
  });
  const code = await new Promise((resolve) => child.on('close', resolve));
  assert.match(first, /^\[\n {2}\{\n/);
  assert.equal(code, 1);
  assert.equal(stderr, '');
});

test('a large output, written in several pieces, arrives whole through a pipe', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'report-lint-cli-startup-'));
  fs.writeFileSync(path.join(dir, 'big.report.txt'), '2024年工作总结\n' + '开展活动，，成效明显。\n'.repeat(2000));
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, [CLI, '--format', 'json', 'big.report.txt'], { cwd: dir, stdio: ['ignore', 'pipe', 'inherit'] });
  const chunks: Buffer[] = [];
  child.stdout.on('data', (d: Buffer) => chunks.push(d));
  const code = await new Promise((resolve) => child.on('close', resolve));
  assert.equal(code, 1);
  const findings = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { rule: string; line: number }[];
  const doubled = findings.filter((f) => f.rule === 'duplicate-punctuation');
  assert.equal(doubled.length, 2000);
  assert.equal(doubled[1999].line, 2001);
});

test('UTF-8 is read as TextDecoder reads it: a byte-order mark (or two) dropped, invalid bytes read as GB18030', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'report-lint-cli-startup-'));
  const text = Buffer.from('XX镇工作总结\n𠮷开展活动XX次。\n');
  const bom = Buffer.from([0xef, 0xbb, 0xbf]);
  fs.writeFileSync(path.join(dir, 'plain.report.txt'), text);
  fs.writeFileSync(path.join(dir, 'bom.report.txt'), Buffer.concat([bom, text]));
  fs.writeFileSync(path.join(dir, 'bom2.report.txt'), Buffer.concat([bom, bom, text]));
  // "XX镇工作总结" in GB18030 (D5 F2 is not UTF-8).
  fs.writeFileSync(path.join(dir, 'gb.report.txt'), Buffer.from([0x58, 0x58, 0xd5, 0xf2, 0xb9, 0xa4, 0xd7, 0xf7, 0xd7, 0xdc, 0xbd, 0xe1, 0x0a]));
  const r = spawnSync(process.execPath, [CLI, '--format', 'json', 'plain.report.txt', 'bom.report.txt', 'bom2.report.txt', 'gb.report.txt'], { cwd: dir, encoding: 'utf8' });
  const ph = (JSON.parse(r.stdout) as { file: string; rule: string; line: number; column: number }[]).filter((f) => f.rule === 'placeholder').map((f) => `${f.file}:${f.line}:${f.column}`);
  assert.deepEqual(ph, ['plain.report.txt:1:1', 'plain.report.txt:2:6', 'bom.report.txt:1:1', 'bom.report.txt:2:6', 'bom2.report.txt:1:1', 'bom2.report.txt:2:6', 'gb.report.txt:1:1']);
});

test('a check loads neither the v8 module nor any stream (process.stderr untouched), and warns of nothing', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'report-lint-cli-startup-'));
  fs.writeFileSync(path.join(dir, 'a.report.txt'), REPORT);
  const hook = path.join(dir, 'log-modules.cjs');
  fs.writeFileSync(hook, "process.on('exit', () => require('fs').writeFileSync(__dirname + '/modules.json', JSON.stringify(process.moduleLoadList)));\n");
  const r = spawnSync(process.execPath, ['--require', hook, CLI, '--format', 'json', 'a.report.txt'], { cwd: dir, encoding: 'utf8' });
  assert.equal(r.status, 1);
  assert.equal(r.stderr, '');
  const loaded = JSON.parse(fs.readFileSync(path.join(dir, 'modules.json'), 'utf8')) as string[];
  assert.deepEqual(loaded.filter((m) => /^NativeModule (?:v8|stream|net|internal\/streams\/(?:readable|writable|duplex))$/.test(m)), []);
  assert.match(r.stdout, /"rule": "placeholder"/);
});
