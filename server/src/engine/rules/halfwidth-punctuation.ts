// halfwidth-punctuation: , ; : ? ! . ( ) typed in Chinese text where the full-width mark belongs
// (GB/T 15834-2011 ch. 5 on the written form of marks; DOMAIN P8, D10). `8:00`, `3.5`, `1:500`, English
// sentences, URLs and code are left alone: a mark is reported only next to a Chinese character.

import { blockRule, type Rule } from './types';
import type { RuleFinding } from '../types';
import type { Block } from '../model';

const FULL: Record<string, string> = { ',': '，', ';': '；', ':': '：', '?': '？', '!': '！', '.': '。', '(': '（', ')': '）' };
const HAN = /[\p{Script=Han}]/u;
// Chinese text on the other side of a mark: a Han character or a full-width mark.
const CJK_SIDE = /[\p{Script=Han}“”‘’（）《》〈〉【】、，。；：？！]/u;
const MARK = /[,;:?!.()]/g;
const PAIR = /\(([^()\r\n]{0,200})\)/g;

function fixFor(start: number, end: number, replacement: string, extra?: { start: number; end: number; newText: string }) {
  const edits = [{ start, end, newText: replacement }];
  if (extra) edits.push(extra);
  return [{ title: { zh: `改为全角“${replacement}”${extra ? '“' + extra.newText + '”' : ''}`, en: `Use the full-width "${replacement}"${extra ? ' "' + extra.newText + '"' : ''}` }, edits, safe: true }];
}

// More findings than this in one paragraph say nothing more (a text typed with an English IME):
// the rest of the paragraph is skipped, which keeps pathological input fast.
const MAX_PER_BLOCK = 100;

/** Checks one run of Chinese-bearing text. */
function checkText(text: string, base: number, findings: RuleFinding[]): void {
  const taken = new Set<number>();
  const found = findings.length;
  // Parentheses as a pair: Chinese inside, or Chinese on either side, makes both full-width.
  PAIR.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = PAIR.exec(text))) {
    if (findings.length - found >= MAX_PER_BLOCK) return;
    const open = m.index;
    const close = m.index + m[0].length - 1;
    const inner = m[1];
    const before = text.charAt(open - 1);
    const after = text.charAt(close + 1);
    // Either both marks of a pair change or neither: never a mixed (K8s）.
    taken.add(open).add(close);
    if (!(HAN.test(inner) || HAN.test(before) || HAN.test(after))) continue;
    findings.push({
      start: base + open,
      end: base + close + 1,
      message: { zh: '中文行文中的括号应使用全角“（）”。', en: 'Brackets in Chinese text are full-width: （）.' },
      fixes: fixFor(base + open, base + open + 1, '（', { start: base + close, end: base + close + 1, newText: '）' }),
      data: { mark: '()' },
    });
  }
  MARK.lastIndex = 0;
  while ((m = MARK.exec(text))) {
    if (findings.length - found >= MAX_PER_BLOCK) return;
    const at = m.index;
    if (taken.has(at)) continue;
    const ch = m[0];
    // A run of marks of one kind ("!!!", "((") is one finding, fixed in one go: judged by what
    // stands on either side of the whole run, not of each mark.
    let last = at;
    if (ch !== '.') while (last + 1 < text.length && text.charAt(last + 1) === ch && !taken.has(last + 1)) last++;
    const run = text.slice(at, last + 1);
    const before = text.charAt(at - 1);
    const after = text.charAt(last + 1);
    if (ch === '.') {
      // A period only after a Chinese character at the end of a sentence (before a space or the
      // end of the block): not 3.5, 1., V1.0, nor 新生.结伴 where it stands for an interpunct.
      if (!HAN.test(before) || !(after === '' || /\s/u.test(after))) continue;
      if (after === '.') continue; // "..." is the ellipsis rule's
    } else if (ch === '(' || ch === ')') {
      // An unpaired bracket next to Chinese.
      if (!(HAN.test(before) || HAN.test(after))) {
        MARK.lastIndex = last + 1;
        continue;
      }
    } else {
      // Chinese before the mark, or a Chinese character right after it.
      if (!(CJK_SIDE.test(before) || HAN.test(after))) {
        MARK.lastIndex = last + 1;
        continue;
      }
      if (ch === ':' && /[0-9]/.test(before) && /[0-9]/.test(after)) continue; // 8:00, 1:500
      if (ch === ',' && /[0-9]/.test(before) && /[0-9]/.test(after)) continue; // 3,000
      if (ch === '?' && (before === '?' || run.length >= 3)) {
        MARK.lastIndex = last + 1;
        continue; // ??? is a placeholder (the placeholder rule's)
      }
      if (ch === '!' && after === '[') continue; // a Markdown image ![…](…)
    }
    MARK.lastIndex = last + 1;
    // The space typed after an English comma goes with it.
    let end = last + 1;
    if (ch !== '(' && ch !== ')' && text.charAt(end) === ' ' && HAN.test(text.charAt(end + 1))) end++;
    const full = FULL[ch].repeat(run.length);
    findings.push({
      start: base + at,
      end: base + end,
      message: { zh: `中文行文中应使用全角标点“${full}”，而不是半角“${run}”。`, en: `Chinese text takes the full-width "${full}", not the half-width "${run}".` },
      fixes: fixFor(base + at, base + end, full),
      data: { mark: ch },
    });
  }
}

function textOf(block: Block): { text: string; base: number } {
  // The numbering marker is heading-numbering's: "(一)" and "1," are reported there.
  const from = block.marker ? block.marker.end : block.contentStart;
  return { text: block.text.slice(from - block.start), base: from };
}

export const halfwidthPunctuationRule: Rule = blockRule({
  id: 'halfwidth-punctuation',
  defaultSeverity: 'warning',
  description: {
    zh: '中文行文中误用半角标点 , ; : ? ! . ( )，应使用全角标点（8:00、3.5、1:500、英文句子、网址除外）。',
    en: 'Half-width , ; : ? ! . ( ) in Chinese text where full-width marks belong (8:00, 3.5, 1:500, English sentences and URLs are kept).',
  },
  checkBlock(block) {
    const findings: RuleFinding[] = [];
    const { text, base } = textOf(block);
    if (HAN.test(text) && /[,;:?!.()]/.test(text)) checkText(text, base, findings);
    return findings;
  },
});
