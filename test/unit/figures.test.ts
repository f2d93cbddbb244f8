// Figures: extraction of every quantity form, the relations between figures, and the seven
// figure rules (a report snippet in, the exact findings out). All sentences are our own.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lint, parseReport, parseConfig, RULES, type Finding } from '../../server/src/engine';
import { extractFigures, figureHover, figuresAsData, type Figure } from '../../server/src/engine/figures';

const FIGURE_RULES = ['figure-conflict', 'figure-part-exceeds-whole', 'figure-sum-mismatch', 'percentage-mismatch', 'year-mismatch', 'date-out-of-period', 'figure-fact'];

function figuresOf(text: string): Figure[] {
  return extractFigures(parseReport(text, 'plain')).figures;
}

/** The one figure whose text is `written`. */
function fig(text: string, written: string): Figure {
  const f = figuresOf(text).find((x) => x.text === written);
  assert.ok(f, `no figure "${written}" in ${JSON.stringify(figuresOf(text).map((x) => x.text))}`);
  return f;
}

function check(text: string, ids = FIGURE_RULES, configText?: string): { rule: string; line: number; text: string; severity: string; finding: Finding }[] {
  const config = configText ? parseConfig(configText).config : undefined;
  const rules = RULES.filter((r) => ids.includes(r.id));
  const r = lint(text, { format: 'plain', rules, config });
  assert.deepEqual(r.failures, []);
  return r.findings.map((f) => ({ rule: f.rule, line: r.model.lines.lineAt(f.start) + 1, text: text.slice(f.start, f.end), severity: f.severity, finding: f }));
}
const brief = (xs: ReturnType<typeof check>) => xs.map(({ rule, line, text }) => [rule, line, text]);

const fixture = (name: string) => readFileSync(join(__dirname, '../../../test/fixtures/figures', name), 'utf8');

// ---- extraction: numbers --------------------------------------------------------------

test('Arabic numbers with thousands commas and decimals, full-width digits', () => {
  assert.equal(fig('全年接待群众1,200人次。', '1,200人次').value, 1200);
  assert.equal(fig('人均阅读3.5本书，共计４６场。', '４６场').value, 46);
  const f = fig('人均阅读3.5本书，共计４６场。', '３.5本'.replace('３', '3'));
  assert.equal(f.value, 3.5);
  assert.equal(f.decimals, 1);
});

test('Chinese numerals: 一百二十, 两, 十几 (an interval), 三四 (adjacent numbers)', () => {
  assert.equal(fig('组织党员一百二十人参观。', '一百二十人').value, 120);
  assert.equal(fig('选派两名干部驻村。', '两名').value, 2);
  const vague = fig('走访了十几户群众。', '十几户');
  assert.deepEqual([vague.low, vague.high, vague.approx], [11, 19, true]);
  const adjacent = fig('每村配备三四名网格员。', '三四名');
  assert.deepEqual([adjacent.low, adjacent.high, adjacent.approx], [3, 4, true]);
  // 一 on its own is idiomatic (一批, 一次性), and lone 千 万 are words (千家万户).
  assert.deepEqual(figuresOf('办成一批实事，走进千家万户。'), []);
});

test('mixed numbers: 1.2万, 3.6亿元, 21万 scale the value into the base unit', () => {
  const a = fig('受益群众1.2万人。', '1.2万人');
  assert.deepEqual([a.value, a.unit, a.unitText], [12000, '人', '人']);
  const b = fig('完成投资3.6亿元。', '3.6亿元');
  assert.deepEqual([b.value, b.unit], [360000000, '元']);
  assert.equal(fig('培训21万人次。', '21万人次').value, 210000);
  const c = fig('发放补贴200多万元。', '200多万元');
  assert.deepEqual([c.low, c.high, c.qualifier], [2000000, 3000000, '多']);
});

test('percentages: 12.5%, 百分之十, ranges 3～5个 and 15%～30%', () => {
  const p = fig('覆盖率达到12.5%。', '12.5%');
  assert.deepEqual([p.value, p.unit, p.unitKind], [12.5, '%', 'percent']);
  assert.equal(fig('百分之十的农户参与。', '百分之十').value, 10);
  const r = fig('每村建成3～5个示范点。', '3～5个');
  assert.deepEqual([r.value, r.upper, r.low, r.high], [3, 5, 3, 5]);
  const q = fig('占比15%～30%不等。', '15%～30%');
  assert.deepEqual([q.value, q.upper, q.unit], [15, 30, '%']);
  assert.equal(fig('点位增至13万元～17万元。', '13万元～17万元').upper, 170000);
});

test('qualifiers are kept as intervals: 多 余 近 约 左右 以上 以下 超过 不到', () => {
  const cases: [string, string, number, number][] = [
    ['有网格员300多人。', '300多人', 300, 400],
    ['印发手册500余份。', '500余份', 500, 600],
    ['刊发稿件近88篇。', '近88篇', 70.4, 88],
    ['惠及约200户。', '约200户', 180, 220],
    ['服务群众1000人左右。', '1000人左右', 900, 1100],
    ['培训300人次以上。', '300人次以上', 300, Infinity],
    ['误差在5%以下。', '5%以下', 0, 5],
    ['超过40家企业参与。', '超过40家', 40, Infinity],
    ['不到20人报名。', '不到20人', 0, 20],
  ];
  for (const [text, written, low, high] of cases) {
    const f = fig(text, written);
    assert.ok(f.approx, written);
    assert.ok(Math.abs(f.low - low) < 1e-9 && f.high === high || Math.abs(f.high - high) < 1e-9, `${written}: [${f.low}, ${f.high}]`);
  }
  // 近 before a duration is a span of time, not an approximation.
  assert.equal(fig('近3年来累计投入资金。', '3年').approx, false);
});

test('units and classifiers: 个百分点 wins over 个, 场次 over 场; years are dates, not durations', () => {
  assert.equal(fig('提高2.6个百分点。', '2.6个百分点').unit, '个百分点');
  assert.equal(fig('开展活动18场次。', '18场次').unitText, '场次');
  assert.deepEqual(figuresOf('2024年，全县经济平稳运行。'), []);
  assert.equal(fig('连续5年保持稳定。', '5年').unitKind, 'duration');
  assert.deepEqual(figuresOf('推广5G应用，国产C919投入运营。'), []);
});

test('English figures: %, people; the first end of from A to B takes the unit of the second', () => {
  const figs = figuresOf('Attendance rose from 120 to 150 people, up 25%. We trained 40 people.');
  assert.deepEqual(figs.map((f) => [f.text, f.value, f.unit]), [['120', 120, '人'], ['150 people', 150, '人'], ['25%', 25, '%'], ['40 people', 40, '人']]);  const money = figuresOf('We spent $1.2 million on 45 contributors, of which 12 contributors were new; 13.86 million urban jobs were added.');
  assert.deepEqual(money.map((f) => [f.text, f.value, f.unit, f.subject]), [
    ['$1.2 million', 1200000, '$', 'spent'],
    ['45 contributors', 45, 'contributors', 'contributors'],
    ['12 contributors', 12, 'contributors', 'contributors'],
    ['13.86 million', 13860000, '', 'urban jobs'],
  ]);
  assert.deepEqual(brief(check('We had 45 contributors, of which 52 contributors were new.', ['figure-part-exceeds-whole'])), [['figure-part-exceeds-whole', 1, '52 contributors']]);
  assert.deepEqual(figuresOf('In 2024 the 1st release of v1.2 shipped 5G support.'), []);
});

// ---- extraction: subjects ---------------------------------------------------------------

test('the subject is the noun phrase on either side, without the verb of doing', () => {
  assert.equal(fig('全年共召开党委会议6次。', '6次').subject, '党委会议');
  assert.equal(fig('组建了9支巾帼服务队。', '9支').subject, '巾帼服务队');
  assert.equal(fig('现有网格员300多人。', '300多人').subject, '网格员');
  assert.equal(fig('印发宣传手册500余份。', '500余份').subject, '宣传手册');
  assert.equal(fig('刊发信息稿件近88篇。', '近88篇').subject, '信息稿件');
});

test('mentions of one metric in different sections meet under one subject', () => {
  const t = '一、总体情况\n党委中心组学习12次。\n二、主要做法\n全年组织党委中心组学习12次，深化理论武装。';
  const figs = figuresOf(t);
  assert.equal(figs.length, 2);
  assert.equal(figs[0].subject, figs[1].subject);
  assert.equal(figs[0].subject, '党委中心组学习');
});

// ---- extraction: relations ----------------------------------------------------------------

test('relations: 其中 parts, 共 totals, 分别 exhaustive parts, 由A增至B, 比上年的A, 占x%', () => {
  const rel = (t: string) => extractFigures(parseReport(t, 'plain')).relations.map((r) => [r.kind, r.marker, r.parts.length, !!r.exhaustive]);
  assert.deepEqual(rel('现有网格员300多人，其中专职网格员210人。'), [['parts', '其中', 1, false]]);
  assert.deepEqual(rel('开展宣讲4场、座谈5场，共9场。'), [['total', '共', 2, false]]);
  assert.deepEqual(rel('共建成示范点12个，其中东片、西片分别为5个、7个。'), [['parts', '其中', 2, true]]);
  assert.deepEqual(rel('营业收入由200万元增至260万元，增长30%。'), [['change', '由', 0, false]]);
  assert.deepEqual(rel('村集体收入26万元，比上年的20万元增长30%。'), [['growth', '比', 0, false]]);
  assert.deepEqual(rel('共有干部50人，其中女干部20人，占40%。'), [['parts', '其中', 1, false], ['share', '占', 1, false]]);
  assert.deepEqual(rel('Attendance rose from 120 to 150 people, up 25%.').map((r) => r[0]), ['change']);
  assert.deepEqual(rel('落实资金800万元（含省级补助300万元）。'), [['parts', '含', 1, false]]);
  assert.deepEqual(rel('培训干部120人次，包括村干部80人次。'), [['parts', '包括', 1, false]]);
  assert.deepEqual(rel('新建道路3条、改造道路5条，合计8条。'), [['total', '合计', 2, false]]);
  assert.deepEqual(rel('一季度走访200户、二季度走访300户，累计走访500户。'), [['total', '累计', 2, false]]);
  assert.deepEqual(rel('We ran 3 meetings in May and 4 meetings in June, 7 meetings in total.'), [['total', 'in total', 2, false]]);
  assert.deepEqual(rel('We had 45 contributors, including 12 contributors from new companies.'), [['parts', 'including', 1, false]]);
});

// ---- rules ----------------------------------------------------------------------------------

test('figure-conflict: the same metric with two values in two places, at the later one', () => {
  const t = '一、总体情况\n全年党委中心组学习12次。\n二、主要做法\n坚持党委中心组学习14次，深化理论武装。';
  assert.deepEqual(brief(check(t, ['figure-conflict'])), [['figure-conflict', 4, '14次']]);
  const f = check(t, ['figure-conflict'])[0].finding;
  assert.match(f.message.zh, /第2行/);
});

test('figure-conflict: approximate values conflict only when their intervals do not overlap', () => {
  assert.deepEqual(check('现有网格员300多人。\n目前在册网格员320人。', ['figure-conflict']), []);
  assert.deepEqual(brief(check('现有网格员300多人。\n目前在册网格员420人。', ['figure-conflict'])), [['figure-conflict', 2, '420人']]);
});

test('figure-conflict: plans, per-unit rates, changes and other time frames do not meet', () => {
  const t = [
    '2023年，全镇接待游客12万人次。',
    '下一步，力争接待游客15万人次。',
    '全镇人均接待游客3人次。',
    '2022年，全镇接待游客10万人次。',
  ].join('\n');
  assert.deepEqual(check(t, ['figure-conflict']), []);
});

test('figure-part-exceeds-whole: one part larger than the total, or disjoint parts adding up to more', () => {
  assert.deepEqual(brief(check('全年培训农民800人次，其中高素质农民950人次。', ['figure-part-exceeds-whole'])), [['figure-part-exceeds-whole', 1, '950人次']]);
  assert.deepEqual(brief(check('全县有规上企业15家，其中省级3家、市级7家、县级6家。', ['figure-part-exceeds-whole'])), [['figure-part-exceeds-whole', 1, '3家、市级7家、县级6家']]);
  // Overlapping categories (党员, 女性) may add up to more than the whole.
  assert.deepEqual(check('共有干部50人，其中党员40人、女性30人。', ['figure-part-exceeds-whole']), []);
  // An interval total (300多) holds a part of 310.
  assert.deepEqual(check('现有网格员300多人，其中专职网格员310人。', ['figure-part-exceeds-whole']), []);
});

test('figure-sum-mismatch: a warning when parts exceed the total or are exhaustive, info when short', () => {
  const over = check('开展宣讲4场、座谈6场，共9场。', ['figure-sum-mismatch']);
  assert.deepEqual(over.map((x) => [x.rule, x.severity, x.text]), [['figure-sum-mismatch', 'warning', '9场']]);
  const exhaustive = check('共建成示范点12个，其中东片、西片分别为5个、6个。', ['figure-sum-mismatch']);
  assert.deepEqual(exhaustive.map((x) => [x.severity, x.text]), [['warning', '5个、6个']]);
  const short = check('开展宣讲4场、座谈3场，共9场。', ['figure-sum-mismatch']);
  assert.deepEqual(short.map((x) => x.severity), ['info']);
  assert.deepEqual(check('开展宣讲4场、座谈5场，共9场。', ['figure-sum-mismatch']), []);
});

test('percentage-mismatch: a growth rate the values contradict, with a fix to the computed rate', () => {
  const t = '农村居民人均可支配收入21600元，比上年的20000元增长12.5%。';
  const [x] = check(t, ['percentage-mismatch']);
  assert.deepEqual([x.rule, x.line, x.text], ['percentage-mismatch', 1, '12.5%']);
  assert.match(x.finding.message.en, /20000 → 21600 is \+8\.0%, stated 12\.5%/);
  const edit = x.finding.fixes![0].edits[0];
  assert.equal(t.slice(0, edit.start) + edit.newText + t.slice(edit.end), '农村居民人均可支配收入21600元，比上年的20000元增长8.0%。');
  // Right within the stated precision: 21600/20000 = +8%.
  assert.deepEqual(check('农村居民人均可支配收入21600元，比上年的20000元增长8%。', ['percentage-mismatch']), []);
  assert.deepEqual(check('营业收入由200万元增至263万元，增长31.5%。', ['percentage-mismatch']), []);
});

test('percentage-mismatch: shares, 百分点 for a change between rates, 增长N倍 vs 增长到N倍, 降低N倍', () => {
  assert.deepEqual(check('共有干部50人，其中女干部20人，占40%。', ['percentage-mismatch']), []);
  assert.deepEqual(brief(check('共有干部50人，其中女干部20人，占45%。', ['percentage-mismatch'])), [['percentage-mismatch', 1, '45%']]);
  const points = check('贫困发生率由20.8%降至18.2%，下降2.6%。', ['percentage-mismatch']);
  assert.deepEqual(brief(points), [['percentage-mismatch', 1, '2.6%']]);
  const edit = points[0].finding.fixes![0].edits[0];
  assert.equal(edit.newText, '个百分点');
  assert.deepEqual(check('贫困发生率由20.8%降至18.2%，下降2.6个百分点。', ['percentage-mismatch']), []);
  assert.deepEqual(brief(check('产值由100万元增至300万元，增长3倍。', ['percentage-mismatch'])), [['percentage-mismatch', 1, '3倍']]);
  assert.deepEqual(check('产值由100万元增至300万元，增长2倍。', ['percentage-mismatch']), []);
  assert.deepEqual(check('产值由100万元增至300万元，增长到3倍。', ['percentage-mismatch']), []);
  assert.deepEqual(brief(check('单位能耗降低了2倍。', ['percentage-mismatch'])), [['percentage-mismatch', 1, '2倍']]);
});

test('year-mismatch: signature before the period, a plan heading for the same year, the opening year', () => {
  const t = fixture('year-mismatch.txt');
  assert.deepEqual(brief(check(t, ['year-mismatch'])), [
    ['year-mismatch', 2, '2023年'],
    ['year-mismatch', 5, '2024年'],
    ['year-mismatch', 8, '2023年12月28日'],
  ]);
  const ok = t.replace('2023年，', '2024年，').replace('四、2024年', '四、2025年').replace('2023年12月28日', '2025年1月6日');
  assert.deepEqual(check(ok, ['year-mismatch']), []);
});

test('date-out-of-period: an event after the period or the signature; the next-steps part may look ahead; 2月30日', () => {
  const t = fixture('date-out-of-period.txt');
  assert.deepEqual(brief(check(t, ['date-out-of-period'])), [
    ['date-out-of-period', 3, '2025年3月'],
    ['date-out-of-period', 4, '2024年2月30日'],
  ]);
});

test('figure-fact: a figure against an authoritative value from .reportlint.yaml', () => {
  const config = 'facts:\n  网格员人数: {value: 320, unit: 人, match: [网格员]}\n';
  assert.deepEqual(parseConfig(config).problems, []);
  const hits = check('现有网格员300人，配备网格员工作站12个。', ['figure-fact'], config);
  assert.deepEqual(brief(hits), [['figure-fact', 1, '300人']]);
  assert.equal(hits[0].finding.fixes![0].edits[0].newText, '320');
  assert.deepEqual(check('现有网格员300多人。', ['figure-fact'], config), []);
  assert.ok(parseConfig('facts:\n  x: {value: many}\n').problems.length > 0);
});

test('a whole summary with one defect of each kind: the exact findings', () => {
  const t = fixture('summary-with-defects.txt');
  assert.deepEqual(brief(check(t)), [
    ['figure-conflict', 4, '14次'],
    ['figure-part-exceeds-whole', 4, '920人次'],
    ['figure-part-exceeds-whole', 6, '9个、社区级5个、企业级3个'],
    ['figure-sum-mismatch', 6, '60场'],
    ['percentage-mismatch', 8, '30%'],
    ['percentage-mismatch', 8, '2.7%'],
    ['date-out-of-period', 9, '2025年3月'],
  ]);
});

// ---- offsets, hover, data ----------------------------------------------------------------

test('offsets are UTF-16 offsets into the original text: CRLF, surrogate pairs, full-width digits', () => {
  const t = '𠮷村概况\r\n𠮷村有农户１２０户，其中脱贫户１５０户。\r\n';
  const [x] = check(t, ['figure-part-exceeds-whole']);
  assert.deepEqual([x.line, x.text], [2, '１５０户']);
  const f = fig(t, '１２０户');
  assert.equal(t.slice(f.start, f.end), '１２０户');
  assert.equal(f.subjectStart !== undefined && t.slice(f.subjectStart, f.subjectStart + 2), '农户');
});

test('hover: every mention of the metric with line and value, and what the rules computed', () => {
  const t = '农村居民人均可支配收入21600元，比上年的20000元增长12.5%。\n全镇农村居民人均可支配收入21600元。';
  const model = parseReport(t, 'plain');
  const at = t.indexOf('12.5%');
  const en = figureHover(model, at, 'en')!.markdown;
  assert.match(en, /20000 → 21600 is \+8\.0%, stated 12\.5%/);
  const zh = figureHover(model, t.indexOf('21600'), 'zh')!.markdown;
  assert.match(zh, /第1行/);
  assert.match(zh, /第2行/);
  assert.equal(figureHover(model, 2), undefined);
  const data = figuresAsData(model);
  assert.equal(data.figures.length, 4);
  assert.ok(data.checks.some((c) => c.rule === 'percentage-mismatch' && !c.ok));
  assert.doesNotThrow(() => JSON.stringify(data));
});

test('extraction runs once per model and is shared by the rules', () => {
  const model = parseReport('现有网格员300人。', 'plain');
  assert.equal(extractFigures(model), extractFigures(model));
});

test('figures in Markdown table cells take the row header as subject', () => {
  const t = '| 指标 | 数值 |\n| --- | --- |\n| 网格员 | 300人 |\n| 服务站 | 12个 |\n';
  const model = parseReport(t, 'markdown');
  const figs = extractFigures(model).figures;
  assert.deepEqual(figs.map((f) => [f.text, f.subject, f.inTable]), [['300人', '网格员', true], ['12个', '服务站', true]]);
});
