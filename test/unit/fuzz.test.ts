// Property tests: whatever text comes in, lint() in both formats with every registered rule
// never throws, fails no rule, returns in time, reports ranges inside the text on UTF-16
// boundaries, sorted and without duplicates, and offers fixes that only touch their own lines
// and leave a text the engine still checks. `npm test` runs a bounded number of cases;
// `node scripts/fuzz.mjs` (env FUZZ_RUNS, FUZZ_SEED) runs many more.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { lint, parseConfig, RULES, decodeReportBytes, safeFixEdits, hasSafeFix, applyEdits, createLinter, type DocumentFormat, type Finding, type ResolvedConfig } from '../../server/src/engine';
import { isInsideSurrogatePair } from '../../server/src/engine/text';

// Runs per property: small in CI, FUZZ_RUNS each under scripts/fuzz.mjs.
const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 0);
const runs = (ci: number) => (FUZZ_RUNS > 0 ? FUZZ_RUNS : ci);
const seed = process.env.FUZZ_SEED ? { seed: Number(process.env.FUZZ_SEED) } : {};
const params = (ci: number): fc.Parameters<unknown> => ({ numRuns: runs(ci), ...seed });

const FORMATS: DocumentFormat[] = ['plain', 'markdown'];
const SEVERITIES = new Set(['error', 'warning', 'info', 'hint']);

/** A hang detector, not a benchmark: 2 s of CPU per 100k characters (at least 2 s). */
function budgetMs(length: number): number {
  return 2000 * Math.max(1, length / 100_000);
}

/** CPU time of this process in ms: other processes on a busy machine do not count. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Lints once and checks the result's invariants; returns the findings. */
function lintChecked(text: string, format: DocumentFormat, config?: ResolvedConfig): Finding[] {
  const started = cpuMs();
  let result;
  try {
    result = lint(text, { format, config });
  } catch (e) {
    assert.fail(`lint threw (${format}): ${(e as Error).stack}`);
  }
  const elapsed = cpuMs() - started;
  assert.deepEqual(result.failures.map((f) => `${f.rule}: ${f.error.split('\n').slice(0, 3).join(' | ')}`), [], `rules failed (${format})`);
  assert.ok(elapsed <= budgetMs(text.length), `lint took ${elapsed.toFixed(0)} ms for ${text.length} characters (${format})`);

  const model = result.model;
  for (const b of model.blocks) {
    assert.ok(b.start >= 0 && b.start <= b.contentStart && b.contentStart <= Math.max(b.end, b.contentStart) && b.end <= text.length, `block range ${b.kind} ${b.start}-${b.contentStart}-${b.end} outside 0..${text.length}`);
    assert.equal(b.text.length, b.end - b.start, `block text of ${b.kind} at ${b.start} must keep its length`);
    if (b.marker) assert.ok(b.marker.start >= b.start && b.marker.end <= b.end, `marker ${b.marker.text} outside its block`);
  }

  const ids = new Set(RULES.map((r) => r.id));
  const seen = new Map<string, Finding>();
  let prev: Finding | undefined;
  for (const f of result.findings) {
    const where = `${f.rule} ${f.start}-${f.end} "${text.slice(f.start, f.end).slice(0, 40)}"`;
    assert.ok(ids.has(f.rule), `unknown rule ${f.rule}`);
    assert.ok(SEVERITIES.has(f.severity), `${where}: severity ${f.severity}`);
    assert.ok(Number.isInteger(f.start) && Number.isInteger(f.end), `${where}: offsets must be integers`);
    assert.ok(f.start >= 0 && f.start <= f.end && f.end <= text.length, `${where}: range outside 0..${text.length}`);
    assert.ok(!isInsideSurrogatePair(text, f.start) && !isInsideSurrogatePair(text, f.end), `${where}: range splits a surrogate pair`);
    for (const lang of ['zh', 'en'] as const) {
      const m = f.message?.[lang];
      assert.ok(typeof m === 'string' && m.length > 0, `${where}: empty ${lang} message`);
      const junk = /undefined|NaN|\[object Object\]/.exec(m);
      if (junk) assert.ok(text.includes(junk[0]), `${where}: ${lang} message "${m}" contains ${junk[0]}`);
    }
    if (prev) assert.ok(prev.start < f.start || (prev.start === f.start && (prev.end < f.end || (prev.end === f.end && prev.rule <= f.rule))), `findings not sorted: ${prev.rule} ${prev.start}-${prev.end} before ${where}`);
    prev = f;
    const key = `${f.rule}|${f.start}|${f.end}|${f.message.en}`;
    assert.ok(!seen.has(key), `${where}: reported twice`);
    seen.set(key, f);
    for (const fix of f.fixes ?? []) {
      assert.ok(fix.title?.zh && fix.title?.en, `${where}: fix without a title`);
      assert.ok(Array.isArray(fix.edits) && fix.edits.length > 0, `${where}: fix "${fix.title.en}" has no edits`);
      const edits = [...fix.edits].sort((a, b) => a.start - b.start);
      // The finding's lines, with the line break after them.
      const lines = result.model.lines;
      const lineStart = lines.lineStarts[lines.lineAt(f.start)];
      const nextLine = lines.lineStarts[lines.lineAt(f.end) + 1] ?? text.length;
      let changes = false;
      edits.forEach((e, i) => {
        const what = `${where}: fix "${fix.title.en}" edit ${e.start}-${e.end}`;
        assert.ok(Number.isInteger(e.start) && Number.isInteger(e.end) && e.start >= 0 && e.start <= e.end && e.end <= text.length, `${what} outside the text`);
        assert.ok(!isInsideSurrogatePair(text, e.start) && !isInsideSurrogatePair(text, e.end), `${what} splits a surrogate pair`);
        assert.equal(typeof e.newText, 'string', `${what}: newText`);
        if (e.end > e.start) assert.ok(e.start >= lineStart && e.end <= nextLine, `${what} deletes text outside the finding's lines ${lineStart}-${nextLine}`);
        if (LONE_SURROGATE.test(e.newText)) assert.ok(LONE_SURROGATE.test(text), `${what} inserts a broken surrogate`);
        if (i > 0) assert.ok(edits[i - 1].end <= e.start, `${what} overlaps the previous edit`);
        if (text.slice(e.start, e.end) !== e.newText) changes = true;
      });
      assert.ok(changes, `${where}: fix "${fix.title.en}" changes nothing`);
    }
  }
  return result.findings;
}

/** Checks a text, then each fix applied alone (up to `maxFixes`) and all safe fixes together. */
function checkText(text: string, format: DocumentFormat, config?: ResolvedConfig, maxFixes = 12): void {
  const findings = lintChecked(text, format, config);
  let applied = 0;
  for (const f of findings) {
    for (const fix of f.fixes ?? []) {
      if (applied++ >= maxFixes) break;
      const fixed = applyEdits(text, fix.edits);
      const r = lint(fixed, { format, config });
      assert.deepEqual(r.failures.map((x) => x.rule), [], `after fix "${fix.title.en}" of ${f.rule} at ${f.start}`);
    }
  }
  const all = safeFixEdits(findings);
  if (all.length) lintChecked(applyEdits(text, all), format, config);
}

function checkBoth(text: string, config?: ResolvedConfig, maxFixes?: number): void {
  for (const format of FORMATS) checkText(text, format, config, maxFixes);
}

// ---- Generators ------------------------------------------------------------------------------

// Characters and strings the rules look for, and the structure the model parses.
const PATTERN_UNITS = [
  'X', 'x', 'Ｘ', '×', '✕', '某', '○', '〇', '、', '，', '。', '；', '：', '？', '！', '＊', '*', '_', '＿', '【', '】', '[', ']',
  '（', '）', '(', ')', '“', '”', '‘', '’', '《', '》', '〈', '〉', '一', '二', '十', '是', '第', '#', '<', '>', '&', '…', '.', '．', '·',
  '—', '-', '~', '～', ',', ';', ':', '?', '!', '"', "'", '%', '％', '0', '1', '9', '０', '５', '年', '月', '日', '万', '亿', '元',
  '的', '了', '|', '`', '\\', '/', ' ', '\u3000', '\t', '\ufeff', '\u200b', '\ufffd', '\u0000', '\u00ad', '𠮷', '😀',
];
const STRUCTURE = [
  '\n', '\n', '\n', '\r\n', '\r', '\n\n', '一、', '二、', '三、', '十一、', '（一）', '（二）', '(三)', '1.', '2.', '3、', '２．', '（1）', '(2)',
  '一是', '二是', '四是', '第一，', '第三，', '# ', '## ', '### ', '- ', '* ', '1. ', '> ', '```\n', '~~~\n', '---\n', '| a | b |\n|---|---|\n| 1 | 2 |\n',
  '<!-- report-lint-disable -->', '<!-- report-lint-disable-next-line placeholder -->', '<!-- report-lint-enable -->', '<!--', '-->',
  '<p>', '</div>', '&nbsp;', '##paidbegin##', 'http://example.com/a_b?x=XX', '[链接](http://x.cn/XX)', '`XX`', '**', '***', '____',
  'XX镇', '某某', '【填写单位】', '[Your Name]', 'TODO', 'TBD', '待补充', '××', '2024年', '12月28日', '二〇二四年', '52.3万亩', '1,256个', '增长8.3%',
  '其中', '合计', '同比增长', '工作总结', '述职报告', '调研报告', '政府工作报告', 'Weekly Status Report', '存在的问题', '下一步', '落款', '各位代表：',
  '现将有关情况报告如下：', '（详见附表1）', 'Summary', 'Next steps', 'Risks', 'XXL', 'XIV', 'Xbox', '的的', '了了', '研究研究', '..', '。。', '，，', '、、',
];
const PROSE = ['全年完成投资', '同比增长', '我们将继续努力', '加强组织领导', 'the team shipped', 'we will continue', '，', '。', '；'];

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
const token = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...PATTERN_UNITS) },
  { weight: 5, arbitrary: fc.constantFrom(...STRUCTURE) },
  { weight: 2, arbitrary: fc.constantFrom(...PROSE) },
  { weight: 1, arbitrary: loneSurrogate },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) },
  // A unit repeated: runs are where backtracking and off-by-one errors hide.
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...PATTERN_UNITS, ...STRUCTURE), fc.integer({ min: 2, max: 40 })).map(([u, n]) => u.repeat(n)) },
);
const tokenText = fc.array(token, { maxLength: 120 }).map((a) => a.join(''));

/** Our fixtures, plus slices of the shared corpus and seed when they are present. */
function seedTexts(): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  const dir = path.resolve('test/fixtures/fuzz');
  for (const f of fs.readdirSync(dir).sort()) out.push({ name: f, text: fs.readFileSync(path.join(dir, f), 'utf8') });
  for (const shared of ['../shared/corpus/zh', '../shared/corpus/en', '../shared/seed']) {
    const d = path.resolve(shared);
    if (!fs.existsSync(d)) continue;
    for (const f of fs.readdirSync(d).sort()) {
      if (!/\.(txt|md)$/.test(f) || f === 'README.md') continue;
      const text = fs.readFileSync(path.join(d, f), 'utf8');
      // Slices of a few KB keep each case fast; the offset is chosen by the property.
      for (let at = 0; at < text.length; at += 3000) out.push({ name: `${shared}/${f}@${at}`, text: text.slice(at, at + 3000) });
    }
  }
  return out;
}
const SEEDS = seedTexts();

const fraction = fc.integer({ min: 0, max: 1_000_000 }).map((n) => n / 1_000_000);
type Mutation = (t: string) => string;
const at = (t: string, f: number) => Math.floor(f * t.length);
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(fraction, token).map(([f, s]) => (t: string) => t.slice(0, at(t, f)) + s + t.slice(at(t, f))),
  fc.tuple(fraction, fraction).map(([a, b]) => (t: string) => t.slice(0, at(t, Math.min(a, b))) + t.slice(at(t, Math.max(a, b)))),
  fc.tuple(fraction, fc.integer({ min: 1, max: 200 }), fraction).map(([a, n, b]) => (t: string) => {
    const s = t.slice(at(t, a), at(t, a) + n);
    return t.slice(0, at(t, b)) + s + t.slice(at(t, b));
  }),
  fc.tuple(fraction, fc.integer({ min: 1, max: 20 })).map(([a, n]) => (t: string) => t.slice(0, at(t, a)) + t.slice(at(t, a) + n)),
  fc.constantFrom<Mutation>(
    (t) => t.replace(/\r?\n/g, '\r\n'),
    (t) => t.replace(/\r?\n/g, '\r'),
    (t) => t.replace(/\n/g, (m, i: number) => (i % 3 === 0 ? '\r\n' : i % 3 === 1 ? '\r' : m)),
    (t) => t.replace(/\n/g, '\n\n'),
    (t) => t.replace(/\n\n+/g, '\n'),
    (t) => t.replace(/^/gm, '    '),
    (t) => t.replace(/^/gm, '\u3000\u3000'),
    (t) => t.replace(/^/gm, '> '),
    (t) => t.replace(/[，。]/g, (c) => c + c),
    (t) => t.replace(/[、，。；：（）]/g, (c) => ({ '、': ',', '，': ',', '。': '.', '；': ';', '：': ':', '（': '(', '）': ')' })[c] ?? c),
    (t) => t.replace(/X/g, '𠮷'),
    (t) => '\ufeff' + t,
    (t) => t + '\n'.repeat(3),
    (t) => t.split('\n').reverse().join('\n'),
  ),
);
const mutatedSeed = fc
  .tuple(fc.constantFrom(...SEEDS), fc.array(mutation, { minLength: 1, maxLength: 6 }))
  .map(([s, ms]) => ms.reduce((t, m) => m(t), s.text));

const CONFIGS = [
  'placeholders:\n  extra: [待定, "/第[一二三]季度待报/", "/[甲乙丙]某/"]\n  ignore: ["XXL", "/【注[^】]{0,10}】/"]\n',
  'rules:\n  placeholder: error\n  duplicate-punctuation: off\n  heading-numbering: hint\n',
  'profile: zh-work-summary\nsections:\n  - id: problems\n    headings: ["/存在(的)?问题/", 不足]\n  - id: thanks\n    name: {zh: 致谢, en: Thanks}\n    required: true\n    cues: [感谢]\n',
  'profile: en-status-report\n',
  'profile: zh-gov-work-report\n',
].map((src) => {
  const parsed = parseConfig(src);
  assert.deepEqual(parsed.problems, [], `fuzz config must be valid: ${src}`);
  return parsed.config;
});

// ---- Properties ------------------------------------------------------------------------------

test(`fuzz: texts built from pattern characters and report structure (${RULES.length} rules)`, () => {
  fc.assert(fc.property(tokenText, (t) => checkBoth(t)), params(1000));
});

test('fuzz: mutated reports (our fixtures, and corpus slices when present)', () => {
  assert.ok(SEEDS.length >= 4);
  fc.assert(fc.property(mutatedSeed, (t) => checkBoth(t, undefined, 6)), params(300));
});

test('fuzz: mutated reports under configs with extra patterns, severities and sections', () => {
  fc.assert(
    fc.property(fc.oneof(mutatedSeed, tokenText), fc.constantFrom(...CONFIGS), (t, config) => checkBoth(t, config, 4)),
    params(200),
  );
});

test('fuzz: arbitrary code points and lone surrogates', () => {
  const units = fc.oneof(loneSurrogate, fc.string({ unit: 'binary', maxLength: 3 }), fc.constantFrom(...PATTERN_UNITS, '\n', '\r\n', '\r'));
  fc.assert(fc.property(fc.array(units, { maxLength: 150 }).map((a) => a.join('')), (t) => checkBoth(t)), params(600));
});

test('fuzz: binary junk, raw and as decodeReportBytes reads it', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 1500 }), (bytes) => {
      checkBoth(Buffer.from(bytes).toString('latin1'));
      checkBoth(new TextDecoder('utf-8').decode(bytes));
      const decoded = decodeReportBytes(bytes);
      if (!decoded.binary) checkBoth(decoded.text);
      else assert.equal(decoded.text, '');
    }),
    params(150),
  );
});

test('fuzz: fix-all (as `--fix` runs it) reaches a text with no safe fix left within a few rounds', () => {
  fc.assert(
    fc.property(fc.oneof(tokenText, mutatedSeed), fc.constantFrom(...FORMATS), (generated, format) => {
      let text = generated;
      // Removing doubled words halves a run per round: "the the the the" takes two.
      for (let round = 0; round < 12; round++) {
        const findings = lint(text, { format }).findings;
        const edits = safeFixEdits(findings);
        // The server offers fix-all (its edits made on resolve) when hasSafeFix says there are some.
        assert.equal(hasSafeFix(findings), edits.length > 0);
        if (edits.length === 0) return;
        text = applyEdits(text, edits);
      }
      const left = lint(text, { format }).findings.filter((f) => f.fixes?.some((x) => x.safe));
      assert.fail(`safe fixes still offered after 12 rounds: ${left.map((f) => `${f.rule} ${JSON.stringify(text.slice(f.start, f.end))}`).join(', ')}`);
    }),
    params(200),
  );
});

// Counterexample found by the fuzzer (fixed): each fix-all round converted only the marks next to a
// Chinese character, so a run of n marks needed about n rounds, and `--fix` (one round) left
// "我们！!!!!!！努力。". A run of one mark is now one finding.
test('regression: fix-all converts a run of half-width marks between Chinese words in one round', () => {
  for (const text of ['我们!!!!!!!努力。', '我们,,,,,努力。', '我们(((((努力。', '我们!!努力。']) {
    const once = applyEdits(text, safeFixEdits(lint(text, { format: 'plain' }).findings));
    assert.deepEqual(lint(once, { format: 'plain' }).findings.filter((f) => f.rule === 'halfwidth-punctuation').map((f) => f.rule), [], once);
  }
});

// Counterexample found by the fuzzer (fixed): a bracketed marker took one stray mark after it, so
// the fix of "（一）、、、、" removed one 、 a round and fix-all needed a round per mark.
test('regression: fix-all rewrites a bracketed marker with a run of stray marks in one round', () => {
  const fixAll = (text: string) => applyEdits(text, safeFixEdits(lint(text, { format: 'plain' }).findings));
  for (const [text, fixed] of [['（二）、、、加强领导', '（二）加强领导'], ['(3)..完善制度', '（3）完善制度'], ['（一）、', '（一）']]) {
    const once = fixAll(text);
    assert.equal(once, fixed);
    assert.deepEqual(safeFixEdits(lint(once, { format: 'plain' }).findings), [], once);
  }
  // A marker is read from the first 12 characters of its line: the fuzzer's 12 marks take two rounds.
  assert.equal(fixAll(fixAll('（一）、、、、、、、、、、、、')), '（一）');
});

test('fuzz: re-checking after edits (the incremental linter) finds what a fresh check finds', () => {
  const view = (fs: Finding[]) => fs.map((f) => `${f.rule} ${f.start}-${f.end} ${f.severity} ${f.message.en} ${JSON.stringify(f.fixes ?? [])}`);
  fc.assert(
    fc.property(fc.constantFrom(...SEEDS), fc.array(mutation, { minLength: 1, maxLength: 8 }), fc.constantFrom(...FORMATS), (s, ms, format) => {
      const linter = createLinter();
      let text = s.text;
      linter.lint(text, { format });
      for (const m of ms) {
        text = m(text);
        assert.deepEqual(view(linter.lint(text, { format }).findings), view(lint(text, { format }).findings));
      }
    }),
    params(150),
  );
});

// ---- Stress cases: sizes and shapes random texts do not reach ---------------------------------

/** `unit` repeated to about `bytes` bytes of UTF-8. */
const repeatTo = (unit: string, bytes: number) => unit.repeat(Math.max(1, Math.ceil(bytes / Buffer.byteLength(unit))));
const MB = 1024 * 1024;
/** `scripts/fuzz.mjs` also runs the stress cases at full size; `npm test` at a size that still exposes quadratic work. */
const FULL = FUZZ_RUNS > 0;

test('stress: 1 MB single lines of Chinese and English report prose', () => {
  // Fix-all is applied and checked again; single fixes only in the full run (each is a 1 MB check).
  checkBoth(repeatTo('全年完成固定资产投资52.3亿元，同比增长8.3%，其中XX镇完成1.2亿元；一是抓项目，二是抓招商、、。', MB), undefined, FULL ? 2 : 0);
  checkBoth(repeatTo('The team shipped 12 endpoints (0 regressions), cut p95 latency by 57% and XX remains TBD. ', MB), undefined, FULL ? 2 : 0);
});

test('stress: every pattern unit repeated on one long line, spaced, and one per line', () => {
  const size = FULL ? 60_000 : 12_000;
  const units = [...PATTERN_UNITS, '一、', '（一）', '1.', '一是', '第一，', 'XX ', 'XXI ', '*** ', '__ ', '[x] ', '【填写】', '<p>', '&nbsp;', '##a##', '1,000', '3.5%', '2024年'];
  for (const unit of units) {
    checkBoth(repeatTo(unit, size), undefined, 1);
    checkBoth(repeatTo(`${unit} `, size), undefined, 1);
    checkBoth(repeatTo(`${unit}\n`, size), undefined, 1);
  }
});

test('stress: 100k empty lines in every line-break style', () => {
  for (const eol of ['\n', '\r\n', '\r', '\r\n\r', '\u3000\n', '  \r\n']) checkBoth(eol.repeat(100_000));
  checkBoth('XX镇工作总结' + '\n'.repeat(100_000) + '一、总体情况\n' + '\r\n'.repeat(100_000) + '三、下一步\n');
});

test('stress: deeply nested brackets, quotes, lists and block quotes', () => {
  const depth = 20_000;
  for (const [open, close] of [['(', ')'], ['（', '）'], ['【', '】'], ['[', ']'], ['“', '”'], ['《', '》'], ['<!--', '-->'], ['`', '`'], ['**', '**']]) {
    checkBoth(open.repeat(depth) + 'XX' + close.repeat(depth));
    checkBoth(open.repeat(depth));
    checkBoth(close.repeat(depth) + open.repeat(depth));
  }
  checkBoth('> '.repeat(5000) + 'XX镇');
  checkBoth(Array.from({ length: 2000 }, (_, i) => ' '.repeat((i % 200) * 2) + '- 第一，XX').join('\n'));
  checkBoth(Array.from({ length: 2000 }, (_, i) => '  '.repeat(i % 50) + `${i + 1}. 一是XX`).join('\n'));
});

// ---- Counterexamples found by the stress cases, kept as regressions ---------------------------

test('regression: placeholder rescanned the whole line for each match (quadratic on long lines)', () => {
  // Found on a 1 MB single line: 12 s for the placeholder rule alone. Each of these took > 10 s.
  const placeholder = RULES.filter((r) => r.id === 'placeholder');
  const { config } = parseConfig('placeholders:\n  ignore: [XXL, "/【注[^】]{0,10}】/"]\n  extra: [待定]\n');
  for (const [text, cfg] of [
    ['XX '.repeat(100_000), undefined],
    ['XXI XX '.repeat(50_000), undefined],
    ['*** '.repeat(75_000), undefined],
    ['XX 待定 '.repeat(50_000), config],
  ] as const) {
    for (const format of FORMATS) {
      const started = cpuMs();
      const r = lint(text, { format, config: cfg, rules: placeholder });
      const elapsed = cpuMs() - started;
      assert.deepEqual(r.failures, []);
      assert.ok(elapsed < 3000, `${JSON.stringify(text.slice(0, 8))}… (${format}): ${elapsed.toFixed(0)} ms`);
    }
  }
});
