// `.reportlint.yaml`: problems carry the line and column in the config file; defaults are used
// meanwhile; a valid config is applied.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfig, lint, findRule } from '../../server/src/engine';

const brief = (yaml: string) => parseConfig(yaml).problems.map((p) => [p.line, p.column, p.severity, p.message]);

test('malformed YAML is a problem at its line and column, and the defaults are used', () => {
  const { problems, config } = parseConfig('rules:\n  placeholder: off\nplaceholders: [XX\n');
  assert.deepEqual(problems.map((p) => [p.line, p.column, p.severity]), [[4, 1, 'error']]);
  assert.match(problems[0].message, /^YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a \]/);
  assert.deepEqual(config.rules, {});
  // A bad indent is placed where the parser stops making sense of it.
  const indent = parseConfig('rules:\n  placeholder: off\n   bad: indent\n').problems;
  assert.deepEqual([indent[0].line, indent[0].column], [2, 16]);
});

test('wrong types are reported on the offending value', () => {
  assert.deepEqual(brief('rules:\n  placeholder: loud\n'), [
    [2, 16, 'error', 'config.rules.placeholder: "loud" is not one of off, hint, info, warning, error'],
  ]);
  assert.deepEqual(brief('profile: 3\n'), [[1, 10, 'error', 'config.profile must be a string']]);
  assert.deepEqual(brief('placeholders:\n  extra: 待定\n'), [[2, 10, 'error', 'config.placeholders.extra must be a list']]);
});

test('unknown keys are warnings that name the known ones', () => {
  const [p] = parseConfig('profile: zh-work-summary\ncolour: red\n').problems;
  assert.deepEqual([p.line, p.column, p.severity], [2, 1, 'warning']);
  assert.match(p.message, /^config: unknown key "colour" \(known: profile, rules, placeholders, /);
});

test('a regex that can backtrack catastrophically is rejected on its line', () => {
  const { problems, config } = parseConfig('placeholders:\n  extra:\n    - 待定\n    - "/(a+)+$/"\n');
  assert.deepEqual(problems.map((p) => [p.line, p.column, p.severity]), [[4, 7, 'error']]);
  assert.match(problems[0].message, /unsafe regular expression \/\(a\+\)\+\$\/: a repeated group contains a repetition/);
  assert.deepEqual(config.placeholders.extra.map((p) => p.source), ['待定']);
});

test('an invalid regex is a problem too', () => {
  const [p] = parseConfig('placeholders:\n  ignore: ["/[a-/"]\n').problems;
  assert.equal(p.line, 2);
  assert.match(p.message, /^invalid regular expression/);
});

test('a binary or empty file does not crash', () => {
  assert.deepEqual(parseConfig('').problems, []);
  assert.match(parseConfig('a\u0000b').problems[0].message, /binary/);
});

test('a valid config is applied: profile, severities, placeholder patterns, section overrides', () => {
  const yaml = [
    'profile: zh-work-summary',
    'rules:',
    '  duplicate-punctuation: error',
    '  heading-numbering: off',
    'placeholders:',
    '  extra: [待定]',
    '  ignore: ["/某某+/"]',
    'sections:',
    '  - id: signature',
    '    required: false',
  ].join('\n');
  const { config, problems } = parseConfig(yaml);
  assert.deepEqual(problems, []);
  assert.equal(config.profile, 'zh-work-summary');
  const text = '关于某某村的情况\n现将有关情况报告如下：\n一、主要做法\n时间待定，，。\n三、存在的问题\n一是形式单一。\n下一步，我们将加强学习。';
  const result = lint(text, { format: 'plain', config });
  assert.equal(result.profile?.id, 'zh-work-summary');
  assert.deepEqual(
    result.findings.filter((f) => ['placeholder', 'duplicate-punctuation', 'heading-numbering', 'required-section'].includes(f.rule)).map((f) => [f.rule, f.severity, text.slice(f.start, f.end)]),
    [
      ['placeholder', 'warning', '待定'],
      ['duplicate-punctuation', 'error', '，，。'],
    ],
  );
  assert.ok(findRule('heading-numbering'));
});
