// What the command line loads: markdown-it (dist/markdown-it-lib.js) only when a Markdown file is
// parsed, so a plain-text check does not pay for reading and compiling it.

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
  fs.writeFileSync(hook, "const M = require('module'); const load = M._load; M._load = function (req, parent, isMain) { process.stderr.write('require ' + req + '\\n'); return load.apply(this, arguments); };\n");
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
  assert.deepEqual(plain.required.filter((r) => r.includes('markdown-it')), []);
  const md = runLogged(['--format', 'json', 'a.report.md'], dir);
  assert.equal(md.code, 1);
  assert.deepEqual(md.required.filter((r) => r.includes('markdown-it')), ['./markdown-it-lib.js']);
  const found = (out: string) =>
    (JSON.parse(out) as { rule: string; line: number; column: number }[]).filter((f) => f.rule !== 'required-section').map((f) => `${f.rule} ${f.line}:${f.column}`);
  assert.deepEqual(found(md.stdout), ['placeholder 5:11', 'duplicate-punctuation 5:14']);
  // Markdown was really parsed: the fenced block is code, which plain text checks as prose.
  assert.deepEqual(found(plain.stdout), ['placeholder 5:11', 'duplicate-punctuation 5:14', 'duplicate-punctuation 8:3']);
});
