// term: official formulations from the dated dictionary (data/terms.yaml) and from `terms:` in
// .reportlint.yaml — known wrong forms, near misses, and fixed series (四个意识).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lint, findRule, parseConfig, type Finding } from '../../server/src/engine';
import { builtinTerms } from '../../server/src/engine/rules/term';

function run(text: string, configText?: string) {
  const parsed = configText ? parseConfig(configText) : undefined;
  if (parsed) assert.deepEqual(parsed.problems, []);
  const r = lint(text, { format: 'plain', rules: [findRule('term')!], config: parsed?.config });
  assert.deepEqual(r.failures, []);
  return r;
}
const spans = (text: string, fs: Finding[]) => fs.map((f) => text.slice(f.start, f.end));
const firstFix = (f: Finding) => f.fixes?.[0]?.edits[0]?.newText;

test('every dictionary entry names its source and an effective date', () => {
  for (const e of builtinTerms()) {
    assert.ok(e.source && e.source.length > 4, `${e.id} has a source`);
    assert.match(e.effective ?? '', /^\d{4}-\d{2}-\d{2}$/, `${e.id} has an effective date`);
  }
});

test('两个确立 takes 同志, 两个维护 takes 总书记: the swapped forms are reported and fixed', () => {
  const text = '确立习近平总书记党中央的核心、全党的核心地位。\n坚决维护习近平同志党中央的核心、全党的核心地位。\n';
  const r = run(text);
  assert.deepEqual(spans(text, r.findings), ['确立习近平总书记', '维护习近平同志']);
  assert.deepEqual(r.findings.map(firstFix), ['确立习近平同志', '维护习近平总书记']);
  const right = '确立习近平同志党中央的核心、全党的核心地位，确立习近平新时代中国特色社会主义思想的指导地位。\n坚决维护习近平总书记党中央的核心、全党的核心地位，坚决维护党中央权威和集中统一领导。\n';
  assert.deepEqual(run(right).findings, []);
});

test('a narrative 确立了… is not the formulation, but the swap is still caught there', () => {
  assert.deepEqual(run('全会确立了习近平新时代中国特色社会主义思想的指导地位。\n').findings, []);
  const text = '全会确立了习近平总书记党中央的核心、全党的核心地位。\n';
  const r = run(text);
  assert.deepEqual(spans(text, r.findings), ['确立了习近平总书记']);
  assert.equal(firstFix(r.findings[0]), '确立了习近平同志');
});

test('a near miss of a canonical text (a 、 typed as ，) is reported with the canonical text as fix', () => {
  const text = '确立习近平同志党中央的核心，全党的核心地位。\n';
  const r = run(text);
  assert.deepEqual(spans(text, r.findings), ['确立习近平同志党中央的核心，全党的核心地位']);
  assert.equal(firstFix(r.findings[0]), '确立习近平同志党中央的核心、全党的核心地位');
});

test('CRLF lines and characters outside the BMP keep offsets exact; a near miss never splits 𠮷', () => {
  const text = '𠮷村学习二十大三中全会精神。\r\n坚持习近平新时代中国特色社会主义思𠮷。\r\n';
  const r = run(text);
  assert.deepEqual(spans(text, r.findings), ['二十大三中全会']);
  assert.equal(r.findings[0].start, text.indexOf('二十大'));
});

test('四个意识: wrong order, or a member missing; the right order and the short forms are fine', () => {
  const text = '牢固树立政治意识、核心意识、大局意识、看齐意识。\n增强政治意识、大局意识、核心意识。\n';
  const r = run(text);
  assert.deepEqual(r.findings.map((f) => [text.slice(f.start, f.end), f.data?.kind]), [
    ['政治意识、核心意识、大局意识、看齐意识', 'order'],
    ['政治意识、大局意识、核心意识', 'missing'],
  ]);
  assert.equal(firstFix(r.findings[0]), '政治意识、大局意识、核心意识、看齐意识');
  assert.deepEqual(run('增强“四个意识”、坚定“四个自信”、做到“两个维护”。牢固树立政治意识、大局意识、核心意识、看齐意识。增强政治意识和责任意识。\n').findings, []);
  assert.deepEqual(run('抓好政治、大局、核心意识形态工作。\n').findings, []);
});

test('四个自信 in the wrong order, written with one shared suffix', () => {
  const text = '坚定道路、制度、理论、文化自信。\n';
  const r = run(text);
  assert.deepEqual(spans(text, r.findings), ['道路、制度、理论、文化自信']);
  assert.equal(firstFix(r.findings[0]), '道路、理论、制度、文化自信');
});

test('不忘初心，牢记使命 as a name takes 、; in running prose the comma is kept', () => {
  const text = '开展“不忘初心，牢记使命”主题教育。\n深化不忘初心，牢记使命主题教育成果。\n';
  const r = run(text);
  assert.deepEqual(spans(text, r.findings), ['不忘初心，牢记使命', '不忘初心，牢记使命']);
  assert.deepEqual(run('我们要不忘初心，牢记使命，继续前进。\n').findings, []);
});

test('二十大三中全会 → 二十届三中全会; 党的20大 → 党的二十大; ××省省委书记 → ××省委书记', () => {
  const text = '学习二十大三中全会精神，贯彻党的20大部署，浙江省省委书记讲话。\n';
  const r = run(text);
  assert.deepEqual(spans(text, r.findings), ['二十大三中全会', '党的20大', '省省委书记']);
  assert.deepEqual(r.findings.map(firstFix), ['二十届三中全会', '党的二十大', '省委书记']);
  assert.deepEqual(run('学习党的二十大和二十届三中全会精神，浙江省委书记讲话。\n').findings, []);
});

test('习近平新时代中国特色社会主义思想 truncated, or with 新时代 dropped; other named thoughts are fine', () => {
  const text = '坚持学习习近平新时代中国特色社会主义，用习近平中国特色社会主义思想武装头脑。\n';
  const r = run(text);
  assert.deepEqual(spans(text, r.findings), ['习近平新时代中国特色社会主义', '习近平中国特色社会主义思想']);
  assert.ok(r.findings.every((f) => firstFix(f) === '习近平新时代中国特色社会主义思想'));
  assert.deepEqual(run('以习近平新时代中国特色社会主义思想为指导，学习习近平经济思想、习近平新时代中国特色社会主义经济思想和习近平强军思想。\n').findings, []);
});

test('entries do not apply to reports written before their effective date', () => {
  const text = '政府工作报告\n——2016年3月5日在第十二届全国人民代表大会第四次会议上\n紧密团结在以习近平总书记为核心的党中央周围。\n';
  assert.deepEqual(run(text).findings, []);
  assert.equal(run(text.replace('2016年3月5日', '2017年3月5日')).findings.length, 1);
});

test('建国70周年 is usage advice (info): 新中国成立70周年', () => {
  const text = '纪念建国70周年，创建国家园林城市。\n';
  const r = run(text);
  assert.deepEqual(r.findings.map((f) => [text.slice(f.start, f.end), f.severity, firstFix(f)]), [['建国', 'info', '新中国成立']]);
});

test('`terms:` in .reportlint.yaml adds formulations: listed wrong forms (literal or /regex/) and near misses', () => {
  const config = 'terms:\n  - canonical: 城关镇乡村振兴示范带\n    wrong: [乡村振兴城关示范带, /城关镇乡村振兴示范(区|片)/]\n    source: 县委〔2024〕5号文件\n';
  const text = '建设乡村振兴城关示范带，打造城关镇乡村振兴示范区，推进城关镇乡村振兴示范代。\n建设城关镇乡村振兴示范带。\n';
  const r = run(text, config);
  assert.deepEqual(spans(text, r.findings), ['乡村振兴城关示范带', '城关镇乡村振兴示范区', '城关镇乡村振兴示范代']);
  assert.ok(r.findings.every((f) => firstFix(f) === '城关镇乡村振兴示范带'));
  assert.match(r.findings[0].message.zh, /县委〔2024〕5号文件/);
});

test('`terms:` with an unsafe regex is a config problem, not a crash', () => {
  const parsed = parseConfig('terms:\n  - canonical: 示范带\n    wrong: [/(a+)+b/]\n');
  assert.equal(parsed.problems.length, 1);
  assert.match(parsed.problems[0].message, /unsafe/);
  const r = lint('示范带。\n', { format: 'plain', rules: [findRule('term')!], config: parsed.config });
  assert.deepEqual(r.failures, []);
});
