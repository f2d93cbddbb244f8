// User- and data-supplied patterns: plain strings or /regex/flags, checked before use.

export interface CompiledPattern {
  source: string;
  regex: RegExp;
}

export class PatternError extends Error {}

const MAX_PATTERN_LENGTH = 500;

/**
 * Rejects regexes that can backtrack super-linearly: a quantified group that itself contains a
 * quantifier or an alternation (`(a+)+`, `(a|aa)*`), and backreferences. This keeps user
 * patterns in a subset that runs in linear time on V8's backtracking engine.
 */
export function checkRegexSafety(source: string): string | undefined {
  if (source.length > MAX_PATTERN_LENGTH) return `longer than ${MAX_PATTERN_LENGTH} characters`;
  if (/\\[1-9]|\\k</.test(source)) return 'backreferences are not allowed';
  // Stack of groups: does the group contain a quantifier or an alternation?
  const stack: { risky: boolean }[] = [];
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') { i++; continue; }
    if (inClass) { if (c === ']') inClass = false; continue; }
    if (c === '[') { inClass = true; continue; }
    if (c === '(') { stack.push({ risky: false }); continue; }
    if (c === '|' && stack.length) { stack[stack.length - 1].risky = true; continue; }
    const quantified = c === '*' || c === '+' || c === '?' || (c === '{' && /^\{\d+(,\d*)?\}/.test(source.slice(i)));
    if (quantified && stack.length && c !== '?') stack[stack.length - 1].risky = true;
    if (c === ')') {
      const group = stack.pop();
      const next = source[i + 1];
      const unbounded = next === '*' || next === '+' || (next === '{' && /^\{\d+,\d*\}/.test(source.slice(i + 1)));
      if (group?.risky && unbounded) return 'a repeated group contains a repetition or an alternative (catastrophic backtracking)';
      if (group?.risky && stack.length) stack[stack.length - 1].risky = true;
    }
  }
  return undefined;
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Compiles "/re/flags" as a regex (checked for safety) and anything else as a literal string. */
export function compileUserPattern(text: string, extraFlags = 'gu'): CompiledPattern {
  const m = /^\/(.+)\/([a-z]*)$/s.exec(text);
  if (!m) return { source: text, regex: new RegExp(escapeRegex(text), extraFlags) };
  const problem = checkRegexSafety(m[1]);
  if (problem) throw new PatternError(`unsafe regular expression ${text}: ${problem}`);
  const flags = Array.from(new Set((m[2] + extraFlags).split(''))).filter((f) => 'gimsuy'.includes(f)).join('');
  try {
    return { source: text, regex: new RegExp(m[1], flags) };
  } catch (e) {
    throw new PatternError(`invalid regular expression ${text}: ${(e as Error).message}`);
  }
}

/** Compiles a pattern from our own data files; `(?i)` at the start means case-insensitive. */
export function compileDataPattern(source: string, flags = 'u'): RegExp {
  if (source.startsWith('(?i)')) return new RegExp(source.slice(4), flags + 'i');
  return new RegExp(source, flags);
}
