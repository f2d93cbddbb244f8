// Writing rules of the official style (issue 5): each rule on right and wrong examples from
// DOMAIN.md §3 and §5. A snippet goes in; the findings come out as [rule, line, text].

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { lint, findRule, parseConfig, type DocumentFormat, type Finding } from '../../server/src/engine';

const WRITING_RULES = ['unpaired-bracket', 'halfwidth-punctuation', 'repeated-char', 'number-format', 'ellipsis', 'term', 'request-in-report', 'vague-time'];

function run(text: string, ids: string[] = WRITING_RULES, format: DocumentFormat = 'plain', configText?: string) {
  const config = configText ? parseConfig(configText).config : undefined;
  const result = lint(text, { format, rules: ids.map((id) => findRule(id)!), config });
  assert.deepEqual(result.failures, []);
  return result;
}

/** [rule, 1-based line, covered text] for each finding. */
function found(text: string, ids: string[] = WRITING_RULES, format: DocumentFormat = 'plain', configText?: string): [string, number, string][] {
  const r = run(text, ids, format, configText);
  return r.findings.map((f) => [f.rule, r.model.lines.humanPosition(f.start).line, text.slice(f.start, f.end)]);
}

/** Applies the first fix of each finding (they do not overlap in these tests). */
function fixed(text: string, findings: Finding[], which = 0): string {
  const edits = findings.flatMap((f) => f.fixes?.[which]?.edits ?? f.fixes?.[0]?.edits ?? []).sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of edits) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

const SUMMARY_TITLE = '城关镇2024年度工作总结\n';

// unpaired-bracket ------------------------------------------------------------------------------

test('unpaired-bracket: an unclosed quote, an unopened bracket, a crossed pair', () => {
  assert.deepEqual(found('“钉钉子精神还有欠缺。\n', ['unpaired-bracket']), [['unpaired-bracket', 1, '“']]);
  assert.deepEqual(found('开展活动共5次）。\n', ['unpaired-bracket']), [['unpaired-bracket', 1, '）']]);
  assert.deepEqual(found('学习《决定（全文》）。\n', ['unpaired-bracket']), [['unpaired-bracket', 1, '》']]);
});

test('unpaired-bracket: “四个意识“ — the second opening quote is a closing one typed backwards (fix offered)', () => {
  const text = '增强“两个维护”“四个意识“。\n';
  const r = run(text, ['unpaired-bracket']);
  assert.deepEqual(r.findings.map((f) => [text.slice(f.start, f.end), f.data?.kind]), [['“', 'backwards']]);
  assert.equal(fixed(text, r.findings), '增强“两个维护”“四个意识”。\n');
});

test('unpaired-bracket: nesting is “…‘…’…” and 《…〈…〉…》 (P4); doubled inner marks are fixed', () => {
  assert.deepEqual(found('他说：“我们要坚持‘一岗双责’。”\n学习《关于〈决定〉的说明》。\n', ['unpaired-bracket']), []);
  const text = '他说：“我们要坚持“一岗双责”。”\n';
  const r = run(text, ['unpaired-bracket']);
  assert.deepEqual(r.findings.map((f) => [text.slice(f.start, f.end), f.data?.kind]), [['“一岗双责”', 'nested']]);
  assert.equal(fixed(text, r.findings), '他说：“我们要坚持‘一岗双责’。”\n');
});

test('unpaired-bracket: balanced text, a mixed （…) pair, list labels 1) and a quotation over two paragraphs are fine', () => {
  assert.deepEqual(found('（一）加强领导（共5次）。\n开展活动（共5次)。\n1) 第一项\n“第一段引文，\n“第二段引文。”\n', ['unpaired-bracket']), []);
});

test('unpaired-bracket: inline enumeration labels 1）…；2）… and a) … b) are not brackets', () => {
  assert.deepEqual(found('措施有：1）加强学习；2）强化宣传。\nWe will a) ship and b) test.\n', ['unpaired-bracket']), []);
});

test('unpaired-bracket: English reports — ( and [ are checked, apostrophes are not quotes', () => {
  assert.deepEqual(found('The team’s work (tracked in issue 42.\nKubernetes’ release [beta] is out.\n', ['unpaired-bracket']), [['unpaired-bracket', 1, '(']]);
});

test('unpaired-bracket: a hard-wrapped paragraph is one run (Markdown; English plain text), a Chinese line is not', () => {
  assert.deepEqual(found('The exporter (tracked in\nissue 42) ships soon.\n\n- item (one\n- item two)\n', ['unpaired-bracket'], 'markdown'), [
    ['unpaired-bracket', 4, '('],
    ['unpaired-bracket', 5, ')'],
  ]);
  assert.deepEqual(found('The exporter (tracked in\nissue 42) ships soon.\n', ['unpaired-bracket']), []);
  assert.deepEqual(found('开展活动（共5\n次）。\n', ['unpaired-bracket']), [['unpaired-bracket', 1, '（'], ['unpaired-bracket', 2, '）']]);
});

test('unpaired-bracket: offsets after a surrogate pair and across CRLF are exact', () => {
  const text = '𠮷𠮷村开展活动\r\n“学习𠮷。\r\n';
  const r = run(text, ['unpaired-bracket']);
  assert.deepEqual(r.findings.map((f) => [f.start, text.slice(f.start, f.end)]), [[text.indexOf('“'), '“']]);
});

// halfwidth-punctuation -------------------------------------------------------------------------

test('halfwidth-punctuation: 开展活动(共5次) → （共5次）; , ; : ? ! between Chinese characters', () => {
  const text = '开展活动(共5次),效果良好;群众满意!\n';
  const r = run(text, ['halfwidth-punctuation']);
  assert.deepEqual(r.findings.map((f) => text.slice(f.start, f.end)), ['(共5次)', ',', ';', '!']);
  assert.equal(fixed(text, r.findings), '开展活动（共5次），效果良好；群众满意！\n');
});

test('halfwidth-punctuation: a pair of brackets changes as a pair — 采用Kubernetes(K8s)技术', () => {
  const text = '采用Kubernetes(K8s)技术。\nThe cluster (K8s) is up.\n';
  const r = run(text, ['halfwidth-punctuation']);
  assert.deepEqual(r.findings.map((f) => text.slice(f.start, f.end)), ['(K8s)']);
  assert.equal(fixed(text, r.findings), '采用Kubernetes（K8s）技术。\nThe cluster (K8s) is up.\n');
});

test('halfwidth-punctuation: keeps 8:00, 3.5, 1:500, 3,000, English sentences and URLs', () => {
  const text = '上午8:00开会，增长3.5%，比例尺1:500，共3,000元。\nHe said: "Yes, we can!" (really).\n详见 https://example.com/a?b=1,2 网站。\n';
  assert.deepEqual(found(text, ['halfwidth-punctuation']), []);
});

test('halfwidth-punctuation: a sentence-final . after Chinese, and the space after an English comma goes too', () => {
  const text = '工作, 取得成效.\n';
  const r = run(text, ['halfwidth-punctuation']);
  assert.deepEqual(r.findings.map((f) => text.slice(f.start, f.end)), [', ', '.']);
  assert.equal(fixed(text, r.findings), '工作，取得成效。\n');
});

test('halfwidth-punctuation: Markdown images, links and code spans are not punctuation', () => {
  assert.deepEqual(found('会议照片。![现场](a.png)\n详见[附件](附件1.docx)，运行`a(b)`命令。\n', ['halfwidth-punctuation'], 'markdown'), []);
});

test('halfwidth-punctuation, number-format, repeated-char: offsets after 𠮷 and across CRLF', () => {
  const text = '𠮷𠮷村开展活动(共5次)。\r\n𠮷村召开会议４６次，谈话的的次数增加。\r\n';
  const r = run(text, ['halfwidth-punctuation', 'number-format', 'repeated-char']);
  assert.deepEqual(r.findings.map((f) => [f.rule, f.start, text.slice(f.start, f.end)]), [
    ['halfwidth-punctuation', text.indexOf('('), '(共5次)'],
    ['number-format', text.indexOf('４'), '４６'],
    ['repeated-char', text.indexOf('的的'), '的的'],
  ]);
});

test('number-format and halfwidth-punctuation read Markdown table cells', () => {
  const text = '| 项目 | 数量 |\n|---|---|\n| 会议(次) | ４６ |\n';
  assert.deepEqual(found(text, ['halfwidth-punctuation', 'number-format', 'unpaired-bracket'], 'markdown'), [
    ['halfwidth-punctuation', 3, '(次)'],
    ['number-format', 3, '４６'],
  ]);
});

test('halfwidth-punctuation: a heading marker (一) is left to heading-numbering', () => {
  assert.deepEqual(found('(一)加强领导\n', ['halfwidth-punctuation']), []);
});

// repeated-char ---------------------------------------------------------------------------------

test('repeated-char: 廉政谈话的的次数 and 了了 are slips', () => {
  const text = '廉政谈话的的次数增加了。\n我们完成了了任务。\n他们们都参加。\n';
  const r = run(text, ['repeated-char']);
  assert.deepEqual(r.findings.map((f) => [r.model.lines.humanPosition(f.start).line, text.slice(f.start, f.end)]), [[1, '的的'], [2, '了了'], [3, '们们']]);
  assert.equal(fixed(text, r.findings), '廉政谈话的次数增加了。\n我们完成了任务。\n他们都参加。\n');
});

test('repeated-char: a second 了 where 的 was meant — 营造了良好了发展环境', () => {
  const text = '营造了良好了发展环境。\n取得了明显了成效。\n';
  const r = run(text, ['repeated-char']);
  assert.deepEqual(r.findings.map((f) => [r.model.lines.humanPosition(f.start).line, text.slice(f.start, f.end)]), [[1, '了'], [2, '了']]);
  assert.equal(fixed(text, r.findings), '营造了良好的发展环境。\n取得了明显的成效。\n');
  assert.deepEqual(found('学习了解了情况，完成了任务了吗？吃了饭了再走。\n', ['repeated-char']), []);
});

test('repeated-char: legitimate reduplication and word boundaries are kept (whitelist data)', () => {
  const text = '常常、天天、人人、往往、渐渐、仅仅、刚刚、谢谢，研究研究，的的确确，小时了了，不了了之。\n实事求是是我们的传家宝。为了了解情况，达到目的的手段。家家户户，层层落实。\n人民民主，互联网网速，南南合作，屠呦呦，拉长长板，三百六十行行行出状元。\n';
  assert.deepEqual(found(text, ['repeated-char']), []);
});

test('repeated-char: English — the the is a slip; that that and had had are grammar; Walla Walla is a name', () => {
  const text = 'We shipped the the importer.\nHe said that that was fine, and it had had no effect.\nThe office in Walla Walla opened.\n';
  const r = run(text, ['repeated-char']);
  assert.deepEqual(r.findings.map((f) => text.slice(f.start, f.end)), ['the the']);
  assert.equal(fixed(text, r.findings), text.replace('the the', 'the'));
});

// number-format ---------------------------------------------------------------------------------

test('number-format: full-width digits, 二0二四年/二零二四年, abbreviated years', () => {
  const text = '召开会议４６次。\n二0二四年和二零二四年。\n23年5月启动，24年度完成。\n';
  const r = run(text, ['number-format']);
  assert.deepEqual(r.findings.map((f) => text.slice(f.start, f.end)), ['４６', '二0二四', '二零二四', '23年', '24年']);
  assert.equal(fixed(text, r.findings.slice(0, 3)), '召开会议46次。\n二〇二四年和二〇二四年。\n23年5月启动，24年度完成。\n');
});

test('number-format: 工作23年, 近10年, 2023年, 二〇二四年 are fine', () => {
  assert.deepEqual(found('他工作23年，近10年来，2023年，二〇二四年，改革开放40年，过去10年初步形成。\n', ['number-format']), []);
});

test('number-format: ranges keep the unit on both ends (N6): 15～30% → 15%～30%, 13～17万元 → 13万元～17万元', () => {
  const text = '提高15～30%，投入13～17万元，人口9～16亿。\n';
  const r = run(text, ['number-format']);
  assert.deepEqual(r.findings.map((f) => text.slice(f.start, f.end)), ['15～30%', '13～17万元', '9～16亿']);
  assert.equal(fixed(text, r.findings), '提高15%～30%，投入13万元～17万元，人口9亿～16亿。\n');
  assert.deepEqual(found('提高15%～30%，2022～2024年，3～5天，63%～68%。\n', ['number-format']), []);
});

test('number-format: 三、四个月 → 三四个月 (P1), but 一、二等奖, 三、五个 and 第三、四 are lists', () => {
  const text = '用时三、四个月。\n获一、二等奖，选出三、五个，第三、四名，三、四年级。\n';
  const r = run(text, ['number-format']);
  assert.deepEqual(r.findings.map((f) => text.slice(f.start, f.end)), ['三、四']);
  assert.equal(fixed(text, r.findings), text.replace('三、四个月', '三四个月'));
});

test('number-format: 10几次 → 十几次; 2024年01月05日 → 2024年1月5日', () => {
  const text = '走访10几次，2024年01月05日召开。\n';
  const r = run(text, ['number-format']);
  assert.deepEqual(r.findings.map((f) => text.slice(f.start, f.end)), ['10几', '2024年01月05日']);
  assert.equal(fixed(text, r.findings), '走访十几次，2024年1月5日召开。\n');
  assert.deepEqual(found('2024年12月25日和2024年1月5日。\n', ['number-format']), []);
});

test('number-format: the 成文日期 in Chinese numerals becomes Arabic (GB/T 9704 §7.3.5.4)', () => {
  const text = SUMMARY_TITLE + '现将有关情况报告如下：\n城关镇党委\n二〇二五年一月十日\n';
  const r = run(text, ['number-format']);
  assert.deepEqual(r.findings.map((f) => text.slice(f.start, f.end)), ['二〇二五年一月十日']);
  assert.equal(fixed(text, r.findings), text.replace('二〇二五年一月十日', '2025年1月10日'));
});

test('number-format: 大约…左右 (info) and 截止2024年底 → 截至; 截止日期 is fine', () => {
  const text = '大约50人左右参加，截止2024年底完成。\n报名截止日期为5月1日，制约10个左右项目。\n';
  const r = run(text, ['number-format']);
  assert.deepEqual(r.findings.map((f) => [text.slice(f.start, f.end), f.severity]), [['大约50人左右', 'info'], ['截止', 'warning']]);
  assert.equal(fixed(text, [r.findings[1]]), text.replace('截止2024', '截至2024'));
});

// ellipsis --------------------------------------------------------------------------------------

test('ellipsis: …, ..., ………… in Chinese text become ……; ……等 drops the ellipsis', () => {
  const text = '学习、调研…推进。\n学习、调研...推进。\n学习、调研…………推进。\n香蕉、苹果……等。\n';
  const r = run(text, ['ellipsis']);
  assert.deepEqual(r.findings.map((f) => [text.slice(f.start, f.end), f.severity]), [['…', 'info'], ['...', 'info'], ['…………', 'info'], ['……等', 'info']]);
  assert.equal(fixed(text, r.findings), '学习、调研……推进。\n学习、调研……推进。\n学习、调研……推进。\n香蕉、苹果等。\n');
});

test('ellipsis: …… is right; English ... stays; a table-of-contents leader and a 12-dot line are not ellipses', () => {
  assert.deepEqual(found('学习、调研……推进。\nWait... what?\n教学大纲…………………… 3页\n…………\n', ['ellipsis']), []);
});

// request-in-report -----------------------------------------------------------------------------

test('request-in-report: 妥否，请批示 / 请予批准 / 请审批 in a 报告 or 总结 (条例第十五条)', () => {
  const text = SUMMARY_TITLE + '经费缺口较大，请予批准。\n以上报告请审批。\n妥否，请批示。\n';
  const r = run(text, ['request-in-report']);
  assert.deepEqual(r.findings.map((f) => [r.model.lines.humanPosition(f.start).line, text.slice(f.start, f.end)]), [[2, '请予批准'], [3, '请审批'], [4, '妥否，请批示']]);
  // The closing formula alone on its line can become 特此报告.
  assert.equal(fixed(text, [r.findings[2]]), text.replace('妥否，请批示。', '特此报告。'));
});

test('request-in-report: a 请示 may ask; a report delivered for 审议 or 评议 is fine', () => {
  assert.deepEqual(found('关于增加经费的请示\n妥否，请批示。\n', ['request-in-report']), []);
  assert.deepEqual(found('2024年度述职报告\n现将履职情况报告如下，请予评议。\n', ['request-in-report']), []);
  assert.deepEqual(found(SUMMARY_TITLE + '该项目已报请审批，规划已提请批准，资金已申请批准。\n', ['request-in-report']), []);
});

// vague-time ------------------------------------------------------------------------------------

test('vague-time: 今年以来, 上月, 明年, 近期 in a dated report; the fix is computed from the 成文日期', () => {
  const text = '城关镇工作情况报告\n今年以来，上月召开会议，明年继续推进，近期完成验收。\n城关镇党委\n2024年6月20日\n';
  const r = run(text, ['vague-time']);
  assert.deepEqual(r.findings.map((f) => [text.slice(f.start, f.end), f.severity, f.data?.resolved]), [
    ['今年以来', 'info', '2024年以来'], ['上月', 'info', '2024年5月'], ['明年', 'info', '2025年'], ['近期', 'info', undefined],
  ]);
  assert.equal(fixed(text, r.findings.slice(0, 3)), text.replace('今年以来', '2024年以来').replace('上月', '2024年5月').replace('明年', '2025年'));
});

test('vague-time: a 2024 summary signed in January 2025 — 今年 is ambiguous, both years are offered', () => {
  const text = SUMMARY_TITLE + '今年共开展活动12次。\n城关镇党委\n2025年1月10日\n';
  const r = run(text, ['vague-time']);
  assert.equal(r.findings.length, 1);
  assert.deepEqual(r.findings[0].fixes?.map((f) => f.edits[0].newText), ['2024年', '2025年']);
});

test('vague-time: an undated report and a speech are left alone', () => {
  assert.deepEqual(found(SUMMARY_TITLE + '今年以来，上月召开会议。\n', ['vague-time']), []);
  assert.deepEqual(found('政府工作报告\n——2024年3月5日在第十四届全国人民代表大会第二次会议上\n今年发展主要预期目标是。\n', ['vague-time']), []);
});

// fixtures --------------------------------------------------------------------------------------

test('fixture: a clean official summary raises nothing from the writing rules', () => {
  const text = fs.readFileSync('test/fixtures/writing/clean-summary.txt', 'utf8');
  assert.deepEqual(found(text), []);
});

test('fixture: a summary full of defects — each found once, in document order', () => {
  const text = fs.readFileSync('test/fixtures/writing/defects-summary.txt', 'utf8');
  assert.deepEqual(found(text), [
    ['vague-time', 2, '今年以来'],
    ['term', 2, '习近平新时代中国特色社会主义'],
    ['term', 2, '二十大三中全会'],
    ['halfwidth-punctuation', 4, '(共5次)'],
    ['halfwidth-punctuation', 4, ','],
    ['number-format', 4, '４６'],
    ['repeated-char', 4, '的的'],
    ['term', 5, '政治意识、核心意识、大局意识、看齐意识'],
    ['term', 5, '不忘初心，牢记使命'],
    ['unpaired-bracket', 5, '“'],
    ['number-format', 6, '二0二四'],
    ['number-format', 6, '13～17万元'],
    ['number-format', 6, '15～30%'],
    ['number-format', 6, '三、四'],
    ['number-format', 6, '10几'],
    ['number-format', 6, '截止'],
    ['number-format', 6, '大约50人左右'],
    ['number-format', 6, '2024年01月05日'],
    ['number-format', 6, '23年'],
    ['ellipsis', 6, '……等'],
    ['vague-time', 8, '明年'],
    ['request-in-report', 8, '妥否，请批示'],
    ['number-format', 10, '二〇二五年一月十日'],
  ]);
});

test('fixture: an English status report (Markdown) — the the, an unclosed (, and nothing else', () => {
  const text = fs.readFileSync('test/fixtures/writing/status-report.md', 'utf8');
  assert.deepEqual(found(text, WRITING_RULES, 'markdown'), [
    ['repeated-char', 5, 'the the'],
    ['unpaired-bracket', 6, '('],
  ]);
});
