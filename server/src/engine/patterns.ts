// User- and data-supplied patterns: plain strings or /regex/flags, checked before use.

export interface CompiledPattern {
  source: string;
  regex: RegExp;
}

export class PatternError extends Error {}

const MAX_PATTERN_LENGTH = 500;
/**
 * A repetition {n,m} with m above this counts as unbounded, and every unbounded repetition (`*`,
 * `+`, `{n,}`, `{n,m}` with m > 100) is run as `{n,100}`: it matches at most 100 times. Without
 * that cap no checker keeps a global match linear: `.*a` tries every start position and scans to
 * the end of the text from each, L²/2 steps on a line of L characters without an `a`.
 */
const MAX_BOUNDED_REPEAT = 100;
/**
 * The ways the backtracking engine can try the pattern at one start position (the product of the
 * choices of its repetitions, `?` and alternatives; an unbounded repetition counts as its 100)…
 */
const MAX_PATHS = 1000;
/** …and the most characters one try reads (matched or looked at; unbounded repetitions at 100). */
const MAX_WIDTH = 1000;
/** A group of alternatives may repeat a few times ({1,3}), never without bound. */
const MAX_ALTERNATION_REPEAT = 10;

interface GroupState {
  /** Contains a quantifier that can match different counts (`?`, `*`, `+`, `{n,m}`). */
  varies: boolean;
  /** Contains an alternation `|`. */
  alternates: boolean;
  /** Paths and width of the alternative being read, and before its last item (a quantifier replaces it). */
  paths: number;
  width: number;
  pathsBefore: number;
  widthBefore: number;
  /** The finished alternatives': paths summed, widest width. */
  altPaths: number;
  altWidth: number;
}

const newGroup = (): GroupState => ({ varies: false, alternates: false, paths: 1, width: 0, pathsBefore: 0, widthBefore: 0, altPaths: 0, altWidth: 0 });

/** Reads a quantifier at `i`: its bounds (max Infinity when unbounded) and length, or undefined. */
function readQuantifier(source: string, i: number): { min: number; max: number; length: number; lazy: boolean } | undefined {
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
  const lazy = source[i + length] === '?';
  if (lazy) length++;
  return { min, max, length, lazy };
}

interface Analysis {
  /** Why the pattern is unsafe, or undefined. */
  problem?: string;
  /** The pattern as it is run: every unbounded repetition capped at {n,100}. */
  bounded: string;
}

/**
 * Keeps user patterns in a subset whose work per start position is bounded, so that a global
 * match over a text of length L costs at most about L × 1000 paths × their length, whatever the
 * text (1 MB on one line included):
 * - no backreferences;
 * - no repeated group whose inside can match in several lengths or ways: `(a+)+`, `(a?a?)*`,
 *   `(a|aa)*`, `(.*a){20}` (a group of plain alternatives may repeat at most {0,10} times);
 * - at most one unbounded repetition per top-level alternative (`*`, `+`, `{n,}`, `{n,m}` with
 *   m > 100), run as {n,100}: `X*X*X*Y` and `.+条.+款` are rejected, `.*a` matches at most 100
 *   characters before the `a`;
 * - at most 1000 paths per start position: each repetition {n,m} gives m−n+1 choices, `?` two, a
 *   group its alternatives' sum; an unbounded repetition counts as 100 (so at most 10 choices
 *   beside it); top-level alternatives add up;
 * - at most 1000 characters read by one path (a repetition's width times its maximum).
 */
function analyze(source: string): Analysis {
  if (source.length > MAX_PATTERN_LENGTH) return { problem: `longer than ${MAX_PATTERN_LENGTH} characters`, bounded: source };
  const stack: GroupState[] = [newGroup()];
  const caps: { at: number; length: number; text: string }[] = [];
  let unbounded = 0;
  let paths = 0; // the finished top-level alternatives'
  let width = 0;
  // Whether the previous item can be quantified, and the state of a group that just closed.
  let atom = false;
  let closed: GroupState | undefined;
  // The previous item's paths and width (a quantifier replaces them).
  let item = { paths: 1, width: 0 };
  const fail = (problem: string): Analysis => ({ problem, bounded: source });
  const add = (g: GroupState, p: number, w: number) => {
    g.pathsBefore = g.paths;
    g.widthBefore = g.width;
    g.paths *= p;
    g.width += w;
    item = { paths: p, width: w };
  };
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    const q = atom ? readQuantifier(source, i) : undefined;
    const top = stack[stack.length - 1];
    if (q) {
      if (closed && q.max > 1) {
        if (closed.varies) return fail('a repeated group contains a repetition (catastrophic backtracking): repeat the inner part only');
        if (closed.alternates && q.max > MAX_ALTERNATION_REPEAT) return fail('a repeated group of alternatives (catastrophic backtracking): use a character class such as [ab]+');
      }
      let max = q.max;
      if (q.max > MAX_BOUNDED_REPEAT) {
        if (++unbounded > 1) return fail('more than one unbounded repetition (*, +, {n,}): bound all but one, e.g. {0,20}');
        if (q.min > MAX_BOUNDED_REPEAT) return fail(`a repetition of more than ${MAX_BOUNDED_REPEAT}: lower its count`);
        max = MAX_BOUNDED_REPEAT;
        caps.push({ at: i, length: q.length, text: `{${q.min},${max}}${q.lazy ? '?' : ''}` });
      }
      let choices = 0;
      if (item.paths === 1) choices = max - q.min + 1;
      else for (let k = q.min; k <= max; k++) choices += item.paths ** k;
      top.paths = top.pathsBefore * choices;
      top.width = top.widthBefore + item.width * max;
      item = { paths: choices, width: item.width * max };
      if (q.min !== q.max) top.varies = true;
      i += q.length - 1;
      atom = false;
      closed = undefined;
      continue;
    }
    closed = undefined;
    atom = true;
    if (c === '\\') {
      const next = source[i + 1] ?? '';
      if (/[1-9]/.test(next) || next === 'k') return fail('backreferences are not allowed');
      const braced = /^[pPu]\{[^}]*\}/.exec(source.slice(i + 1, i + 64));
      i += braced ? braced[0].length : 1;
      // \b \B are assertions: they read nothing, but quantifying them is a syntax error anyway.
      add(top, 1, 1);
      continue;
    }
    if (c === '[') {
      // A character class is one atom; skip to its unescaped closing bracket.
      let j = i + 1;
      if (source[j] === '^') j++;
      if (source[j] === ']') j++;
      while (j < source.length && source[j] !== ']') j += source[j] === '\\' ? 2 : 1;
      i = j;
      add(top, 1, 1);
      continue;
    }
    if (c === '(') {
      stack.push(newGroup());
      const prefix = /^\?(?:[:=!]|<[=!]|<[A-Za-z_$][\w$]*>)/.exec(source.slice(i + 1, i + 40));
      if (prefix) i += prefix[0].length;
      atom = false;
      continue;
    }
    if (c === ')') {
      const group = stack.length > 1 ? stack.pop()! : newGroup();
      const parent = stack[stack.length - 1];
      parent.varies ||= group.varies;
      parent.alternates ||= group.alternates;
      // A lookaround reads what it looks at: counted like a group that matches (an overestimate).
      add(parent, group.altPaths + group.paths, Math.max(group.altWidth, group.width));
      closed = group;
      continue;
    }
    if (c === '|') {
      if (stack.length === 1) {
        // Top-level alternatives are tried one after another: their paths add up.
        const problem = budgetProblem(paths + top.paths, Math.max(width, top.width), unbounded);
        if (problem) return fail(problem);
        paths += top.paths;
        width = Math.max(width, top.width);
        stack[0] = newGroup();
        unbounded = 0;
      } else {
        // Inside a group: the alternatives' paths add up.
        top.alternates = true;
        top.altPaths += top.paths;
        top.altWidth = Math.max(top.altWidth, top.width);
        top.paths = 1;
        top.width = 0;
      }
      atom = false;
      continue;
    }
    if (c === '^' || c === '$') { atom = false; continue; }
    add(top, 1, 1);
  }
  const problem = budgetProblem(paths + stack[0].paths, Math.max(width, stack[0].width), unbounded);
  if (problem) return fail(problem);
  let bounded = source;
  for (const cap of caps.reverse()) bounded = bounded.slice(0, cap.at) + cap.text + bounded.slice(cap.at + cap.length);
  return { bounded };
}

/** Rejects regexes that can backtrack super-linearly (see `analyze`): the reason, or undefined when safe. */
export function checkRegexSafety(source: string): string | undefined {
  return analyze(source).problem;
}

function budgetProblem(paths: number, width: number, unbounded: number): string | undefined {
  if (paths > MAX_PATHS) {
    return `bounded repetitions {n,m} allow too many combinations (${paths} > ${MAX_PATHS} ways to try at each position${unbounded ? ', an unbounded repetition counting as its {n,100}' : ''}): lower their maxima`;
  }
  if (width > MAX_WIDTH) return `one match may read ${width} characters (> ${MAX_WIDTH}; an unbounded repetition counts as {n,100}): lower the repetition counts`;
  return undefined;
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Compiles "/re/flags" as a regex (checked for safety, unbounded repetitions run as {n,100}) and
 * anything else as a literal string.
 */
export function compileUserPattern(text: string, extraFlags = 'gu'): CompiledPattern {
  const m = /^\/(.+)\/([a-z]*)$/s.exec(text);
  if (!m) return { source: text, regex: new RegExp(escapeRegex(text), extraFlags) };
  const { problem, bounded } = analyze(m[1]);
  if (problem) throw new PatternError(`unsafe regular expression ${text}: ${problem}`);
  const flags = Array.from(new Set((m[2] + extraFlags).split(''))).filter((f) => 'gimsuy'.includes(f)).join('');
  try {
    // Validated as written (its own error messages), run with the repetitions capped.
    new RegExp(m[1], flags);
    return { source: text, regex: new RegExp(bounded, flags) };
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
