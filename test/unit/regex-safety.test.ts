// User regexes (placeholders, sections, terms) are kept to a subset whose work per start position
// is bounded — at most 1000 ways to try, each reading at most 1000 characters, every unbounded
// repetition run as {n,100} — so a global match costs time linear in the text: known ReDoS shapes
// are rejected with a reason, ordinary patterns pass, random accepted patterns stay within a
// per-character budget on long adversarial input, and a 1 MB single line is checked promptly.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createLinter, lint, parseConfig } from '../../server/src/engine';
import { checkRegexSafety, compileUserPattern, PatternError } from '../../server/src/engine/patterns';

const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 0);
const seed = process.env.FUZZ_SEED ? { seed: Number(process.env.FUZZ_SEED) } : {};

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

test('catastrophic and high-degree patterns are rejected with a reason', () => {
  const rejected: [string, RegExp][] = [
    ['(a+)+$', /repeated group contains a repetition/],
    ['(a|aa)*b', /repeated group of alternatives/],
    ['(\\w+\\s?)*$', /repeated group contains a repetition/],
    ['(.*a){20}', /repeated group contains a repetition/],
    ['(a?a?)*$', /repeated group contains a repetition/],
    ['(?:x+y?)+z', /repeated group contains a repetition/],
    ['((ab)*c)+', /repeated group contains a repetition/],
    ['(?<w>a)\\k<w>', /backreferences/],
    ['(a)\\1', /backreferences/],
    ['X*X*X*Y', /more than one unbounded repetition/],
    ['.+条.+款', /more than one unbounded repetition/],
    ['\\d+\\d+$', /more than one unbounded repetition/],
    ['.{0,50}.{0,50}.{0,50}x', /bounded repetitions \{n,m\} allow too many combinations/],
    // Found by the property below with the earlier allowance (a product of 100 beside an unbounded
    // repetition, `?` and alternatives not counted): over a second on 4000 characters.
    ['某{0,30}[a某]+[^】]{2}$', /too many combinations \(3100 > 1000/],
    ['.*[a某]{0,30}a', /too many combinations \(3131 > 1000/],
    ['\\S+[^】]{0,30}(?!a?(?=.\\S)|\\s?)', /too many combinations/],
    // Exponential without any repeated group: every `?` and every alternative doubles the ways.
    ['a?'.repeat(22) + 'a'.repeat(22), /too many combinations \(4194304 > 1000/],
    ['(?:a|a)'.repeat(22) + 'b', /too many combinations \(4194304 > 1000/],
    // Fixed counts multiply the text one try reads.
    ['(?:(?:a{100}){10}){10}b', /may read 10001 characters/],
    ['a{300}', /a repetition of more than 100/],
    ['a{2,500}a*b', /more than one unbounded repetition/],
    ['x'.repeat(501), /longer than 500/],
  ];
  for (const [source, reason] of rejected) {
    const problem = checkRegexSafety(source);
    assert.ok(problem, `${source} must be rejected`);
    assert.match(problem, reason, source);
    assert.throws(() => compileUserPattern(`/${source}/`), PatternError, source);
  }
});

test('ordinary patterns are accepted and compiled with the g and u flags', () => {
  for (const source of ['XX[镇村]', '某{2,}', '【[^】]*】', '第[一二三四五六七八九十]+条', '\\d{4}年\\d{1,2}月\\d{1,2}日', '(?:存在的|主要)?问题', '[Xx×]{2,}', '(?:XX|某某){1,3}', '^\\s*下一步', 'TODO|TBD|待补充', '\\p{Script=Han}+X', '(?<name>某)某', 'a{3}b?c']) {
    assert.equal(checkRegexSafety(source), undefined, source);
  }
  const p = compileUserPattern('/xx[镇村]/i');
  assert.equal(p.regex.flags, 'giu');
  assert.deepEqual('XX镇和xx村'.match(p.regex), ['XX镇', 'xx村']);
  // A plain string is a literal, whatever it contains.
  assert.deepEqual('a(a+)+$b'.match(compileUserPattern('(a+)+$').regex), ['(a+)+$']);
});

test('escapes and character classes are single atoms: quantifier characters inside them are literal', () => {
  for (const source of ['[*+?{}()|]+', '\\(\\d+\\)', '[\\]*]+x', '\\u{20BB7}+', '\\p{Script=Han}{2,}', '[(]a+[)]']) {
    assert.equal(checkRegexSafety(source), undefined, source);
  }
  assert.match(checkRegexSafety('(?:[a-z]+)+') ?? '', /repeated group/);
  assert.match(checkRegexSafety('[a-z]+[0-9]*') ?? '', /more than one unbounded/);
});

// A small grammar of user patterns: literals, classes, dot, groups, alternatives, quantifiers.
const atomChars = ['a', 'X', '某', '【', '】', '.', '[^】]', '\\w', '\\d', '\\s', '[a某]', '[^a]', '\\S'];
const quantifiers = ['', '', '', '*', '+', '?', '{2,}', '{0,30}', '{1,3}', '{2}', '*?', '+?'];
const pattern: fc.Arbitrary<string> = fc.letrec<{ seq: string; item: string }>((tie) => ({
  item: fc.oneof(
    { weight: 4, arbitrary: fc.tuple(fc.constantFrom(...atomChars), fc.constantFrom(...quantifiers)).map(([a, q]) => a + q) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom('(', '(?:', '(?=', '(?!'), fc.array(tie('seq'), { minLength: 1, maxLength: 3 }), fc.constantFrom(...quantifiers))
        .map(([open, alts, q]) => `${open}${alts.join('|')})${open.startsWith('(?=') || open.startsWith('(?!') ? '' : q}`),
    },
  ),
  seq: fc.array(tie('item'), { minLength: 1, maxLength: 4 }).map((a) => a.join('')),
})).seq.chain((s) => fc.constantFrom(s, `^${s}`, `${s}$`, `${s}|a`));

/**
 * Long runs of one character (or a pair) that the pattern nearly matches, then a tail that breaks
 * it: 40,000–50,000 characters, long enough that a quadratic pattern cannot hide in the budget.
 */
const adversarial = fc
  .tuple(fc.constantFrom('a', 'X', '某', '【', ' ', 'aX', '【a', 'a ', '0'), fc.constantFrom('', '!', '\n', '】', 'b', '\u0000'), fc.integer({ min: 40_000, max: 50_000 }))
  .map(([run, tail, n]) => run.repeat(Math.ceil(n / run.length)) + tail);

/**
 * The design's bound, in CPU time per character of input. An accepted pattern tries at most 1000
 * ways per start position, each reading at most 1000 characters; at the limits the costliest
 * shapes measured here take 2–6 µs per character (`.{0,9}.{0,9}.{0,9}x` on 某…: 5.6 µs, `.*`
 * beside 9 choices: 3 µs, a fixed count reading 1000 characters: 2 µs). 50 µs is ten times that,
 * 2.5 s for 50,000 characters; a quadratic pattern — `.*a` without the {0,100} cap, L²/2 steps —
 * takes about 11 s there, and the earlier counterexamples minutes.
 */
const MICROSECONDS_PER_CHAR = 50;

test('random accepted patterns run in linear time on long adversarial input', (t) => {
  const numRuns = FUZZ_RUNS > 0 ? FUZZ_RUNS : 400;
  let accepted = 0;
  let rejected = 0;
  let worst = { perChar: 0, source: '' };
  fc.assert(
    fc.property(pattern, fc.array(adversarial, { minLength: 1, maxLength: 2 }), (source, inputs) => {
      try {
        new RegExp(source, 'gu');
      } catch {
        return; // not a valid regex at all: compileUserPattern reports it as invalid
      }
      if (checkRegexSafety(source)) {
        rejected++;
        return;
      }
      accepted++;
      // As the engine runs it: compiled (repetitions capped), every match in a block, zero-length
      // matches stepped over.
      const regex = compileUserPattern(`/${source}/`).regex;
      for (const input of inputs) {
        const started = cpuMs();
        regex.lastIndex = 0;
        let m: RegExpExecArray | null;
        while ((m = regex.exec(input))) if (m[0].length === 0) regex.lastIndex++;
        const elapsed = cpuMs() - started;
        const perChar = (elapsed * 1000) / input.length;
        if (perChar > worst.perChar) worst = { perChar, source };
        assert.ok(
          perChar < MICROSECONDS_PER_CHAR,
          `/${source}/ took ${elapsed.toFixed(0)} ms on ${JSON.stringify(input.slice(0, 12))}… (${input.length} chars): ${perChar.toFixed(1)} µs per character, over ${MICROSECONDS_PER_CHAR}`,
        );
      }
    }),
    { numRuns, ...seed },
  );
  t.diagnostic(`accepted ${accepted}, rejected ${rejected}; slowest /${worst.source}/ at ${worst.perChar.toFixed(2)} µs per character`);
  // The grammar must exercise both sides of the check, or the property says nothing.
  assert.ok(accepted > numRuns / 8 && rejected > numRuns / 20, `accepted ${accepted}, rejected ${rejected}`);
});

test('an unbounded repetition in a user pattern matches at most 100 times', () => {
  assert.equal(compileUserPattern('/.*a/').regex.source, '.{0,100}a');
  assert.equal(compileUserPattern('/【[^】]*?】/').regex.source, '【[^】]{0,100}?】');
  assert.equal(compileUserPattern('/x{2,}/').regex.source, 'x{2,100}');
  assert.equal(compileUserPattern('/x{5,300}/').regex.source, 'x{5,100}');
  // Bounded counts and literals are run as written.
  assert.equal(compileUserPattern('/\\d{4}年\\d{1,2}月/').regex.source, '\\d{4}年\\d{1,2}月');
  assert.equal(compileUserPattern('a*b').regex.source, 'a\\*b');
  // A match of `.*a` ends at the same place; it starts at most 100 characters before the `a`.
  const text = '甲'.repeat(300) + 'a';
  assert.deepEqual([...text.matchAll(compileUserPattern('/.*a/').regex)].map((m) => [m.index, m[0].length]), [[200, 101]]);
  assert.deepEqual('【请填写本单位名称】'.match(compileUserPattern('/【[^】]*】/').regex), ['【请填写本单位名称】']);
});

test('a 1 MB single-line report with user patterns .*a and [某a]+b is checked, the matches capped at 100 repetitions', () => {
  const yaml = ['placeholders:', "  extra: ['/.*a/']", 'terms:', '  - canonical: 规范表述', "    wrong: ['/[某a]+b/']", ''].join('\n');
  const { config, problems } = parseConfig(yaml);
  assert.deepEqual(problems, []);
  const filler = '本单位全年推进各项工作'.repeat(100_000); // 1.1 million characters, no `a`
  const cases: [string, number, number, string][] = [
    // The line ends in `a`: `.*a` found once, the 100 characters before the `a` and the `a`.
    [filler + 'a', 1, 0, '作' + filler.slice(-99) + 'a'],
    // 1 MB of `a` then `b`: the term's wrong form once, at the end (100 × a + b).
    ['a'.repeat(1_000_000) + 'b', 9_901, 1, 'a'.repeat(100) + 'b'],
  ];
  for (const [line, placeholders, terms, lastMatch] of cases) {
    const text = '2024年工作总结\n' + line + '\n';
    const started = cpuMs();
    const result = createLinter().lint(text, { format: 'plain', config });
    const elapsed = cpuMs() - started;
    assert.deepEqual(result.failures, []);
    const own = result.findings.filter((f) => f.rule === 'placeholder' || f.rule === 'term');
    assert.equal(own.filter((f) => f.rule === 'placeholder').length, placeholders);
    assert.equal(own.filter((f) => f.rule === 'term').length, terms);
    const last = own.filter((f) => f.rule === (terms ? 'term' : 'placeholder')).at(-1)!;
    assert.equal(text.slice(last.start, last.end), lastMatch);
    assert.equal(last.end, text.length - 1);
    // Linear: about a second here. Before the cap, `.*a` on this line was L²/2 ≈ 6·10¹¹ steps (hours).
    assert.ok(elapsed < 60_000, `${elapsed.toFixed(0)} ms`);
  }
});

test('a .reportlint.yaml with (a+)+$ gets a config problem on that line, and lint still runs promptly', () => {
  const yaml = ['placeholders:', '  extra:', '    - 待定', "    - '/(a+)+$/'", '    - "/XX[镇村]/"', 'sections:', '  - id: problems', '    headings: ["/(\\\\w+\\\\s?)*$/"]', ''].join('\n');
  const { config, problems } = parseConfig(yaml);
  assert.deepEqual(
    problems.map((p) => [p.line, p.severity, /unsafe regular expression/.test(p.message)]),
    [
      [4, 'error', true],
      [8, 'error', true],
    ],
  );
  assert.equal(yaml.slice(problems[0].start, problems[0].end), "'/(a+)+$/'");
  // The safe patterns are kept, the unsafe one is left out.
  assert.deepEqual(config.placeholders.extra.map((p) => p.source), ['待定', '/XX[镇村]/']);
  const text = '工作总结\n' + 'a'.repeat(50_000) + '!\nXX镇待定。\n';
  const started = cpuMs();
  const result = lint(text, { format: 'plain', config });
  assert.ok(cpuMs() - started < 5000, 'lint with the config must not hang');
  assert.deepEqual(result.failures, []);
  assert.deepEqual(
    result.findings.filter((f) => f.rule === 'placeholder').map((f) => text.slice(f.start, f.end)),
    ['XX', '待定'],
  );
});

test('an unsafe section heading pattern is left out of the check, not run: the safe one beside it still finds the section', () => {
  const yaml = ['profile: zh-work-summary', 'sections:', '  - id: problems', '    headings: ["/(\\\\w+\\\\s?)*$/", "/短板.*/"]', ''].join('\n');
  const { config, problems } = parseConfig(yaml);
  assert.deepEqual(problems.map((p) => p.line), [4]);
  // (\w+\s?)*$ on a heading of 28 letters and a `!` backtracked for 30 s before it was left out.
  const text = ['# 2024年工作总结', '', '## ' + 'a'.repeat(28) + '!', '', '## 短板和不足', '', '人手不足。', ''].join('\n');
  const started = cpuMs();
  const result = lint(text, { format: 'markdown', config });
  assert.ok(cpuMs() - started < 5000, 'lint with the config must not hang');
  assert.deepEqual(result.failures, []);
  const missing = result.findings.filter((f) => f.rule === 'required-section').map((f) => (f.data as { section?: string } | undefined)?.section);
  assert.ok(!missing.includes('problems'), JSON.stringify(missing));
});
