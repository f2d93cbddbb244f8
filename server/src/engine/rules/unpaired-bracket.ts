// unpaired-bracket: “” ‘’ （） 《》 〈〉 【】 (and () [] in any text) that are unclosed, unopened,
// crossed, or nested wrongly (“…“…”…” for “…‘…’…”, 《…《…》…》 for 《…〈…〉…》), per paragraph —
// GB/T 15834-2011 §4.8 (引号), §4.9 (括号), §4.15 (书名号); DOMAIN P4, D9.

import { memoized, moveFinding, type Rule, type RuleContext } from './types';
import type { Fix, RuleFinding } from '../types';
import type { Block, ReportModel } from '../model';

// Half- and full-width round and square brackets are one family here: a mixed pair （…) is
// balanced, and halfwidth-punctuation reports the half-width mark.
const OPEN: Record<string, string> = {
  '“': 'dq', '‘': 'sq', '（': 'paren', '(': 'paren', '《': 'book', '〈': 'book2', '【': 'lent', '[': 'square',
};
const CLOSE: Record<string, string> = {
  '”': 'dq', '’': 'sq', '）': 'paren', ')': 'paren', '》': 'book', '〉': 'book2', '】': 'lent', ']': 'square',
};
const CLOSER_OF: Record<string, string> = { dq: '”', sq: '’', paren: '）', book: '》', book2: '〉', lent: '】', square: ']' };
const OPENER_OF: Record<string, string> = { dq: '“', sq: '‘', paren: '（', book: '《', book2: '〈', lent: '【', square: '[' };
const HALF_PARTNER: Record<string, string> = { '(': ')', ')': '(', '[': ']', ']': '[' };
// The inner mark that replaces a same-kind mark nested inside another (§4.8.3, §4.15.3).
const INNER: Record<string, [string, string]> = { dq: ['‘', '’'], book: ['〈', '〉'] };

const ANY = /[“”‘’（）()《》〈〉【】[\]]/gu;
// "1)" "a)" "①)" "一）" used as list item labels at the start of a block or after a break.
// "…；2）…" "… b) …": an enumeration label inside a paragraph.
const INLINE_LABEL = /(?:^|[\s，；。：、,;:])(?:[0-9]{1,2}|[a-zA-Z]|[一二三四五六七八九十])$/u;
const LIST_LABEL = /^[\s\u3000]*(?:[0-9]{1,3}|[a-zA-Z]|[ivxIVX]{1,4}|[一二三四五六七八九十]{1,3})[)）]/u;

interface Open {
  kind: string;
  ch: string;
  at: number;
}

function message(kind: 'unclosed' | 'unopened' | 'crossed' | 'nested', ch: string, other?: string): { zh: string; en: string } {
  switch (kind) {
    case 'unclosed':
      return { zh: `“${ch}”没有对应的“${HALF_PARTNER[ch] ?? CLOSER_OF[OPEN[ch]]}”，标号不配对。`, en: `"${ch}" is never closed: the pair is incomplete.` };
    case 'unopened':
      return { zh: `“${ch}”前面没有对应的“${HALF_PARTNER[ch] ?? OPENER_OF[CLOSE[ch]]}”，标号不配对。`, en: `"${ch}" closes nothing: its opening mark is missing.` };
    case 'crossed':
      return { zh: `“${ch}”与前面的“${other}”交叉，成对标号应先开后闭、逐层嵌套。`, en: `"${ch}" crosses the open "${other}": pairs must nest, not overlap.` };
    case 'nested':
      return ch === '“'
        ? { zh: '双引号内又用双引号：引号里面再用引号时，里层应改用单引号‘’。', en: 'Double quotes inside double quotes: the inner quotation takes single quotes ‘’.' }
        : { zh: '书名号内又用书名号：里层应改用单书名号〈〉。', en: 'Title marks inside title marks: the inner title takes 〈〉.' };
  }
}

// A closing mark looks this deep into the stack for its partner (crossed pairs are shallow);
// deeper, it counts as unopened. This keeps pathological nesting linear.
const MAX_CROSSING_DEPTH = 64;
// More findings than this in one paragraph say nothing more: the rest of the run is skipped.
const MAX_PER_RUN = 100;

/** Finds the problems of one run of text (a paragraph, a heading or a table row). */
function checkRun(text: string, base: number, findings: RuleFinding[], nextStartsWithQuote: boolean): void {
  const stack: Open[] = [];
  // How many marks of each kind are open, so that "is one open?" costs O(1).
  const openCount: Record<string, number> = {};
  const push = (o: Open) => {
    stack.push(o);
    openCount[o.kind] = (openCount[o.kind] ?? 0) + 1;
  };
  const removeAt = (i: number) => {
    openCount[stack[i].kind]--;
    stack.splice(i, 1);
  };
  const isOpen = (kind: string) => (openCount[kind] ?? 0) > 0;
  const before = findings.length;
  ANY.lastIndex = 0;
  let m: RegExpExecArray | null;
  const labelEnd = (LIST_LABEL.exec(text)?.[0].length ?? 0) - 1;
  while ((m = ANY.exec(text))) {
    if (findings.length - before >= MAX_PER_RUN) return;
    const ch = m[0];
    const at = m.index;
    if (ch in OPEN) {
      // A second “ while one is open is a nesting error or a backwards closing quote: see reportOpen.
      push({ kind: OPEN[ch], ch, at });
      continue;
    }
    const kind = CLOSE[ch];
    if ((ch === ')' || ch === '）') && !isOpen('paren') && (at === labelEnd || INLINE_LABEL.test(text.slice(Math.max(0, at - 4), at)))) continue; // "1)" "b)" list labels
    // An apostrophe (don’t, Kubernetes’) unless a ‘ is open.
    if (ch === '’' && !isOpen('sq')) continue;
    if (ch === ')' && at > 0 && /[:;]/.test(text[at - 1]) && !isOpen('paren')) continue; // :) ;)
    const top = stack[stack.length - 1];
    if (top && top.kind === kind) {
      removeAt(stack.length - 1);
      continue;
    }
    const idx = isOpen(kind) ? findLast(stack, kind) : -1;
    if (idx >= 0) {
      // Crossed pairs 《…（…》…）: report the crossing once; the inner mark may still close later.
      const inner = stack[stack.length - 1];
      findings.push({ start: base + at, end: base + at + 1, message: message('crossed', ch, inner.ch), data: { kind: 'crossed' } });
      removeAt(idx);
      continue;
    }
    findings.push({ start: base + at, end: base + at + 1, message: message('unopened', ch), data: { kind: 'unopened' } });
  }
  reportOpen(text, base, stack, findings, nextStartsWithQuote, MAX_PER_RUN - (findings.length - before));
}

function findLast(stack: Open[], kind: string): number {
  for (let i = stack.length - 1; i >= Math.max(0, stack.length - MAX_CROSSING_DEPTH); i--) if (stack[i].kind === kind) return i;
  return -1;
}

/** Reports what is left open at the end of a run, recognising nested and backwards quotes. */
function reportOpen(text: string, base: number, stack: Open[], findings: RuleFinding[], nextStartsWithQuote: boolean, budget: number): void {
  // A quotation running over several paragraphs opens each with “ and closes only the last (§4.8.3).
  if (nextStartsWithQuote && stack.length === 1 && stack[0].kind === 'dq') return;
  // ‘ is also typed for an apostrophe in English text; it is only reported in Chinese text.
  const chinese = /\p{Script=Han}/u.test(text);
  const left: { o: Open; backwards: boolean }[] = [];
  while (stack.length) {
    const o = stack.pop()!;
    const partner = stack[stack.length - 1];
    // “四个意识“ : the second of two open marks of one kind is a closing mark typed the wrong way.
    if (partner && partner.kind === o.kind && (o.kind === 'dq' || o.kind === 'book')) {
      stack.pop();
      left.push({ o, backwards: true });
    } else left.push({ o, backwards: false });
  }
  left.reverse();
  for (const { o, backwards } of left.slice(0, Math.max(0, budget))) {
    if (o.kind === 'sq' && !chinese) continue;
    if (!backwards) {
      findings.push({ start: base + o.at, end: base + o.at + 1, message: message('unclosed', o.ch), data: { kind: 'unclosed' } });
      continue;
    }
    const close = CLOSER_OF[o.kind];
    findings.push({
      start: base + o.at,
      end: base + o.at + 1,
      message: {
        zh: `“${o.ch}”疑为“${close}”之误：前面的“${o.ch}”尚未闭合。`,
        en: `"${o.ch}" looks like a mistyped "${close}": the "${o.ch}" before it is still open.`,
      },
      fixes: [{ title: { zh: `改为“${close}”`, en: `Change to "${close}"` }, edits: [{ start: base + o.at, end: base + o.at + 1, newText: close }] } as Fix],
      data: { kind: 'backwards' },
    });
  }
}

/** Reports “…“…”…” and 《…《…》…》: balanced, but the inner pair should be ‘’ or 〈〉. */
function checkNesting(text: string, base: number, findings: RuleFinding[]): void {
  const depth: Record<string, number> = { dq: 0, book: 0 };
  const opened: Record<string, number[]> = { dq: [], book: [] };
  ANY.lastIndex = 0;
  let m: RegExpExecArray | null;
  const pending: { kind: string; open: number; close: number }[] = [];
  let balanced = true;
  while ((m = ANY.exec(text))) {
    const ch = m[0];
    const kind = OPEN[ch] ?? CLOSE[ch];
    if (kind !== 'dq' && kind !== 'book') continue;
    if (ch in OPEN) {
      depth[kind]++;
      opened[kind].push(m.index);
    } else {
      if (depth[kind] === 0) { balanced = false; break; }
      depth[kind]--;
      const open = opened[kind].pop()!;
      if (depth[kind] >= 1) pending.push({ kind, open, close: m.index });
    }
  }
  if (!balanced || depth.dq !== 0 || depth.book !== 0) return;
  for (const p of pending.slice(0, MAX_PER_RUN)) {
    const [o, c] = INNER[p.kind];
    findings.push({
      start: base + p.open,
      end: base + p.close + 1,
      message: message('nested', p.kind === 'dq' ? '“' : '《'),
      fixes: [{
        title: { zh: `里层改为“${o}${c}”`, en: `Make the inner pair ${o}${c}` },
        edits: [{ start: base + p.open, end: base + p.open + 1, newText: o }, { start: base + p.close, end: base + p.close + 1, newText: c }],
        safe: true,
      }],
      data: { kind: 'nested' },
    });
  }
}

// A line that starts a new Markdown block: a list item, a quote, a heading, a table row.
const BLOCK_START = /[ \t]*(?:[-*+][ \t]|[0-9]{1,9}[.)][ \t]|>|#|\|)/y;
const HAN_ANY = /\p{Script=Han}/u;

/**
 * True when `next` is the next line of the same paragraph as `prev`: in Markdown a line right
 * below that starts no new block; in plain text the same, for English only (a Chinese report puts
 * one paragraph per line, so a line break there ends the paragraph).
 */
function continuesParagraph(prev: Block, next: Block, model: ReportModel): boolean {
  // The model may take a first line for the title even when the paragraph goes on below it.
  if ((prev.kind !== 'paragraph' && !(prev.kind === 'title' && prev.markdownLevel === undefined)) || next.kind !== 'paragraph') return false;
  // Plain Chinese text: one paragraph per line (checked first: it is the common case and cheap).
  if (model.format !== 'markdown' && (HAN_ANY.test(prev.text) || HAN_ANY.test(next.text))) return false;
  if (next.line !== model.lines.lineAt(prev.end) + 1) return false;
  // A block syntax mark within two characters of where the line's text starts (read in place, no copy).
  BLOCK_START.lastIndex = next.start;
  return !(BLOCK_START.test(model.text) && BLOCK_START.lastIndex <= next.contentStart + 2);
}

/** Consecutive lines of one paragraph as one run; the line breaks between them read as spaces. */
function joinedRun(lines: Block[]): { text: string; base: number } {
  const first = lines[0];
  const from = first.marker ? first.marker.end : first.contentStart;
  let text = first.text.slice(from - first.start);
  for (let k = 1; k < lines.length; k++) text += ' '.repeat(lines[k].start - lines[k - 1].end) + lines[k].text;
  return { text, base: from };
}

/** The runs of a block that pairs must not cross: table rows, else the block from its text start. */
function runsOf(block: Block, model: ReportModel): { text: string; base: number }[] {
  const from = block.marker ? block.marker.end : block.contentStart;
  const text = block.text.slice(from - block.start);
  if (block.kind !== 'table') return [{ text, base: from }];
  const runs: { text: string; base: number }[] = [];
  const first = model.lines.lineAt(block.start);
  const last = model.lines.lineAt(block.end);
  for (let l = first; l <= last; l++) {
    const s = Math.max(block.start, model.lines.lineStarts[l]);
    const e = Math.min(block.end, model.lines.lineEnd(l));
    // Each cell is its own run.
    const row = block.text.slice(s - block.start, e - block.start);
    let cellStart = 0;
    for (let i = 0; i <= row.length; i++) {
      if (i === row.length || (row[i] === '|' && row[i - 1] !== '\\')) {
        runs.push({ text: row.slice(cellStart, i), base: s + cellStart });
        cellStart = i + 1;
      }
    }
  }
  return runs;
}

function checkRunAndNesting(text: string, base: number, findings: RuleFinding[], nextStartsWithQuote: boolean): void {
  if (!/[“”‘’（）()《》〈〉【】[\]]/u.test(text)) return;
  const before = findings.length;
  checkRun(text, base, findings, nextStartsWithQuote);
  if (findings.length === before) checkNesting(text, base, findings);
}

const QUOTE = new Set(['“', '"']);

/** The findings of a block read on its own, relative to its start. */
function ownFindings(block: Block, model: ReportModel, nextStartsWithQuote: boolean): RuleFinding[] {
  const out: RuleFinding[] = [];
  for (const run of runsOf(block, model)) checkRunAndNesting(run.text, run.base - block.start, out, nextStartsWithQuote);
  return out;
}
const blockFindings = (block: Block, ctx: RuleContext) => ownFindings(block, ctx.model, false);
const blockFindingsQuoteFollows = (block: Block, ctx: RuleContext) => ownFindings(block, ctx.model, true);

export const unpairedBracketRule: Rule = {
  id: 'unpaired-bracket',
  defaultSeverity: 'warning',
  description: {
    zh: '引号、括号、书名号等成对标号不配对、交叉或嵌套错误（“…‘…’…”、《…〈…〉…》）。',
    en: 'Paired marks (quotes, brackets, title marks) left unclosed, crossed, or nested wrongly (“…‘…’…”, 《…〈…〉…》).',
  },
  check(ctx) {
    const { model } = ctx;
    const findings: RuleFinding[] = [];
    const blocks = model.textBlocks;
    for (let i = 0; i < blocks.length; i++) {
      const block = blocks[i];
      // A hard-wrapped paragraph (Markdown, or English plain text) is read as one run.
      let last = i;
      while (last + 1 < blocks.length && continuesParagraph(blocks[last], blocks[last + 1], model)) last++;
      const next = blocks[last + 1];
      const nextStartsWithQuote = !!next && QUOTE.has(model.text.charAt(next.contentStart));
      if (last === i) {
        // A block on its own: its findings depend on its text alone (and on the next block's first mark).
        const relative = nextStartsWithQuote
          ? memoized(ctx, block, 'unpaired-bracket/quote-follows', blockFindingsQuoteFollows)
          : memoized(ctx, block, 'unpaired-bracket/findings', blockFindings);
        for (let k = 0; k < relative.length; k++) findings.push(moveFinding(relative[k], block.start));
        continue;
      }
      const run = joinedRun(blocks.slice(i, last + 1));
      i = last;
      checkRunAndNesting(run.text, run.base, findings, nextStartsWithQuote);
    }
    return findings;
  },
};
