// User- and data-supplied patterns: plain strings or /regex/flags, checked before use.

export interface CompiledPattern {
  source: string;
  regex: RegExp;
}

export class PatternError extends Error {}

const MAX_PATTERN_LENGTH = 500;
/** A bounded repetition {n,m} with m above this counts as unbounded. */
const MAX_BOUNDED_REPEAT = 100;
/** Bounded repetitions multiply the work at each position: their (m+1) product is capped. */
const MAX_BOUNDED_PRODUCT = 1000;
const MAX_BOUNDED_PRODUCT_WITH_UNBOUNDED = 100;
/** A group of alternatives may repeat a few times ({1,3}), never without bound. */
const MAX_ALTERNATION_REPEAT = 10;

interface GroupState {
  /** Contains a quantifier that can match different counts (`?`, `*`, `+`, `{n,m}`). */
  varies: boolean;
  /** Contains an alternation `|`. */
  alternates: boolean;
}

/** Reads a quantifier at `i`: its bounds (max Infinity when unbounded) and length, or undefined. */
function readQuantifier(source: string, i: number): { min: number; max: number; length: number } | undefined {
  const c = source[i];
  let min: number;
  let max: number;
  let length: number;
  if (c === '*' || c === '+') { min = c === '*' ? 0 : 1; max = Infinity; length = 1; }
  else if (c === '?') { min = 0; max = 1; length = 1; }
  else if (c === '{') {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i, i + 24));
    if (!m) return undefined;
    min = Number(m[1]);
    max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
    length = m[0].length;
  } else return undefined;
  if (source[i + length] === '?') length++; // lazy
  return { min, max, length };
}

/**
 * Rejects regexes that can backtrack super-linearly on V8's backtracking engine, by keeping user
 * patterns in a subset whose work per position is bounded:
 * - no backreferences;
 * - no repeated group whose inside can match in several lengths or ways: `(a+)+`, `(a?a?)*`,
 *   `(a|aa)*`, `(.*a){20}` (a group of plain alternatives may repeat at most {0,10} times);
 * - at most one unbounded repetition per top-level alternative (`*`, `+`, `{n,}`, `{n,m}` with m > 100): `X*X*X*Y` and
 *   `.+条.+款` are polynomial of high degree;
 * - bounded repetitions whose (m+1) product stays small (1000; 100 beside an unbounded one).
 * Returns the reason when unsafe, undefined when safe.
 */
export function checkRegexSafety(source: string): string | undefined {
  if (source.length > MAX_PATTERN_LENGTH) return `longer than ${MAX_PATTERN_LENGTH} characters`;
  const stack: GroupState[] = [{ varies: false, alternates: false }];
  let unbounded = 0;
  let product = 1;
  // Whether the previous item can be quantified, and the state of a group that just closed.
  let atom = false;
  let closed: GroupState | undefined;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    const q = atom ? readQuantifier(source, i) : undefined;
    if (q) {
      if (closed && q.max > 1) {
        if (closed.varies) return 'a repeated group contains a repetition (catastrophic backtracking): repeat the inner part only';
        if (closed.alternates && q.max > MAX_ALTERNATION_REPEAT) return 'a repeated group of alternatives (catastrophic backtracking): use a character class such as [ab]+';
      }
      if (q.max > MAX_BOUNDED_REPEAT) {
        if (++unbounded > 1) return 'more than one unbounded repetition (*, +, {n,}): bound all but one, e.g. {0,20}';
      } else if (q.max > 1) product *= q.max + 1;
      if (q.min !== q.max) stack[stack.length - 1].varies = true;
      i += q.length - 1;
      atom = false;
      closed = undefined;
      continue;
    }
    closed = undefined;
    atom = true;
    if (c === '\\') {
      const next = source[i + 1] ?? '';
      if (/[1-9]/.test(next) || next === 'k') return 'backreferences are not allowed';
      const braced = /^[pPu]\{[^}]*\}/.exec(source.slice(i + 1, i + 64));
      i += braced ? braced[0].length : 1;
      continue;
    }
    if (c === '[') {
      // A character class is one atom; skip to its unescaped closing bracket.
      let j = i + 1;
      if (source[j] === '^') j++;
      if (source[j] === ']') j++;
      while (j < source.length && source[j] !== ']') j += source[j] === '\\' ? 2 : 1;
      i = j;
      continue;
    }
    if (c === '(') {
      stack.push({ varies: false, alternates: false });
      const prefix = /^\?(?:[:=!]|<[=!]|<[A-Za-z_$][\w$]*>)/.exec(source.slice(i + 1, i + 40));
      if (prefix) i += prefix[0].length;
      atom = false;
      continue;
    }
    if (c === ')') {
      const group = stack.length > 1 ? stack.pop()! : { varies: false, alternates: false };
      const parent = stack[stack.length - 1];
      parent.varies ||= group.varies;
      parent.alternates ||= group.alternates;
      closed = group;
      continue;
    }
    if (c === '|') {
      // Top-level alternatives are tried one after another: each gets its own allowance.
      if (stack.length === 1) {
        const problem = boundedProblem(product, unbounded);
        if (problem) return problem;
        product = 1;
        unbounded = 0;
      } else stack[stack.length - 1].alternates = true;
      atom = false;
      continue;
    }
    if (c === '^' || c === '$') atom = false;
  }
  return boundedProblem(product, unbounded);
}

function boundedProblem(product: number, unbounded: number): string | undefined {
  const limit = unbounded ? MAX_BOUNDED_PRODUCT_WITH_UNBOUNDED : MAX_BOUNDED_PRODUCT;
  if (product > limit) return `bounded repetitions {n,m} allow too many combinations (${product} > ${limit}): lower their maxima`;
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
  // Without g or y a RegExp keeps no state between uses, so one object per pattern serves all.
  const stateless = !/[gy]/.test(flags);
  const key = `${flags}/${source}`;
  let re = stateless ? compiled.get(key) : undefined;
  if (!re) {
    re = source.startsWith('(?i)') ? new RegExp(source.slice(4), flags + 'i') : new RegExp(source, flags);
    if (stateless) compiled.set(key, re);
  }
  return re;
}

const compiled = new Map<string, RegExp>();
