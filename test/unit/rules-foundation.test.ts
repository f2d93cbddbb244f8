// The six foundation rules as specifications: a report snippet in, the exact findings out
// (rule, 1-based line, the text under the finding). Snippets are our own writing.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'fs';
import { resolve } from 'path';
import { lint, parseConfig, findRule, type DocumentFormat, type Finding, type ResolvedConfig } from '../../server/src/engine';

interface Options {
  format?: DocumentFormat;
  config?: ResolvedConfig;
  profileId?: string;
}

/** Runs one rule (or all six) and returns [rule, line, text] for each finding. */
function run(ruleId: string | undefined, text: string, opts: Options = {}): Finding[] {
  const rules = ruleId ? [findRule(ruleId)!] : FOUNDATION.map((id) => findRule(id)!);
  return lint(text, { format: opts.format ?? 'plain', config: opts.config, profileId: opts.profileId, rules }).findings;
}

const FOUNDATION = ['placeholder', 'artifact', 'duplicate-punctuation', 'heading-numbering', 'enumeration-sequence', 'required-section'];

function found(ruleId: string | undefined, text: string, opts: Options = {}): [string, number, string][] {
  return run(ruleId, text, opts).map((f) => {
    const line = text.slice(0, f.start).split(/\r\n|\r|\n/).length;
    return [f.rule, line, text.slice(f.start, f.end)];
  });
}

/** Only the matched texts, for one rule. */
const texts = (ruleId: string, text: string, opts: Options = {}) => found(ruleId, text, opts).map(([, , t]) => t);

const config = (yaml: string): ResolvedConfig => {
  const parsed = parseConfig(yaml);
  assert.deepEqual(parsed.problems, []);
  return parsed.config;
};

// ---------------------------------------------------------------------------------------------
// placeholder

test('placeholder: unfilled template markers in Chinese text', () => {
  const cases: [string, string[]][] = [
    ['全镇共XX人参加培训。', ['XX']],
    ['全镇共xx人参加培训。', ['xx']],
    ['由XXX同志牵头负责。', ['XXX']],
    ['全年接待群众××人次。', ['××']],
    ['全年接待群众ＸＸ人次。', ['ＸＸ']],
    ['某某村建成文化广场一处。', ['某某']],
    ['○○镇召开专题会议。', ['○○']],
    ['【填写单位名称】2024年工作总结', ['【填写单位名称】']],
    ['截至【日期】，全镇完成投资。', ['【日期】']],
    ['【单位名称】关于2024年工作情况的报告', ['【单位名称】']],
    ['负责人：____', ['____']],
    ['典型经验：待补充。', ['待补充']],
    ['TODO 补充第三季度数据。', ['TODO']],
    ['全年完成投资***万元。', ['***']],
    ['本项工作于20XX年启动。', ['XX']],
    ['党的XX大精神', ['XX']],
    ['由某某同志牵头。', ['某某']],
    ['东风镇人民政府\n2024年　　月　　日', ['年　　月　　日']],
    ['市教育局\n2020年5月 日', ['月 日']],
  ];
  for (const [text, want] of cases) assert.deepEqual(texts('placeholder', text), want, text);
});

test('placeholder: English template markers', () => {
  assert.deepEqual(texts('placeholder', 'Prepared by [Your Name] for the board.'), ['[Your Name]']);
  assert.deepEqual(texts('placeholder', 'Launch date: TBD.'), ['TBD']);
  assert.deepEqual(texts('placeholder', 'Revenue grew by ???.'), ['???']);
});

test('placeholder: look-alikes that are real text are left alone', () => {
  const clean = [
    '新购X射线检测设备两台。',
    '建设2×35万千瓦热电联产项目。',
    '实施“数据要素×”三年行动。',
    'We finished the Xbox port in May.',
    'The XX Olympic Winter Games were held in Turin; the XXII in Sochi.',
    'HTTP 5xx errors fell by half after the fix.',
    '二〇〇五年建成，二○○八年扩建。',
    '【典型案例】东风村建成了文化广场。',
    '【时间】2024年3月5日',
    '详见参考文献[1]和[2]。',
    'The [Project Atlas] team shipped on time.',
    '原村委会主任王某某违规发放补贴，已移送司法机关。',
    '2024 年 3 月 5 日召开会议。',
  ];
  for (const text of clean) assert.deepEqual(texts('placeholder', text), [], text);
});

test('placeholder: Markdown rules, ***bold*** and task boxes are not placeholders; *** in text is', () => {
  const md = '# 2024年工作总结\n\n***\n\n这是***重点***工作。\n\n- [ ] 完成验收\n\n全年完成投资 *** 万元。\n';
  assert.deepEqual(found('placeholder', md, { format: 'markdown' }), [['placeholder', 9, '***']]);
  assert.deepEqual(texts('placeholder', '这是___重点___工作。\n\n姓名：___\n', { format: 'markdown' }), ['___']);
  // In plain text a line of *** is a separator.
  assert.deepEqual(texts('placeholder', '第一部分\n***\n第二部分'), []);
});

test('placeholder: config adds patterns (literal and /regex/) and ignores others', () => {
  const cfg = config(['placeholders:', '  extra: [待定, "/（此处[^）]{0,10}）/"]', '  ignore: [XX大, "/[Xx]{2}镇/"]', ''].join('\n'));
  const text = '学习党的XX大精神。\nxx镇共有（此处写人数）人，时间待定。\n某某村';
  assert.deepEqual(found('placeholder', text, { config: cfg }), [
    ['placeholder', 2, '（此处写人数）'],
    ['placeholder', 2, '待定'],
    ['placeholder', 3, '某某'],
  ]);
});

test('placeholder: offsets are UTF-16, after a surrogate pair and across CRLF', () => {
  const text = '第一行\r\n𠮷XX村';
  const [f] = run('placeholder', text);
  assert.equal(text.slice(f.start, f.end), 'XX');
  assert.equal(f.start, '第一行\r\n𠮷'.length);
  assert.equal(f.message.zh, '占位符“XX”未填写，请替换为实际内容。');
});

// ---------------------------------------------------------------------------------------------
// artifact

test('artifact: scraping markers, with a fix that deletes a marker line whole', () => {
  const text = '一、主要做法\n##paidbegin##\n正文内容。##paidend##\n';
  const fs = run('artifact', text);
  assert.deepEqual(fs.map((f) => text.slice(f.start, f.end)), ['##paidbegin##', '##paidend##']);
  assert.deepEqual(fs[0].fixes![0].edits, [{ start: text.indexOf('##paidbegin##'), end: text.indexOf('正文'), newText: '' }]);
  assert.deepEqual(fs[1].fixes![0].edits, [{ start: fs[1].start, end: fs[1].end, newText: '' }]);
});

test('artifact: replacement and zero-width characters', () => {
  assert.deepEqual(texts('artifact', '全镇共有\uFFFD个村。'), ['\uFFFD']);
  assert.deepEqual(texts('artifact', '加强\u200B学习'), ['\u200B']);
  assert.deepEqual(texts('artifact', '\uFEFF开头的BOM不算'), []);
  // A zero-width joiner inside an emoji sequence (👨‍👩‍👧) is part of the emoji.
  assert.deepEqual(texts('artifact', '家庭\u{1F468}\u200D\u{1F469}\u200D\u{1F467}活动'), []);
});

test('artifact: stray HTML in plain text, but not in Markdown and not comparisons', () => {
  assert.deepEqual(texts('artifact', '开展活动<br>共5次&nbsp;。'), ['<br>', '&nbsp;']);
  assert.deepEqual(texts('artifact', '开展活动<br>共5次。', { format: 'markdown' }), []);
  assert.deepEqual(texts('artifact', '当p<i且i>j时成立。'), []);
});

// ---------------------------------------------------------------------------------------------
// duplicate-punctuation

test('duplicate-punctuation: doubled and mixed marks, with keep-one fixes', () => {
  const text = '不在、、微博发布。加强学习，，提升能力。。完成任务；；推进：：落实，。';
  assert.deepEqual(texts('duplicate-punctuation', text), ['、、', '，，', '。。', '；；', '：：', '，。']);
  const [first] = run('duplicate-punctuation', text);
  assert.deepEqual(first.fixes!.map((x) => [x.edits[0].newText, x.safe]), [['、', true]]);
  const mixed = run('duplicate-punctuation', '完成任务，。')[0];
  assert.deepEqual(mixed.fixes!.map((x) => [x.edits[0].newText, x.safe]), [['，', false], ['。', false]]);
});

test('duplicate-punctuation: ？！, …… and —— are allowed', () => {
  assert.deepEqual(texts('duplicate-punctuation', '这难道不是成绩吗？！我们要继续努力……发展——这是关键。'), []);
});

// ---------------------------------------------------------------------------------------------
// heading-numbering

test('heading-numbering: a gap and a repeat at one level', () => {
  assert.deepEqual(found('heading-numbering', '一、主要做法\n二、工作成效\n四、存在问题'), [['heading-numbering', 3, '四、']]);
  assert.deepEqual(found('heading-numbering', '一、主要做法\n（一）加强领导\n（三）强化宣传'), [['heading-numbering', 3, '（三）']]);
  assert.deepEqual(found('heading-numbering', '一、主要做法\n二、工作成效\n二、存在问题'), [['heading-numbering', 3, '二、']]);
  const [gap] = run('heading-numbering', '一、主要做法\n二、工作成效\n四、存在问题');
  assert.equal(gap.message.zh, '序号不连续：“四、”之前缺少“三、”。');
});

test('heading-numbering: going back to an earlier number is a finding', () => {
  const [f] = run('heading-numbering', '一、甲\n二、乙\n三、丙\n二、丁');
  assert.equal(f.data?.kind, 'restart');
  assert.equal(f.message.en, 'Numbering goes back: expected "四、", not "二、".');
});

test('heading-numbering: numbering restarts under each parent heading', () => {
  const text = ['一、主要做法', '（一）加强领导', '1.压实责任', '2.健全机制', '（二）强化宣传', '1.建好阵地', '二、存在问题', '（一）形式单一'].join('\n');
  assert.deepEqual(found('heading-numbering', text), []);
});

test('heading-numbering: a new list at 1 after a lead-in is not a restart', () => {
  const text = ['一、主要做法', '二、工作成效', '三、存在问题', '下一步工作计划如下：', '一、抓好学习', '二、建好阵地'].join('\n');
  assert.deepEqual(found('heading-numbering', text), []);
});

test('heading-numbering: one report per person (1.张三 → 一、二、 → 2.李四) continues the outer list', () => {
  const text = ['1.张三（副校长）', '一、加强学习', '二、履职尽责', '2.李四（副校长）', '一、加强学习', '1.读原著', '2.写体会', '二、履职尽责', '3.王五（副校长）', '一、加强学习'].join('\n');
  assert.deepEqual(found('heading-numbering', text), []);
  // A gap in a sub-list is still a gap, even after an earlier list reached that number.
  const gap = ['一、做法', '1.甲', '2.乙', '3.丙', '二、成效', '1.丁', '2.戊', '4.己'].join('\n');
  assert.deepEqual(found('heading-numbering', gap), [['heading-numbering', 8, '4.']]);
});

test('heading-numbering: markers of the wrong form for their level, with a safe fix', () => {
  const text = ['一.加强领导', '(一)压实责任', '（二）、健全机制', '1、建立台账', '(1)按月更新'].join('\n');
  const fs = run('heading-numbering', text);
  assert.deepEqual(fs.map((f) => [text.slice(f.start, f.end), f.fixes![0].edits[0].newText, f.fixes![0].safe]), [
    ['一.', '一、', true],
    ['(一)', '（一）', true],
    ['（二）、', '（二）', true],
    ['1、', '1.', true],
    ['(1)', '（1）', true],
  ]);
});

test('heading-numbering: the official forms are not asked of English text', () => {
  assert.deepEqual(found('heading-numbering', 'Status Report\n(1) We shipped the importer.\n(2) We fixed the exporter.'), []);
});

test('heading-numbering: lists of numbers and decimals are not markers', () => {
  assert.deepEqual(found('heading-numbering', '一、二等奖各1名。\n3.5亿元用于基建。\n1、2月份完成。'), []);
});

test('heading-numbering: Markdown # headings carry markers; an ordered list is numbered as rendered', () => {
  const md = ['# 2024年工作总结', '', '## 一、主要做法', '', '## 三、存在问题', '', '1. 学习', '1. 宣传', '1. 研判', ''].join('\n');
  assert.deepEqual(found('heading-numbering', md, { format: 'markdown' }), [['heading-numbering', 5, '三、']]);
});

test('heading-numbering: a template that elides items with ﹕ has no gap', () => {
  assert.deepEqual(found('heading-numbering', '目录\n1.教学大纲\n2.第一讲\n﹕\n11.第十讲'), []);
});

// ---------------------------------------------------------------------------------------------
// enumeration-sequence

test('enumeration-sequence: 一是…二是…四是 has a gap; a repeat too', () => {
  assert.deepEqual(found('enumeration-sequence', '存在的问题：一是形式单一；二是载体不多；四是队伍薄弱。'), [['enumeration-sequence', 1, '四是']]);
  const [gap] = run('enumeration-sequence', '存在的问题：一是形式单一；二是载体不多；四是队伍薄弱。');
  assert.equal(gap.message.zh, '列举序号不连续：“四是”之前缺少“三是”。');
  assert.deepEqual(texts('enumeration-sequence', '主要有：一是甲；二是乙；二是丙。'), ['二是']);
});

test('enumeration-sequence: 第一…第三 has a gap', () => {
  assert.deepEqual(texts('enumeration-sequence', '我们的体会是：第一，抓学习；第三，抓落实。'), ['第三']);
});

test('enumeration-sequence: in order, idioms and words are fine', () => {
  assert.deepEqual(texts('enumeration-sequence', '主要做法：一是抓学习；二是抓宣传；三是抓落实。'), []);
  assert.deepEqual(texts('enumeration-sequence', '坚持一是一、二是二，实事求是。'), []);
  assert.deepEqual(texts('enumeration-sequence', '思想统一是前提；第一次会议顺利召开，第一书记到任。'), []);
  assert.deepEqual(texts('enumeration-sequence', '第一，抓学习。第三、四季度完成验收。'), []);
});

test('enumeration-sequence: a run continues across paragraphs, a heading ends it', () => {
  assert.deepEqual(found('enumeration-sequence', '问题如下：\n一是甲。\n二是乙。\n四是丁。'), [['enumeration-sequence', 4, '四是']]);
  assert.deepEqual(found('enumeration-sequence', '一、做法\n一是甲；二是乙。\n二、问题\n二是丙。'), []);
});

// ---------------------------------------------------------------------------------------------
// required-section

const COMPLETE = [
  '东风镇2024年度工作总结',
  '2024年，在县委的坚强领导下，现将有关情况总结如下：',
  '一、主要做法和成效',
  '全年组织集中学习12次。',
  '二、存在的问题',
  '一是形式单一；二是载体不多。',
  '三、下一步工作打算',
  '下一步，我们将加强学习。',
  '东风镇人民政府',
  '2024年12月28日',
];

test('required-section: a complete work summary has no findings', () => {
  assert.deepEqual(found('required-section', COMPLETE.join('\n')), []);
});

test('required-section: a missing section is reported on the title line, naming what was looked for', () => {
  const text = COMPLETE.filter((l, i) => i !== 4 && i !== 5).join('\n');
  const fs = run('required-section', text);
  assert.deepEqual(fs.map((f) => [text.slice(f.start, f.end), f.severity, f.data?.section]), [['东风镇2024年度工作总结', 'warning', 'problems']]);
  assert.match(fs[0].message.zh, /^缺少“存在的问题”部分（查找了：存在的问题、存在问题、/);
});

test('required-section: the usual ways of heading the problems part are recognised', () => {
  for (const heading of ['二、存在的主要问题', '二、问题与短板', '二、存在的不足及原因', '二、工作中的不足', '二、主要问题']) {
    const text = [...COMPLETE.slice(0, 4), heading, ...COMPLETE.slice(5)].join('\n');
    assert.deepEqual(found('required-section', text), [], heading);
  }
});

test('required-section: the missing 落款 is only info', () => {
  const fs = run('required-section', COMPLETE.slice(0, 8).join('\n'));
  assert.deepEqual(fs.map((f) => [f.severity, f.data?.section]), [['info', 'signature']]);
});

test('required-section: next steps before the problems are out of order', () => {
  const text = [COMPLETE[0], COMPLETE[1], COMPLETE[2], COMPLETE[3], '二、下一步工作打算', '下一步，我们将加强学习。', '三、存在的问题', '一是形式单一。', ...COMPLETE.slice(8)].join('\n');
  const fs = run('required-section', text);
  assert.deepEqual(fs.map((f) => [f.data?.section, f.data?.kind]), [['next-steps', 'order']]);
  assert.equal(fs[0].message.zh, '“下一步工作打算”部分应在“存在的问题”之后。');
});

test('required-section: unheaded problems and next steps are found by their opening phrases', () => {
  const text = [
    'XX镇意识形态工作总结报告',
    '2024年，镇党委高度重视意识形态工作，现将工作开展情况报告如下：',
    '一、加强组织领导',
    '年初召开专题会议。',
    '二、加强理论学习',
    '全年集中学习12次。',
    '但与上级要求相比，还存在一些不容忽视的问题：一是形式不够丰富；二是队伍力量薄弱。',
    '下一步，镇党委将坚持守正创新。',
  ].join('\n');
  assert.deepEqual(run('required-section', text).map((f) => [f.severity, f.data?.section]), [['info', 'signature']]);
});

test('required-section: a government work report that opens at 各位代表 has its profile and all parts', () => {
  const text = [
    '各位代表：',
    '现在，我代表县人民政府，向大会报告政府工作，请予审议。',
    '一、2024年工作回顾',
    '过去一年，全县经济稳中有进。',
    '我们也清醒看到，发展中还存在不少困难和问题。',
    '二、2025年工作安排',
    '今年经济社会发展的主要预期目标是：地区生产总值增长6%左右。',
    '（一）着力扩大有效投资。',
    '（二）着力保障和改善民生。',
    '各位代表！新征程对政府工作提出了新的更高要求。政府工作人员要廉洁奉公。',
  ].join('\n');
  const result = lint(text, { format: 'plain', rules: [findRule('required-section')!] });
  assert.equal(result.profile?.id, 'zh-gov-work-report');
  assert.deepEqual(result.findings, []);
});

// ---------------------------------------------------------------------------------------------
// configuration and in-document switches

test('config: a rule can be turned off or given another severity', () => {
  const text = '全镇共XX人，，参加。';
  assert.deepEqual(
    run(undefined, text, { config: config('rules:\n  placeholder: off\n  duplicate-punctuation: error\n') }).map((f) => [f.rule, f.severity]),
    [['duplicate-punctuation', 'error']],
  );
});

test('directives: disable a rule for the file, for a line, for the next line', () => {
  const file = '<!-- report-lint-disable placeholder -->\n全镇共XX人，，参加。\n某某村';
  assert.deepEqual(found(undefined, file).map(([r, l]) => [r, l]), [['duplicate-punctuation', 2]]);

  const line = '全镇共XX人。<!-- report-lint-disable-line placeholder -->\n某某村';
  assert.deepEqual(found('placeholder', line), [['placeholder', 2, '某某']]);

  const next = '<!-- report-lint-disable-next-line -->\n全镇共XX人，，参加。\n某某村';
  assert.deepEqual(found(undefined, next), [['placeholder', 3, '某某']]);

  const markdown = '# 工作总结\n\n<!-- report-lint-disable-next-line placeholder -->\n全镇共XX人。\n\n某某村\n';
  assert.deepEqual(found('placeholder', markdown, { format: 'markdown' }), [['placeholder', 6, '某某']]);
});

// ---------------------------------------------------------------------------------------------
// examples/: the defective example shows each foundation rule; the clean one draws nothing.

test('examples: the defective report draws exactly the documented foundation findings', () => {
  const text = readFileSync(resolve(process.cwd(), 'examples', '镇2024年度宣传工作总结.txt'), 'utf8');
  assert.deepEqual(found(undefined, text), [
    ['placeholder', 1, 'XX'],
    ['required-section', 1, 'XX镇2024年度宣传工作总结'],
    ['heading-numbering', 4, '（一）、'],
    ['placeholder', 4, 'XX'],
    ['duplicate-punctuation', 5, '，，'],
    ['artifact', 6, '##paidbegin##'],
    ['heading-numbering', 7, '（四）'],
    ['placeholder', 7, 'XXX'],
    ['enumeration-sequence', 9, '四是'],
    ['heading-numbering', 10, '四、'],
    ['duplicate-punctuation', 11, '，，'],
    ['placeholder', 11, '【填写培训计划】'],
  ]);
});

test('examples: the clean report draws no finding from any rule', () => {
  const text = readFileSync(resolve(process.cwd(), 'examples', 'clean-work-summary.report.md'), 'utf8');
  const result = lint(text, { format: 'markdown' });
  assert.equal(result.profile?.id, 'zh-work-summary');
  assert.deepEqual(result.findings.map((f) => [f.rule, text.slice(f.start, f.end)]), []);
});

test('profiles: the 述 list of a duty report varies; letter-spaced titles are read as words', () => {
  const profileOf = (text: string) => lint(text, { format: 'plain', rules: [] }).profile?.id;
  assert.equal(profileOf('2024年度领导干部述职述廉述德述法报告\n'), 'zh-duty-report');
  assert.equal(profileOf('2024年度述责述廉报告\n'), 'zh-duty-report');
  assert.equal(profileOf('政 府 工 作 报 告\n'), 'zh-gov-work-report');
  assert.equal(profileOf('东风镇2024年度工作总结\n'), 'zh-work-summary');
  assert.equal(profileOf('# 2024 Annual Report: Team Atlas\n'), 'en-status-report');
});

test('required-section: the 落款 may stand on one line, or use dots in the date', () => {
  const body = COMPLETE.slice(0, 8);
  for (const signature of [['东风镇人民政府　2024年12月28日'], ['东风镇人民政府', '二〇二四年十二月二十八日'], ['东风镇人民政府', '2024.12.28']]) {
    assert.deepEqual(found('required-section', [...body, ...signature].join('\n')), [], signature.join(' / '));
  }
});

test('required-section: an English status report in Markdown, complete and without next steps', () => {
  const report = ['# Q3 2025 Status Report: Team Atlas', '', '## Summary', '', 'This report covers July to September.', '', '## Accomplishments', '', '- Shipped the importer.', '', '## Risks and issues', '', '- Hiring is behind plan.', ''];
  const next = ['## Next steps', '', '1. Finish the exporter.', '2. Hire two engineers.', ''];
  assert.deepEqual(found('required-section', [...report, ...next].join('\n'), { format: 'markdown' }), []);
  const fs = run('required-section', report.join('\n'), { format: 'markdown' });
  assert.deepEqual(fs.map((f) => [f.data?.section, f.message.en]), [
    ['next-steps', 'Missing section: next steps (looked for: next steps, plans, roadmap, goals, looking ahead, upcoming).'],
  ]);
});
