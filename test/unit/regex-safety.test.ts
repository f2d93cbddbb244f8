// User regexes (placeholders, sections) are kept to a subset that cannot backtrack
// catastrophically: known ReDoS shapes are rejected with a reason, ordinary patterns pass, and
// random accepted patterns stay fast on adversarial input.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { lint, parseConfig } from '../../server/src/engine';
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

/** Long runs of one character (or a pair) that the pattern nearly matches, then a tail that breaks it. */
const adversarial = fc
  .tuple(fc.constantFrom('a', 'X', '某', '【', ' ', 'aX', '【a', 'a ', '0'), fc.constantFrom('', '!', '\n', '】', 'b', '\u0000'), fc.integer({ min: 1000, max: 4000 }))
  .map(([run, tail, n]) => run.repeat(Math.ceil(n / run.length)) + tail);

test('random accepted patterns run in bounded time on adversarial input', () => {
  const numRuns = FUZZ_RUNS > 0 ? FUZZ_RUNS : 400;
  let accepted = 0;
  let rejected = 0;
  fc.assert(
    fc.property(pattern, fc.array(adversarial, { minLength: 1, maxLength: 3 }), (source, inputs) => {
      let regex: RegExp;
      try {
        regex = new RegExp(source, 'gu');
      } catch {
        return; // not a valid regex at all: compileUserPattern reports it as invalid
      }
      if (checkRegexSafety(source)) {
        rejected++;
        return;
      }
      accepted++;
      for (const input of inputs) {
        // As the engine uses it: every match in a block, zero-length matches stepped over.
        const started = cpuMs();
        regex.lastIndex = 0;
        let m: RegExpExecArray | null;
        while ((m = regex.exec(input))) if (m[0].length === 0) regex.lastIndex++;
        const elapsed = cpuMs() - started;
        assert.ok(elapsed < 1000, `/${source}/ took ${elapsed.toFixed(0)} ms on ${JSON.stringify(input.slice(0, 12))}… (${input.length} chars)`);
      }
    }),
    { numRuns, ...seed },
  );
  // The grammar must exercise both sides of the check, or the property says nothing.
  assert.ok(accepted > numRuns / 8 && rejected > numRuns / 20, `accepted ${accepted}, rejected ${rejected}`);
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
