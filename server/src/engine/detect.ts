// Which files are reports, and how to read bytes of unknown encoding.

import { titleNamesReport } from './profiles';

export const DEFAULT_INCLUDE = ['总结', '报告', '述职', '汇报', 'report'];
const REPORT_EXTENSIONS = /\.report(?:\.md|\.txt)?$/i;

/** Format from the file name: Markdown for .md/.markdown, plain text otherwise. */
export function formatOf(fileName: string): 'markdown' | 'plain' {
  return /\.(?:md|markdown)$/i.test(fileName) ? 'markdown' : 'plain';
}

export function hasReportExtension(fileName: string): boolean {
  return REPORT_EXTENSIONS.test(fileName);
}

/** True when the file name contains one of the include words (case-insensitive). */
export function nameMatchesInclude(fileName: string, include: string[] = DEFAULT_INCLUDE): boolean {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const lower = base.toLowerCase();
  return include.some((w) => w && lower.includes(w.toLowerCase()));
}

/** The first non-empty line, without Markdown `#` markers. */
export function firstLine(text: string): string {
  const head = text.slice(0, 4000).replace(/^\ufeff/, '');
  const withoutFrontMatter = head.replace(/^---\r?\n[\s\S]*?\r?\n---[ \t]*\r?\n/, '');
  for (const line of withoutFrontMatter.split(/\r\n|\r|\n/)) {
    const t = line.replace(/^#{1,6}\s*/, '').trim();
    if (t) return t;
  }
  return '';
}

export interface ReportDecision {
  isReport: boolean;
  reason: 'extension' | 'name' | 'config' | 'title' | 'none';
}

/** Decides whether a file is a report (see README: "Which files are checked"). */
export function decideReport(fileName: string, text: string, opts: { include?: string[]; hasConfig?: boolean }): ReportDecision {
  if (hasReportExtension(fileName)) return { isReport: true, reason: 'extension' };
  if (nameMatchesInclude(fileName, opts.include)) return { isReport: true, reason: 'name' };
  if (opts.hasConfig) return { isReport: true, reason: 'config' };
  const title = firstLine(text);
  if (title.length <= 60 && !/[。；：:;，,]$/u.test(title) && titleNamesReport(title)) return { isReport: true, reason: 'title' };
  return { isReport: false, reason: 'none' };
}

export interface DecodedText {
  text: string;
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';
  /** Set when the bytes are not text (NUL bytes outside UTF-16). */
  binary?: boolean;
  /** The UTF-8 text began with a byte-order mark. */
  bom?: boolean;
}

/**
 * Decodes bytes as `new TextDecoder('utf-8', { fatal: true })` does (a byte-order mark at the start
 * dropped), or returns undefined where they are not valid UTF-8.
 */
export type Utf8Decoder = (bytes: Uint8Array) => string | undefined;

export const decodeUtf8: Utf8Decoder = (bytes) => {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
};

/**
 * Decodes UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030/GBK, detecting which. `utf8`
 * decodes the UTF-8 case: a caller with a faster decoder of the same results may pass it (the CLI
 * does, with Node's `buffer` module, which the engine does not import).
 */
export function decodeReportBytes(bytes: Uint8Array, utf8: Utf8Decoder = decodeUtf8): DecodedText {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  const sample = bytes.subarray(0, 8192);
  if (sample.includes(0)) return { text: '', encoding: 'utf-8', binary: true };
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const text = utf8(bytes.subarray(start));
  if (text !== undefined) return { text, encoding: 'utf-8', bom: start === 3 };
  return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
}
