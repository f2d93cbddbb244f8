// A strict parser for VS Code snippet syntax (tabstops, placeholders, choices, variables,
// transforms, escapes), and an expander that inserts what VS Code inserts when the user only
// presses Tab. Stricter than VS Code, which turns anything it cannot parse into literal text:
// here a stray `$`, an unknown variable or a bad transform is an error.

export type FormatPart = string | { group: number; shorthand?: string; ifValue?: string; elseValue?: string };
export interface Transform {
  regex: RegExp;
  format: FormatPart[];
}
export type SnippetNode =
  | { type: 'text'; value: string }
  | { type: 'tabstop'; index: number; transform?: Transform }
  | { type: 'placeholder'; index: number; children: SnippetNode[] }
  | { type: 'choice'; index: number; options: string[] }
  | { type: 'variable'; name: string; children?: SnippetNode[]; transform?: Transform };

export class SnippetSyntaxError extends Error {
  constructor(message: string, readonly offset: number) {
    super(`${message} at ${offset}`);
  }
}

// The variables VS Code resolves (code.visualstudio.com/docs/editor/userdefinedsnippets#_variables).
export const KNOWN_VARIABLES = new Set([
  'TM_SELECTED_TEXT', 'TM_CURRENT_LINE', 'TM_CURRENT_WORD', 'TM_LINE_INDEX', 'TM_LINE_NUMBER', 'TM_FILENAME',
  'TM_FILENAME_BASE', 'TM_DIRECTORY', 'TM_FILEPATH', 'RELATIVE_FILEPATH', 'CLIPBOARD', 'WORKSPACE_NAME',
  'WORKSPACE_FOLDER', 'CURSOR_INDEX', 'CURSOR_NUMBER', 'CURRENT_YEAR', 'CURRENT_YEAR_SHORT', 'CURRENT_MONTH',
  'CURRENT_MONTH_NAME', 'CURRENT_MONTH_NAME_SHORT', 'CURRENT_DATE', 'CURRENT_DAY_NAME', 'CURRENT_DAY_NAME_SHORT',
  'CURRENT_HOUR', 'CURRENT_MINUTE', 'CURRENT_SECOND', 'CURRENT_SECONDS_UNIX', 'CURRENT_TIMEZONE_OFFSET',
  'RANDOM', 'RANDOM_HEX', 'UUID', 'BLOCK_COMMENT_START', 'BLOCK_COMMENT_END', 'LINE_COMMENT',
]);
const SHORTHANDS = new Set(['upcase', 'downcase', 'capitalize', 'camelcase', 'pascalcase']);

/** Parses a snippet body; throws SnippetSyntaxError on anything VS Code would not parse as meant. */
export function parseSnippet(src: string): SnippetNode[] {
  let i = 0;
  const fail = (msg: string): never => {
    throw new SnippetSyntaxError(msg, i);
  };
  const int = (): number | undefined => {
    const m = /^[0-9]+/.exec(src.slice(i));
    if (!m) return undefined;
    i += m[0].length;
    return Number(m[0]);
  };
  const name = (): string | undefined => {
    const m = /^[_a-zA-Z][_a-zA-Z0-9]*/.exec(src.slice(i));
    if (!m) return undefined;
    i += m[0].length;
    return m[0];
  };
  const expect = (c: string) => {
    if (src[i] !== c) fail(`expected "${c}"`);
    i++;
  };

  // A conditional text inside a format: up to the closing char, with `\$ \} \\` escaped.
  const until = (close: string): string => {
    let out = '';
    for (;;) {
      if (i >= src.length) fail('unterminated format');
      const c = src[i];
      if (c === close) {
        i++;
        if (!out) fail('empty format branch');
        return out;
      }
      if (c === '\\') {
        if (!'$}\\'.includes(src[i + 1] ?? '')) fail('bad escape in format');
        out += src[i + 1];
        i += 2;
        continue;
      }
      out += c;
      i++;
    }
  };
  const transform = (): Transform => {
    // after the opening `/`
    const regexSource = untilSlashRegex();
    const format: FormatPart[] = [];
    for (;;) {
      if (i >= src.length) fail('unterminated transform format');
      const c = src[i];
      if (c === '/') {
        i++;
        break;
      }
      if (c === '\\') {
        const n = src[i + 1];
        format.push(n === '\\' || n === '/' ? n : '\\');
        i += n === '\\' || n === '/' ? 2 : 1;
        continue;
      }
      if (c === '$') {
        i++;
        if (src[i] === '{') {
          i++;
          const g = int();
          if (g === undefined) fail('format group must be a number');
          if (src[i] === '}') {
            i++;
            format.push({ group: g! });
            continue;
          }
          expect(':');
          if (src[i] === '/') {
            i++;
            const sh = name();
            if (!sh || !SHORTHANDS.has(sh)) fail(`unknown format shorthand "${sh}"`);
            expect('}');
            format.push({ group: g!, shorthand: sh });
          } else if (src[i] === '+') {
            i++;
            format.push({ group: g!, ifValue: until('}') });
          } else if (src[i] === '-') {
            i++;
            format.push({ group: g!, elseValue: until('}') });
          } else if (src[i] === '?') {
            i++;
            const ifValue = until(':');
            format.push({ group: g!, ifValue, elseValue: until('}') });
          } else format.push({ group: g!, elseValue: until('}') });
          continue;
        }
        const g = int();
        if (g === undefined) fail('"$" in a format must start a group reference');
        format.push({ group: g! });
        continue;
      }
      format.push(c);
      i++;
    }
    let options = '';
    while (src[i] !== '}') {
      if (i >= src.length) fail('unterminated transform options');
      options += src[i++];
    }
    i++;
    if (!/^[gimsuy]*$/.test(options)) fail(`bad regex options "${options}"`);
    let regex: RegExp;
    try {
      regex = new RegExp(regexSource, options);
    } catch (e) {
      return fail(`invalid regex /${regexSource}/: ${(e as Error).message}`);
    }
    return { regex, format };
  };
  const untilSlashRegex = (): string => {
    let out = '';
    for (;;) {
      if (i >= src.length) fail('unterminated transform regex');
      const c = src[i];
      if (c === '/') {
        i++;
        return out;
      }
      if (c === '\\') {
        out += src[i + 1] === '/' ? '/' : '\\' + (src[i + 1] ?? '');
        i += 2;
        continue;
      }
      out += c;
      i++;
    }
  };
  const choice = (index: number): SnippetNode => {
    const options: string[] = [];
    let cur = '';
    for (;;) {
      if (i >= src.length) fail('unterminated choice');
      const c = src[i];
      if (c === '\\' && ',|\\'.includes(src[i + 1] ?? '')) {
        cur += src[i + 1];
        i += 2;
        continue;
      }
      if (c === ',' || c === '|') {
        if (!cur) fail('empty choice option');
        options.push(cur);
        cur = '';
        i++;
        if (c === '|') {
          expect('}');
          return { type: 'choice', index, options };
        }
        continue;
      }
      cur += c;
      i++;
    }
  };

  const dollar = (): SnippetNode => {
    i++; // $
    const n = int();
    if (n !== undefined) return { type: 'tabstop', index: n };
    const v = name();
    if (v !== undefined) {
      if (!KNOWN_VARIABLES.has(v)) fail(`unknown variable ${v}`);
      return { type: 'variable', name: v };
    }
    if (src[i] !== '{') fail('unescaped "$" (write \\$)');
    i++;
    const index = int();
    if (index !== undefined) {
      const c = src[i++];
      if (c === '}') return { type: 'tabstop', index };
      if (c === ':') return { type: 'placeholder', index, children: seq(true) };
      if (c === '|') {
        if (index === 0) fail('$0 cannot be a choice');
        return choice(index);
      }
      if (c === '/') return { type: 'tabstop', index, transform: transform() };
      i--;
      return fail('expected "}", ":", "|" or "/" after a tabstop number');
    }
    const vn = name();
    if (vn === undefined) return fail('expected a tabstop number or a variable name after "${"');
    if (!KNOWN_VARIABLES.has(vn)) fail(`unknown variable ${vn}`);
    const c = src[i++];
    if (c === '}') return { type: 'variable', name: vn };
    if (c === ':') return { type: 'variable', name: vn, children: seq(true) };
    if (c === '/') return { type: 'variable', name: vn, transform: transform() };
    i--;
    return fail('expected "}", ":" or "/" after a variable name');
  };

  const seq = (nested: boolean): SnippetNode[] => {
    const out: SnippetNode[] = [];
    let text = '';
    const flush = () => {
      if (text) out.push({ type: 'text', value: text });
      text = '';
    };
    while (i < src.length) {
      const c = src[i];
      if (c === '\\') {
        const n = src[i + 1];
        if (n === '$' || n === '}' || n === '\\') {
          text += n;
          i += 2;
        } else {
          text += c;
          i++;
        }
      } else if (c === '$') {
        flush();
        out.push(dollar());
      } else if (c === '}' && nested) {
        i++;
        flush();
        return out;
      } else {
        text += c;
        i++;
      }
    }
    if (nested) fail('unterminated placeholder (missing "}")');
    flush();
    return out;
  };

  const nodes = seq(false);
  checkConsistency(nodes);
  return nodes;
}

/** Tabstops with one number must not have two different defaults, and $0 appears at most once. */
function checkConsistency(nodes: SnippetNode[]): void {
  const defaults = new Map<number, string>();
  let finals = 0;
  const walk = (list: SnippetNode[]) => {
    for (const n of list) {
      if ((n.type === 'tabstop' || n.type === 'placeholder' || n.type === 'choice') && n.index === 0) finals++;
      if (n.type === 'placeholder' || n.type === 'choice') {
        const d = n.type === 'choice' ? n.options.join('|') : JSON.stringify(n.children);
        const prev = defaults.get(n.index);
        if (prev !== undefined && prev !== d) throw new SnippetSyntaxError(`tabstop $${n.index} has two different defaults`, 0);
        defaults.set(n.index, d);
      }
      if (n.type === 'placeholder') walk(n.children);
      if (n.type === 'variable' && n.children) walk(n.children);
    }
  };
  walk(nodes);
  if (finals > 1) throw new SnippetSyntaxError('$0 appears more than once', 0);
}

function applyTransform(value: string, t: Transform): string {
  return value.replace(t.regex, (...args: unknown[]) => {
    // args: match, group 1 … group n, offset, whole string[, named groups]
    const offsetAt = args.findIndex((a, k) => k > 0 && typeof a === 'number');
    const groups = args.slice(0, offsetAt) as (string | undefined)[];
    return t.format
      .map((p) => {
        if (typeof p === 'string') return p;
        const g = groups[p.group] ?? '';
        if (p.shorthand === 'upcase') return g.toUpperCase();
        if (p.shorthand === 'downcase') return g.toLowerCase();
        if (p.shorthand === 'capitalize') return g.charAt(0).toUpperCase() + g.slice(1);
        if (p.shorthand) return g;
        if (p.ifValue !== undefined && g) return p.ifValue;
        if (p.elseValue !== undefined && !g) return p.elseValue;
        return p.ifValue !== undefined || p.elseValue !== undefined ? '' : g;
      })
      .join('');
  });
}

/** The text VS Code inserts when every field keeps its default (choices take their first option). */
export function expandSnippet(nodes: SnippetNode[], variables: Record<string, string>): string {
  const defaults = new Map<number, SnippetNode[] | string>();
  const collect = (list: SnippetNode[]) => {
    for (const n of list) {
      if (n.type === 'placeholder' && !defaults.has(n.index)) defaults.set(n.index, n.children);
      if (n.type === 'choice' && !defaults.has(n.index)) defaults.set(n.index, n.options[0]);
      if (n.type === 'placeholder') collect(n.children);
    }
  };
  collect(nodes);
  const render = (list: SnippetNode[]): string =>
    list
      .map((n) => {
        switch (n.type) {
          case 'text':
            return n.value;
          case 'placeholder':
            return render(n.children);
          case 'choice':
            return n.options[0];
          case 'tabstop': {
            const d = defaults.get(n.index);
            const v = d === undefined ? '' : typeof d === 'string' ? d : render(d);
            return n.transform ? applyTransform(v, n.transform) : v;
          }
          case 'variable': {
            const v = variables[n.name];
            if (v === undefined) return n.children ? render(n.children) : '';
            return n.transform ? applyTransform(v, n.transform) : v;
          }
        }
      })
      .join('');
  return render(nodes);
}

/** VS Code's date variables for a given day. */
export function dateVariables(d: Date): Record<string, string> {
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    CURRENT_YEAR: String(d.getFullYear()),
    CURRENT_YEAR_SHORT: String(d.getFullYear()).slice(-2),
    CURRENT_MONTH: pad(d.getMonth() + 1),
    CURRENT_MONTH_NAME: months[d.getMonth()],
    CURRENT_MONTH_NAME_SHORT: months[d.getMonth()].slice(0, 3),
    CURRENT_DATE: pad(d.getDate()),
  };
}
