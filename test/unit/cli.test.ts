// The command line as a user runs it: the bundled dist/cli.js on files we write here.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { writeJson } from '../../server/src/cli-json';
import type { CliFinding } from '../../server/src/cli';

const CLI = path.resolve('dist/cli.js');

function run(args: string[], cwd: string, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, LANG: 'C', REPORT_LINT_LANG: '', ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function workspace(files: Record<string, string | Buffer>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'report-lint-cli-'));
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

const REPORT = 'XX镇2024年工作总结\n2024年，我镇扎实推进各项工作。现将有关情况报告如下：\n一、主要工作\n开展活动5次，，成效明显。\n二、存在的问题\n宣传形式单一。\n三、下一步打算\n继续努力。\n红河镇人民政府\n2024年12月28日\n';

test('text output, exit 1 on warnings, 1-based character columns', () => {
  const dir = workspace({ '工作总结.txt': REPORT });
  const r = run(['工作总结.txt'], dir);
  assert.equal(r.code, 1);
  const lines = r.stdout.split('\n').filter((l) => /\[(placeholder|duplicate-punctuation)\]/.test(l));
  assert.deepEqual(lines, [
    '工作总结.txt:1:1: warning [placeholder] Unfilled placeholder "XX": replace it with the real text.',
    '工作总结.txt:4:7: warning [duplicate-punctuation] Repeated punctuation "，，": keep one mark.',
  ]);
});

test('json output with 1-based lines and character columns after an astral character', () => {
  const dir = workspace({ 'r.report.txt': '𠮷XX村情况报告\n' });
  const r = run(['--format', 'json', 'r.report.txt'], dir);
  const out = JSON.parse(r.stdout);
  const ph = out.find((f: any) => f.rule === 'placeholder');
  assert.deepEqual(ph, { file: 'r.report.txt', line: 1, column: 2, endLine: 1, endColumn: 4, rule: 'placeholder', severity: 'warning', message: 'Unfilled placeholder "XX": replace it with the real text.' });
});

test('json output is printed finding by finding, byte for byte as JSON.stringify prints the list', () => {
  const KEYS = ['file', 'line', 'column', 'endLine', 'endColumn', 'rule', 'severity', 'message'];
  const finding = (file: string, line: number, message: string): CliFinding => ({ file, line, column: 3, endLine: line + 1, endColumn: 12, rule: 'placeholder', severity: 'warning', message, utf16Column: 4, utf16EndColumn: 13 });
  const findings = [
    finding('a "quoted" dir\\工作总结.txt', 1, 'Unfilled placeholder "XX": replace it.'),
    finding('a "quoted" dir\\工作总结.txt', 2, 'Tab\there, newline\nthere, NUL \u0000, 𠮷 and “引号”'),
    finding('b.report.md', 30, 'Repeated punctuation "，，": keep one mark.'),
  ];
  const pieces: string[] = [];
  writeJson(findings, (s) => pieces.push(s));
  assert.equal(pieces.join(''), JSON.stringify(findings, KEYS, 2) + '\n');
  // Never the whole list in one string: one piece per finding, and the closing bracket.
  assert.equal(pieces.length, findings.length + 1);
  const none: string[] = [];
  writeJson([], (s) => none.push(s));
  assert.equal(none.join(''), JSON.stringify([], KEYS, 2) + '\n');
});

test('Chinese messages when LANG is zh_CN', () => {
  const dir = workspace({ '工作总结.txt': REPORT });
  const r = run(['工作总结.txt'], dir, { LANG: 'zh_CN.UTF-8' });
  assert.match(r.stdout, /占位符“XX”未填写/);
});

test('exit 0 when clean; exit 2 on a missing file and on bad usage', () => {
  const clean = '红河镇工作总结\n我镇扎实推进各项工作。现将有关情况报告如下：\n一、主要工作\n开展活动5次，成效明显。\n二、存在的问题\n宣传形式单一。\n三、下一步打算\n继续努力。\n';
  const dir = workspace({ '工作总结.txt': clean });
  assert.equal(run(['工作总结.txt'], dir).code, 0);
  const missing = run(['nope.txt'], dir);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /cannot read nope\.txt/);
  const bad = run(['--format', 'xml', 'x'], dir);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /unknown format "xml"/);
  assert.equal(run(['--fail-level', 'none', '工作总结.txt'], workspace({ '工作总结.txt': REPORT })).code, 0);
});

test('directories are walked for reports only; ordinary notes are skipped', () => {
  const dir = workspace({ 'a/工作总结.txt': REPORT, 'a/notes.txt': 'XX is a note\n', 'a/b/年度报告.md': '# 年度报告\n\n内容XX。\n' });
  const r = run(['--format', 'json', 'a'], dir);
  const files = [...new Set(JSON.parse(r.stdout).map((f: any) => f.file))];
  assert.deepEqual(files, [path.join('a', 'b', '年度报告.md'), path.join('a', '工作总结.txt')]);
});

test('reads UTF-16LE with BOM and GB18030 files', () => {
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('XX村情况报告\r\n', 'utf16le')]);
  // "XX镇工作总结" in GB18030: X X 镇(D5 F2) 工(B9 A4) 作(D7 F7) 总(D7 DC) 结(BD E1)
  const gb = Buffer.from([0x58, 0x58, 0xd5, 0xf2, 0xb9, 0xa4, 0xd7, 0xf7, 0xd7, 0xdc, 0xbd, 0xe1, 0x0a]);
  const dir = workspace({ 'u16.report.txt': utf16, 'gb.report.txt': gb });
  const r = run(['--format', 'json', 'gb.report.txt', 'u16.report.txt'], dir);
  const ph = JSON.parse(r.stdout).filter((f: any) => f.rule === 'placeholder').map((f: any) => `${f.file}:${f.line}:${f.column}`);
  assert.deepEqual(ph, ['gb.report.txt:1:1', 'u16.report.txt:1:1']);
});

test('a binary file named on the command line is refused with exit 2', () => {
  const dir = workspace({ 'x.report': Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0xff]) });
  const r = run(['x.report'], dir);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /binary file/);
});

test('--fix applies safe fixes in place and keeps a backup', () => {
  const dir = workspace({ '工作总结.txt': '##paidbegin##\nXX镇工作总结\n开展活动5次，，成效明显、、有力，。\n' });
  const r = run(['--fix', '工作总结.txt'], dir);
  assert.equal(fs.readFileSync(path.join(dir, '工作总结.txt'), 'utf8'), 'XX镇工作总结\n开展活动5次，成效明显、有力，。\n');
  assert.equal(fs.readFileSync(path.join(dir, '工作总结.txt.bak'), 'utf8'), '##paidbegin##\nXX镇工作总结\n开展活动5次，，成效明显、、有力，。\n');
  assert.match(r.stderr, /fixed 工作总结\.txt/);
  // What is left needs a person: the placeholder, and ，。 (which mark to keep is a choice).
  const left = r.stdout.split('\n').filter((l) => /\[(placeholder|duplicate-punctuation)\]/.test(l)).map((l) => l.replace(/ warning /, ' ').replace(/\] .*/, ']'));
  assert.deepEqual(left, ['工作总结.txt:1:1: [placeholder]', '工作总结.txt:2:15: [duplicate-punctuation]']);
});

test('--format github prints workflow annotations with escaped properties', () => {
  const dir = workspace({ '工作总结.txt': REPORT });
  const r = run(['--format', 'github', '工作总结.txt'], dir);
  assert.equal(r.stdout.split('\n').find((l) => l.includes('placeholder')), '::warning file=工作总结.txt,line=1,col=1,endLine=1,endColumn=3,title=report-lint placeholder::Unfilled placeholder "XX": replace it with the real text.');
});

test('--format sarif validates against the SARIF 2.1.0 schema', () => {
  const dir = workspace({ '工作总结.txt': REPORT, '.reportlint.yaml': 'rules:\n  placeholder: error\n' });
  const r = run(['--format', 'sarif', '工作总结.txt'], dir);
  const log = JSON.parse(r.stdout);
  const req = createRequire(path.resolve('node_modules/@microsoft/jest-sarif/package.json'));
  const Ajv = req('ajv');
  const schema = req('./lib/schemas/sarif-2.1.0-rtm.5.json');
  const ajv = new Ajv({ schemaId: 'id', allErrors: true });
  ajv.addMetaSchema(req('ajv/lib/refs/json-schema-draft-04.json'));
  const valid = ajv.validate(schema, log);
  assert.equal(valid, true, JSON.stringify(ajv.errors?.slice(0, 3)));
  assert.deepEqual(
    log.runs[0].results
      .filter((x: any) => x.ruleId === 'placeholder' || x.ruleId === 'duplicate-punctuation')
      .map((x: any) => [x.ruleId, x.level, x.locations[0].physicalLocation.region.startLine, x.locations[0].physicalLocation.region.startColumn]),
    [['placeholder', 'error', 1, 1], ['duplicate-punctuation', 'warning', 4, 7]],
  );
});

test('a mistyped rule id in .reportlint.yaml is reported with a suggestion', () => {
  const dir = workspace({ '.reportlint.yaml': 'rules:\n  placehoder: off\n', '工作总结.txt': REPORT });
  const r = run(['工作总结.txt'], dir);
  assert.equal(r.stdout.split('\n')[0], '.reportlint.yaml:2:3: warning [config] rules: unknown rule "placehoder" (did you mean "placeholder"?)');
});

test('--export docx and html write the report; the Word writer loads from dist/docx-lib.js', () => {
  const dir = workspace({ '工作总结.txt': REPORT });
  const docx = run(['--export', 'docx', 'out.docx', '工作总结.txt'], dir);
  assert.equal(docx.code, 0, docx.stderr);
  const bytes = fs.readFileSync(path.join(dir, 'out.docx'));
  assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK');
  const html = run(['--export', 'html', 'out.html', '工作总结.txt'], dir);
  assert.equal(html.code, 0, html.stderr);
  assert.match(fs.readFileSync(path.join(dir, 'out.html'), 'utf8'), /<title>XX镇2024年工作总结<\/title>/);
  const bad = run(['--export', 'pdf', 'x.pdf', '工作总结.txt'], dir);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--export needs docx or html/);
});
