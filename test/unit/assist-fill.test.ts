// Placeholder filling from `variables:` and `fill:`, renumbering a heading level, and the
// max-length rule with its config. Each test: a report in, the exact edits or findings out.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lint, parseConfig, parseReport, configJsonSchema, type TextEdit } from '../../server/src/engine';
import { placeholderFixes, fillAllPlaceholders, renumberEdits, renumberFix, numberedBlockAt } from '../../server/src/engine/assist';

const CONFIG = parseConfig(['variables:', '  单位: 红河镇', '  年度: 2024', '  上级: 县委宣传部', 'fill:', '  xx镇: 单位', '  20XX: 年度', '  XX部门: 上级', ''].join('\n'));

/** Applies edits (non-overlapping) to a text, as the editor does in one step. */
function apply(text: string, edits: TextEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

const REPORT = [
  'XX镇20XX年度意识形态工作总结',
  'XX部门：',
  '20XX年，ＸＸ镇党委认真落实意识形态工作责任制。现将有关情况总结如下：',
  '一、主要做法',
  '由【单位】党委统一部署，XX名干部参加培训。',
  '二、存在的问题',
  '问题。',
  '三、下一步工作打算',
  '打算。',
  'XX镇',
  '2024年12月28日',
].join('\n');

test('variables, fill and maxLength are valid config keys; a number is a valid variable value', () => {
  assert.deepEqual(CONFIG.problems, []);
  assert.deepEqual(CONFIG.config.extensions.variables, { 单位: '红河镇', 年度: 2024, 上级: '县委宣传部' });
  const bad = parseConfig('variables:\n  单位: [a, b]\nmaxLength:\n  document: many\n');
  assert.deepEqual(bad.problems.map((p) => [p.line, p.message]), [
    [2, 'config.variables.单位 must be a single value (text or number)'],
    [4, 'config.maxLength.document must be a number'],
  ]);
  const schema = JSON.stringify(configJsonSchema());
  assert.ok(schema.includes('"variables"') && schema.includes('["string","number","boolean"]') && schema.includes('"maxLength"'));
});

test('quick fixes on one placeholder: replace it, and replace all N occurrences of its text', () => {
  const r = lint(REPORT, { format: 'plain', config: CONFIG.config });
  const first = r.findings.find((f) => f.rule === 'placeholder')!;
  assert.equal(REPORT.slice(first.start, first.end), 'XX');
  const fixes = placeholderFixes(r.model, first, CONFIG.config);
  const at = (s: string, from = 0) => REPORT.indexOf(s, from);
  assert.deepEqual(fixes, [
    { title: { zh: '替换为“红河镇”（变量“单位”）', en: 'Replace with "红河镇" (variable 单位)' }, edits: [{ start: 0, end: 3, newText: '红河镇' }] },
    {
      title: { zh: '全部3处“xx镇”替换为“红河镇”', en: 'Replace all 3 occurrences of "xx镇" with "红河镇"' },
      edits: [
        { start: 0, end: 3, newText: '红河镇' },
        { start: at('ＸＸ镇'), end: at('ＸＸ镇') + 3, newText: '红河镇' },
        { start: at('XX镇\n2024'), end: at('XX镇\n2024') + 3, newText: '红河镇' },
      ],
    },
  ]);
});

test('a bracketed placeholder naming a variable needs no fill entry; an unmapped one gets no fix', () => {
  const r = lint(REPORT, { format: 'plain', config: CONFIG.config });
  const bracket = r.findings.find((f) => REPORT.slice(f.start, f.end) === '【单位】')!;
  assert.deepEqual(placeholderFixes(r.model, bracket, CONFIG.config).map((f) => f.edits), [[{ start: bracket.start, end: bracket.end, newText: '红河镇' }]]);
  const people = r.findings.find((f) => REPORT.slice(f.start, f.end + 2) === 'XX名干')!;
  assert.deepEqual(placeholderFixes(r.model, people, CONFIG.config), []);
});

test('fill all: one edit list for every mapped placeholder; only unmapped ones stay for the placeholder rule', () => {
  const r = lint(REPORT, { format: 'plain', config: CONFIG.config });
  const edits = fillAllPlaceholders(r.model, CONFIG.config, r.findings);
  const filled = apply(REPORT, edits);
  assert.equal(filled, [
    '红河镇2024年度意识形态工作总结',
    '县委宣传部：',
    '2024年，红河镇党委认真落实意识形态工作责任制。现将有关情况总结如下：',
    '一、主要做法',
    '由红河镇党委统一部署，XX名干部参加培训。',
    '二、存在的问题',
    '问题。',
    '三、下一步工作打算',
    '打算。',
    '红河镇',
    '2024年12月28日',
  ].join('\n'));
  assert.equal(edits.length, 7);
  const after = lint(filled, { format: 'plain', config: CONFIG.config }).findings.filter((f) => f.rule === 'placeholder');
  assert.deepEqual(after.map((f) => filled.slice(f.start, f.end)), ['XX']);
});

test('fill keys match across case and width, and a CRLF file keeps exact offsets', () => {
  const text = '𠮷xx镇\r\nＸＸ镇工作\r\n';
  const model = parseReport(text, 'plain');
  assert.deepEqual(fillAllPlaceholders(model, CONFIG.config), [
    { start: 2, end: 5, newText: '红河镇' },
    { start: 7, end: 10, newText: '红河镇' },
  ]);
});

test('without variables nothing is offered', () => {
  const r = lint(REPORT, { format: 'plain' });
  assert.deepEqual(placeholderFixes(r.model, r.findings[0], parseConfig('').config), []);
  assert.deepEqual(fillAllPlaceholders(r.model, parseConfig('').config, r.findings), []);
});

const HEADINGS = ['XX镇工作总结', '一、甲', '二、乙', '四、丙', '（一）子一', '（三）子二', '五、丁', '（一）子三', '七、戊'].join('\n');

test('renumber from a heading: its level, to the end of its parent, as one edit list', () => {
  const model = parseReport(HEADINGS, 'plain');
  const at = (s: string) => HEADINGS.indexOf(s);
  assert.deepEqual(renumberEdits(model, numberedBlockAt(model, at('四、'))!), [
    { start: at('四、'), end: at('四、') + 2, newText: '三、' },
    { start: at('五、'), end: at('五、') + 2, newText: '四、' },
    { start: at('七、'), end: at('七、') + 2, newText: '五、' },
  ]);
  // One level down: only the siblings under the same parent.
  assert.deepEqual(renumberEdits(model, numberedBlockAt(model, at('（三）'))!), [{ start: at('（三）'), end: at('（三）') + 3, newText: '（二）' }]);
  // Nothing to change.
  assert.deepEqual(renumberEdits(model, numberedBlockAt(model, at('一、'))!).length, 3);
  assert.deepEqual(renumberEdits(model, numberedBlockAt(model, at('二、'))!).length, 3);
});

test('renumbering stops where a new list starts at 1, as heading-numbering reads it', () => {
  const text = '一、甲\n1.a\n2.b\n4.c\n说明：\n1.d\n2.e';
  const model = parseReport(text, 'plain');
  assert.deepEqual(renumberEdits(model, numberedBlockAt(model, text.indexOf('4.'))!), [{ start: text.indexOf('4.'), end: text.indexOf('4.') + 2, newText: '3.' }]);
  // A repeated 1. goes on: 1. 1. 3. → 1. 2. 3.
  const rep = '一、甲\n1.a\n1.b\n3.c';
  const m2 = parseReport(rep, 'plain');
  assert.deepEqual(renumberEdits(m2, m2.numbered[2]), [{ start: rep.indexOf('1.b'), end: rep.indexOf('1.b') + 2, newText: '2.' }]);
});

test('a wrong-form finding gets no renumber fix (it has its own)', () => {
  const text = 'XX镇工作总结\n一、甲\n二.乙';
  const r = lint(text, { format: 'plain' });
  const form = r.findings.find((f) => f.rule === 'heading-numbering')!;
  assert.equal((form.data as { kind: string }).kind, 'form');
  assert.equal(renumberFix(r.model, form), undefined);
});

test('renumbering goes past 十: 十一、 and 二十、; wrong forms are rewritten too', () => {
  const cn = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五', '十六', '十七', '十八', '十九', '二十', '二十一'];
  const lines = ['XX镇工作总结', ...cn.slice(0, 9).map((n) => `${n}、项`), '十二、项', ...cn.slice(11, 20).map((n) => `${n}、项`), '二十二、项', '3、小项'];
  const text = lines.join('\n');
  const model = parseReport(text, 'plain');
  const edits = renumberEdits(model, numberedBlockAt(model, text.indexOf('十二、'))!);
  const out = apply(text, edits).split('\n');
  assert.deepEqual(out.slice(10, 12), ['十、项', '十一、项']);
  assert.deepEqual(out.slice(19, 21), ['十九、项', '二十、项']);
  const form = parseReport('一、甲\n1.乙\n3、丙', 'plain');
  assert.deepEqual(renumberEdits(form, form.numbered[2]), [{ start: 8, end: 10, newText: '2.' }]);
});

test('the heading-numbering finding gets a "Renumber from here" fix', () => {
  const r = lint(HEADINGS, { format: 'plain' });
  const gap = r.findings.find((f) => f.rule === 'heading-numbering' && HEADINGS.slice(f.start, f.end) === '四、')!;
  const fix = renumberFix(r.model, gap)!;
  assert.deepEqual(fix.title, { zh: '从此处起重新编号（改动3处）', en: 'Renumber from here (3 markers)' });
  const fixed = apply(HEADINGS, fix.edits);
  assert.equal(fixed, ['XX镇工作总结', '一、甲', '二、乙', '三、丙', '（一）子一', '（三）子二', '四、丁', '（一）子三', '五、戊'].join('\n'));
});

const LONG = ['XX镇2024年度工作总结', '现将有关情况总结如下：', '一、主要做法', '开展活动十二次。', '二、存在的问题', '学习不够深入，宣传不够到位。', '三、下一步工作打算', '加强学习。'].join('\n');

test('max-length: the document and a section over their limits, counted as 字数', () => {
  const config = parseConfig(['maxLength:', '  document: 40', '  sections:', '    存在的问题: 10', '  profiles:', '    zh-duty-report:', '      document: 5', ''].join('\n'));
  assert.deepEqual(config.problems, []);
  const r = lint(LONG, { format: 'plain', config: config.config });
  const found = r.findings.filter((f) => f.rule === 'max-length');
  assert.deepEqual(found.map((f) => [f.severity, LONG.slice(f.start, f.end), f.message.zh, f.message.en]), [
    ['info', 'XX镇2024年度工作总结', '全文共69字，超过规定的40字，需压缩29字。', 'The report has 69 characters, 29 over the limit of 40.'],
    ['info', '二、存在的问题', '“存在的问题”部分共21字，超过规定的10字，需压缩11字。', 'The problems section has 21 characters, 11 over the limit of 10.'],
  ]);
});

test('max-length: within limits, or no limits, nothing; a profile’s own limit wins', () => {
  assert.deepEqual(lint(LONG, { format: 'plain' }).findings.filter((f) => f.rule === 'max-length'), []);
  const roomy = parseConfig('maxLength:\n  document: 69\n  sections: {problems: 21}\n').config;
  assert.deepEqual(lint(LONG, { format: 'plain', config: roomy }).findings.filter((f) => f.rule === 'max-length'), []);
  const perProfile = parseConfig('maxLength:\n  document: 1000\n  profiles:\n    zh-work-summary: {document: 60}\n').config;
  assert.deepEqual(lint(LONG, { format: 'plain', config: perProfile }).findings.filter((f) => f.rule === 'max-length').map((f) => f.data), [{ scope: 'document', count: 69, limit: 60 }]);
});
