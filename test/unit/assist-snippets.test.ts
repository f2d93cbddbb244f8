// The snippets in snippets/report.code-snippets.json: valid VS Code snippet syntax, the prefixes
// Chinese users type, and skeletons that, left as inserted, the checker reports only as placeholders.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import snippets from '../../snippets/report.code-snippets.json';
import { lint } from '../../server/src/engine';
import { parseSnippet, expandSnippet, dateVariables, SnippetSyntaxError } from './assist-snippet-syntax';

interface Snippet {
  prefix: string[];
  body: string[];
  description: string;
}
const all = snippets as Record<string, Snippet>;
const DAY = dateVariables(new Date(2026, 2, 5)); // 5 March 2026: month and day need their zero dropped
const expand = (name: string) => expandSnippet(parseSnippet(all[name].body.join('\n')), DAY);

test('the validator accepts every construct of the snippet grammar', () => {
  const ok = [
    'plain text',
    '$1 $0',
    '${1} ${2:default} ${3:nested ${4:inner}}',
    '${1|one,two,three|}',
    '${1|a\\,b,c\\|d|}',
    '$CURRENT_YEAR ${CURRENT_MONTH} ${TM_FILENAME:untitled}',
    '${CURRENT_MONTH/^0//}',
    '${TM_FILENAME/(.*)\\.(.*)/${1:/upcase}-$2/g}',
    '${1/(a)|(b)/${1:+A}${2:?B:C}${2:-none}${1:else}/}',
    '${1/a\\/b/x\\/y/i}',
    'cost \\$5 and a \\} and a \\\\',
  ];
  for (const s of ok) assert.doesNotThrow(() => parseSnippet(s), s);
  assert.deepEqual(parseSnippet('${1|a\\,b,c|}'), [{ type: 'choice', index: 1, options: ['a,b', 'c'] }]);
  assert.deepEqual(parseSnippet('\\$1'), [{ type: 'text', value: '$1' }]);
});

test('the validator rejects malformed snippets', () => {
  const bad = [
    '${1:XX', // unterminated placeholder
    'price $ 5', // stray $
    '${1|a,b}', // choice not closed with |}
    '${0|a,b|}', // $0 cannot be a choice
    '${NOT_A_VARIABLE}',
    '$NOT_A_VARIABLE',
    '${CURRENT_MONTH/(/x/}', // invalid regex
    '${CURRENT_MONTH/0/x/q}', // invalid option
    '${CURRENT_MONTH/0/${1:/shout}/}', // unknown shorthand
    '${1:a} ${1:b}', // one tabstop, two defaults
    '$0 and $0',
    '${1 x}',
  ];
  for (const s of bad) assert.throws(() => parseSnippet(s), SnippetSyntaxError, s);
});

test('every snippet body parses as valid VS Code snippet syntax', () => {
  assert.ok(Object.keys(all).length >= 12);
  for (const [name, s] of Object.entries(all)) {
    assert.ok(Array.isArray(s.body) && s.body.length > 0, name);
    assert.ok(Array.isArray(s.prefix) && s.prefix.length > 0, name);
    assert.ok(s.description, name);
    assert.doesNotThrow(() => parseSnippet(s.body.join('\n')), name);
  }
});

test('prefixes: Chinese names, pinyin initials and English words', () => {
  const prefixes = new Set(Object.values(all).flatMap((s) => s.prefix));
  for (const p of ['工作总结', 'gzzj', '述职报告', 'szbg', '调研报告', 'dybg', '情况报告', 'qkbg', 'statusreport', 'summary', 'problems', 'nextsteps', 'signature', '落款', '一是', '存在的问题', '下一步工作打算']) {
    assert.ok(prefixes.has(p), p);
  }
  // No prefix leads to two different snippets.
  const seen = new Map<string, string>();
  for (const [name, s] of Object.entries(all)) for (const p of s.prefix) {
    assert.equal(seen.get(p) ?? name, name, `prefix ${p}`);
    seen.set(p, name);
  }
});

test('the 落款 date drops leading zeros as GB/T 9704 writes dates', () => {
  assert.equal(expand('落款 Signature and date'), 'XX单位\n2026年3月5日');
  const nov = dateVariables(new Date(2026, 10, 20));
  assert.equal(expandSnippet(parseSnippet(all['落款 Signature and date'].body.join('\n')), nov), 'XX单位\n2026年11月20日');
  assert.match(expand('Status report (skeleton)'), /\nMarch 5, 2026$/);
});

// Each skeleton as inserted: the genre is recognised, no section is missing, nothing but the
// placeholders is reported, and the placeholders are exactly the fields left to fill.
const SKELETONS: [string, string, string[]][] = [
  ['工作总结 Work summary (skeleton)', 'zh-work-summary', ['XX', 'XX', 'XX', 'XX', '【此处填写全年工作总体情况】', 'XX', '【此处填写具体做法、数据和成效】', 'XX', '【此处填写具体做法、数据和成效】', '【此处填写存在的问题和不足】', '【此处填写下一步工作思路和措施】', 'XX']],
  ['述职报告 Duty report (skeleton)', 'zh-duty-report', ['XX', 'XX', 'XXXX', 'XX', 'XX', 'XX', '【此处填写总体评价】', '【此处填写学习情况】', '【此处填写工作实绩和数据】', '【此处填写廉洁自律情况】', '【此处填写存在的问题和不足】', '【此处填写今后努力方向和措施】', 'XX']],
  ['调研报告 Research report (skeleton)', 'zh-research-report', ['XX', '【此处填写调研目的】', 'XXXX', 'XX', 'XX', 'XX', '【此处填写基本情况、主要做法和成效】', '【此处填写调研发现的主要问题】', '【此处填写问题产生的原因】', 'XX', '【此处填写具体建议】', 'XX', '【此处填写具体建议】', 'XX']],
  ['情况报告 Situation report (skeleton)', 'zh-work-summary', ['XX', 'XX', 'XX', 'XX', '【此处填写总体情况】', 'XX', '【此处填写具体做法、数据和成效】', 'XX', '【此处填写具体做法、数据和成效】', '【此处填写存在的问题和不足】', '【此处填写下一步工作思路和措施】', 'XX']],
  ['Status report (skeleton)', 'en-status-report', ['[Team name]', '[Insert reporting period]', '[Insert a short summary of the period]', '[Add accomplishments, with figures]', '[Add issues, impact and owners]', '[Add next steps, owners and due dates]', '[Your name]']],
];

for (const [name, profileId, placeholders] of SKELETONS) {
  for (const format of ['plain', 'markdown'] as const) {
    test(`${name} in ${format}: only its placeholders are reported`, () => {
      const text = expand(name);
      const r = lint(text, { format });
      assert.equal(r.profile?.id, profileId);
      assert.deepEqual(r.failures, []);
      const missing = r.sections.filter((m) => !m.block && m.section.required).map((m) => m.section.id);
      assert.deepEqual(missing, []);
      const others = r.findings.filter((f) => f.rule !== 'placeholder').map((f) => `${f.rule} ${r.model.lines.humanPosition(f.start).line}: ${text.slice(f.start, f.end)}`);
      assert.deepEqual(others, []);
      assert.deepEqual(r.findings.map((f) => text.slice(f.start, f.end)), placeholders);
    });
  }
}

test('the 情况报告 skeleton ends with 特此报告。 before the 落款', () => {
  const lines = expand('情况报告 Situation report (skeleton)').split('\n');
  assert.deepEqual(lines.slice(-4), ['特此报告。', '', 'XX镇', '2026年3月5日']);
});

test('each piece, inserted on its own, raises nothing but its placeholders', () => {
  const pieces = Object.keys(all).filter((k) => !k.includes('(skeleton)'));
  assert.equal(pieces.length, 7);
  for (const name of pieces) {
    const text = expand(name);
    const r = lint(text, { format: 'plain', profileId: 'zh-work-summary', config: undefined });
    // On its own a piece lacks the rest of the report: missing sections and a 二、 with no 一、 are expected.
    const others = r.findings.filter((f) => !['placeholder', 'required-section', 'heading-numbering'].includes(f.rule));
    assert.deepEqual(others.map((f) => `${f.rule}: ${text.slice(f.start, f.end)}`), [], name);
    assert.ok(r.findings.some((f) => f.rule === 'placeholder') || name.startsWith('特此报告'), name);
  }
});

test('the pieces are recognised where they belong: problems and next steps as their sections', () => {
  const text = [expand('工作总结 Work summary (skeleton)').split('\n二、存在的问题')[0], expand('存在的问题 Problems part').replace(/^二/, '二'), '', expand('下一步工作打算 Next steps part'), '', expand('落款 Signature and date')].join('\n');
  const r = lint(text, { format: 'plain' });
  assert.deepEqual(r.sections.filter((m) => !m.block).map((m) => m.section.id), ['experience']);
  assert.deepEqual(r.findings.filter((f) => f.rule !== 'placeholder').map((f) => f.rule), []);
});

test('the template command names only skeletons that exist', () => {
  const src = readFileSync(join(__dirname, '../../../client/src/templates.ts'), 'utf8');
  const named = Array.from(src.matchAll(/snippet: '([^']+)'/g), (m) => m[1]);
  assert.equal(named.length, 5);
  for (const n of named) assert.ok(all[n], n);
});
