// The one HTML renderer: preview, HTML export and tests all call renderReportHtml. Every piece of
// document text goes through escapeHtml; Markdown is parsed with raw HTML disabled; images are shown
// as their description and links never get an href, so a rendered report cannot run or fetch anything.

import type { ReportModel } from '../model';
import type { Profile, SectionMatch } from '../profiles';
import type { Finding, LocalizedText, Severity } from '../types';
import { isWide, layoutReport, type DocItem, type Run } from './layout';
import { FINDING_CSS, OFFICIAL_CSS, OFFICIAL_PAGE, PANEL_CSS, PLAIN_CSS, TITLE_CHARS_PER_LINE } from './styles';

export type RenderStyle = 'official' | 'plain';

/** One figure for the figures panel (filled by the figure extraction when it is available). */
export interface FigureView {
  start: number;
  end: number;
  /** The figure as written, e.g. "12次". */
  text: string;
  metric?: string;
  value?: number | string;
  unit?: string;
  /** conflict: the same metric has another value elsewhere; mismatch: parts and total disagree. */
  status?: 'ok' | 'conflict' | 'mismatch';
  note?: LocalizedText;
}

/** What the renderer needs: a LintResult fits, and so does a bare model. */
export interface RenderInput {
  model: ReportModel;
  findings?: Finding[];
  profile?: Profile;
  sections?: SectionMatch[];
}

export interface RenderOptions {
  /** Default: official for Chinese reports, plain for English ones. */
  style?: RenderStyle;
  /** Language of messages and labels. Default: the report's language. */
  lang?: 'zh' | 'en';
  /** Show findings in place (default true). */
  findings?: boolean;
  /** Include the summary bar (default true). */
  summary?: boolean;
  /** The figures panel; left out when undefined. */
  figures?: FigureView[];
}

export interface RenderStats {
  characters: number;
  pages: number;
  counts: Record<Severity, number>;
  /** Findings that have no visible place in the rendered text (listed under the summary). */
  unplaced: number;
}

export interface RenderedReport {
  /** Summary bar, figures panel and document, in that order. */
  body: string;
  /** The style sheet for `body` (document style plus panels). */
  css: string;
  documentHtml: string;
  summaryHtml: string;
  figuresHtml: string;
  style: RenderStyle;
  lang: 'zh' | 'en';
  title: string;
  stats: RenderStats;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

const SEVERITY_ORDER: Severity[] = ['error', 'warning', 'info', 'hint'];
const SEVERITY_LABEL: Record<Severity, LocalizedText> = {
  error: { zh: '错误', en: 'errors' },
  warning: { zh: '警告', en: 'warnings' },
  info: { zh: '提示', en: 'infos' },
  hint: { zh: '建议', en: 'hints' },
};

function reportLanguage(input: RenderInput): 'zh' | 'en' {
  if (input.profile) return input.profile.language;
  const sample = input.model.text.slice(0, 4000);
  let han = 0;
  let latin = 0;
  for (const ch of sample) {
    if (/\p{Script=Han}/u.test(ch)) han++;
    else if (/[A-Za-z]/.test(ch)) latin++;
  }
  return han * 2 >= latin ? 'zh' : 'en';
}

/** Places findings on runs: splits text at finding boundaries and wraps each piece. */
class FindingPlacer {
  private readonly sorted: { f: Finding; i: number }[];
  private next = 0;
  private active: { f: Finding; i: number }[] = [];
  readonly placed = new Set<number>();

  constructor(findings: Finding[], private readonly lang: 'zh' | 'en') {
    this.sorted = findings.map((f, i) => ({ f, i })).sort((a, b) => a.f.start - b.f.start || a.f.end - b.f.end);
  }

  /** Findings that may touch [start, end); items must be asked for in source order. */
  enter(start: number, end: number): void {
    while (this.next < this.sorted.length && this.sorted[this.next].f.start <= end) this.active.push(this.sorted[this.next++]);
    this.active = this.active.filter(({ f }) => f.end > start || (f.start === f.end && f.start >= start));
  }

  /** HTML for the source range [s, e) whose text is `text`, wrapped by `wrap`. */
  render(text: string, s: number, wrap: (html: string) => string): string {
    const e = s + text.length;
    if (s < 0) return wrap(escapeHtml(text));
    const touching = this.active.filter(({ f }) => (f.start < e && f.end > s) || (f.start === f.end && f.start >= s && f.start <= e));
    if (touching.length === 0) return wrap(escapeHtml(text));
    const cuts = new Set<number>([s, e]);
    for (const { f } of touching) {
      if (f.start > s && f.start < e) cuts.add(f.start);
      if (f.end > s && f.end < e) cuts.add(f.end);
    }
    const points = [...cuts].sort((a, b) => a - b);
    let html = '';
    for (let k = 0; k < points.length; k++) {
      const a = points[k];
      for (const { f, i } of touching) {
        if (f.start === f.end && f.start === a && !this.placed.has(i)) {
          this.placed.add(i);
          html += `<span class="rl-fz rl-f-${f.severity}"${this.attrs([{ f, i }])}></span>`;
        }
      }
      if (k === points.length - 1) break;
      const b = points[k + 1];
      const piece = text.slice(a - s, b - s);
      const covering = touching.filter(({ f }) => f.start < b && f.end > a && f.start <= a && f.end >= b);
      if (covering.length === 0) {
        html += wrap(escapeHtml(piece));
        continue;
      }
      for (const c of covering) this.placed.add(c.i);
      const worst = SEVERITY_ORDER.find((sev) => covering.some(({ f }) => f.severity === sev))!;
      html += wrap(`<span class="rl-f rl-f-${worst}"${this.attrs(covering)}>${escapeHtml(piece)}</span>`);
    }
    return html;
  }

  private attrs(list: { f: Finding; i: number }[]): string {
    const title = list.map(({ f }) => `${f.message[this.lang]} [${f.rule}]`).join('\n');
    const first = list.reduce((m, x) => (x.f.start < m.f.start ? x : m), list[0]);
    return ` title="${escapeHtml(title)}" data-f="${list.map((x) => x.i).join(' ')}" data-start="${first.f.start}"`;
  }
}

/** Wraps escaped text in the run's formatting. */
function wrapperFor(run: Run): (html: string) => string {
  return (html) => {
    let h = html;
    if (run.code) h = `<code>${h}</code>`;
    if (run.strike) h = `<s>${h}</s>`;
    if (run.em) h = `<em>${h}</em>`;
    if (run.strong) h = `<strong>${h}</strong>`;
    if (run.link !== undefined) h = `<span class="rl-link" title="${escapeHtml(run.link)}">${h}</span>`;
    if (run.heading) h = `<span class="rl-hd">${h}</span>`;
    return h;
  };
}

function renderRuns(runs: Run[], placer: FindingPlacer | undefined): string {
  let html = '';
  for (const r of runs) {
    if (r.br) html += '<br>';
    else if (placer) html += placer.render(r.text, r.start, wrapperFor(r));
    else html += wrapperFor(r)(escapeHtml(r.text));
  }
  return html;
}

/** Grid cells a string takes: a CJK character one cell, a half-width one half. */
export function cellWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += charCells(ch);
  return w;
}

const NARROW = new Set(" ilIjtf.,;:'!|()[]{}/\\`-".split(''));
const BROAD = new Set('MWmw@%&'.split(''));

/** Cells one character takes; Latin widths are Times New Roman's, roughly. */
function charCells(ch: string): number {
  return cellsOf(ch.codePointAt(0)!);
}

function cellsOf(cp: number): number {
  if (isWide(cp)) return 1;
  if (cp < 0x80) return ASCII_CELLS[cp];
  return 0.5;
}

const ASCII_CELLS: number[] = Array.from({ length: 128 }, (_, cp) => asciiCells(String.fromCharCode(cp)));

function asciiCells(ch: string): number {
  if (NARROW.has(ch)) return 0.32;
  if (BROAD.has(ch)) return 0.85;
  if (ch >= 'A' && ch <= 'Z') return 0.66;
  if (ch === '<' || ch === '>' || ch === '=' || ch === '+' || ch === '"' || ch === '_' || ch === '#') return 0.58;
  return 0.5;
}

// 禁则: characters that may not begin a line (they hang at the end of the previous one instead),
// and characters that may not end a line.
const codePoints = (s: string) => new Set(Array.from(s, (c) => c.codePointAt(0)!));
const NO_LINE_START = codePoints('，。、；：？！）》」』】〕〉”’…—%‰℃,.;:?!)]}');
const NO_LINE_END = codePoints('（《「『【〔〈“‘([{');

/** One visual line: [from, to) in the item's concatenated text. */
interface LineSpan {
  from: number;
  to: number;
}

/**
 * Breaks an item's text into lines of the 28-character grid. Latin words stay whole, closing
 * punctuation hangs at the line end, opening punctuation moves to the next line.
 */
export function breakLines(full: string, forced: Set<number>, capacity: number, firstIndent: number): LineSpan[] {
  const out: LineSpan[] = [];
  let from = 0;
  let width = firstIndent;
  // The last break opportunity inside the current line (index before which it may break).
  let lastBreak = -1;
  let prev = 0; // previous code point (0: none)
  let prevIndex = -1;
  for (let i = 0; i < full.length; ) {
    const cp = full.codePointAt(i)!;
    const len = cp > 0xffff ? 2 : 1;
    if (forced.has(i) && i > from) {
      out.push({ from, to: i });
      from = i;
      width = 0;
      lastBreak = -1;
    }
    const w = cellsOf(cp);
    const noStart = NO_LINE_START.has(cp);
    const prevNoEnd = NO_LINE_END.has(prev);
    if (i > from && !noStart && !prevNoEnd && (isWide(cp) || isWide(prev || 0x20) || prev === 0x20)) lastBreak = i;
    if (width + w > capacity + 1e-9 && i > from) {
      if (noStart && width + w <= capacity + 1 + 1e-9) {
        // Hanging punctuation: stays on this line, past the edge.
        width += w;
        prev = cp;
        prevIndex = i;
        i += len;
        continue;
      }
      let at = lastBreak > from ? lastBreak : i;
      // Do not leave an opening bracket at the end of a line.
      if (at === i && prevNoEnd && prevIndex > from) at = prevIndex;
      out.push({ from, to: at });
      from = at;
      width = cellWidth(full.slice(at, i));
      lastBreak = -1;
    }
    width += w;
    prev = cp;
    prevIndex = i;
    i += len;
  }
  if (from < full.length || out.length === 0) out.push({ from, to: full.length });
  return out;
}

/** Renders the part [from, to) of an item's runs. */
function renderSlice(runs: Run[], offsets: number[], from: number, to: number, placer: FindingPlacer | undefined): string {
  const sliced: Run[] = [];
  for (let k = 0; k < runs.length; k++) {
    const r = runs[k];
    const a = offsets[k];
    const b = a + r.text.length;
    if (r.br) continue;
    if (b <= from || a >= to) {
      // A zero-width finding at the very end of the item still needs its text position.
      continue;
    }
    const s = Math.max(a, from);
    const e = Math.min(b, to);
    sliced.push({ ...r, text: r.text.slice(s - a, e - a), start: r.start < 0 ? -1 : r.start + (s - a) });
  }
  return renderRuns(sliced, placer);
}

interface Flow {
  /** Grid lines the block takes. */
  lines: number;
  /** Splittable blocks: one HTML string per line, plus the wrapper's open and close tags. */
  parts?: string[];
  open?: string;
  close?: string;
  html?: string;
  /** The 落款: its flows stay together. */
  signature?: boolean;
  /** Lines of the 落款 right after this flow: the 落款 may not stand alone on a page. */
  keepWithNext?: number;
}

function lineOf(model: ReportModel, runs: Run[], from: number, to: number, offsets: number[], fallback: number): number {
  for (let k = 0; k < runs.length; k++) {
    const r = runs[k];
    if (r.start < 0) continue;
    const a = offsets[k];
    const b = a + r.text.length;
    if (b > from && a < to) return model.lines.lineAt(r.start + Math.max(0, from - a));
  }
  return fallback;
}

function itemClass(item: DocItem): string {
  const runIn = item.kind === 'heading' && item.runs.some((r) => r.heading) ? ' rl-runin' : '';
  switch (item.kind) {
    case 'heading':
      return `rl-h rl-h${item.level ?? 1}${runIn}`;
    case 'addressee':
      return 'rl-addressee';
    default:
      return 'rl-para';
  }
}

function tableHtml(item: DocItem, placer: FindingPlacer | undefined): string {
  let html = `<table class="rl-table" data-line="${item.line}">`;
  for (const row of item.rows ?? []) {
    html += '<tr>';
    const tag = row.header ? 'th' : 'td';
    for (const cell of row.cells) html += `<${tag}>${renderRuns(cell, placer)}</${tag}>`;
    html += '</tr>';
  }
  return html + '</table>';
}

function tableLines(item: DocItem): number {
  let lines = 0;
  for (const row of item.rows ?? []) {
    const cols = Math.max(1, row.cells.length);
    const per = Math.max(2, OFFICIAL_PAGE.charsPerLine / cols - 1);
    let tallest = 1;
    for (const cell of row.cells) tallest = Math.max(tallest, Math.ceil(cellWidth(cell.map((r) => r.text).join('')) / per) || 1);
    lines += tallest;
  }
  return Math.max(1, lines);
}

/** Lays the items out on GB/T 9704 pages: 22 lines of 28 characters, page numbers — n —. */
function renderOfficial(items: DocItem[], model: ReportModel, placer: FindingPlacer | undefined, lang: 'zh' | 'en'): { html: string; pages: number } {
  const flows: Flow[] = [];
  let sigSeen = false;
  for (const item of items) {
    if (placer) placer.enter(item.start, item.end);
    const runs = item.runs;
    switch (item.kind) {
      case 'title': {
        const html = renderRuns(runs, placer);
        const w = cellWidth(runs.map((r) => r.text).join(''));
        // The title, then one blank line (GB/T 9704 §7.3.2).
        flows.push({ lines: Math.max(1, Math.ceil(w / TITLE_CHARS_PER_LINE)) + 1, html: `<h1 class="rl-title" data-line="${item.line}">${html}</h1>` });
        break;
      }
      case 'table':
        flows.push({ lines: tableLines(item), html: tableHtml(item, placer) });
        break;
      case 'code': {
        const code = item.code ?? '';
        flows.push({ lines: code.split('\n').length, html: `<pre class="rl-code" data-line="${item.line}">${escapeHtml(code)}</pre>` });
        break;
      }
      case 'rule':
        flows.push({ lines: 1, html: `<hr class="rl-hr" data-line="${item.line}">` });
        break;
      case 'signature': {
        const first = !sigSeen;
        sigSeen = true;
        // 落款: one blank line under the body, right-aligned two characters from the edge (F11).
        flows.push({ signature: true, lines: first ? 2 : 1, html: `<div class="rl-sig${first ? ' rl-sig-first' : ''}" data-line="${item.line}">${renderRuns(runs, placer)}</div>` });
        break;
      }
      default: {
        const offsets: number[] = [];
        let full = '';
        const forced = new Set<number>();
        for (const r of runs) {
          offsets.push(full.length);
          if (r.br) forced.add(full.length);
          full += r.text;
        }
        const indent = item.kind === 'addressee' ? 0 : 2;
        const spans = breakLines(full, forced, OFFICIAL_PAGE.charsPerLine, indent);
        const parts = spans.map((sp, k) => {
          const cls = ['rl-ln'];
          if (k === 0 && indent) cls.push('rl-first');
          if (k < spans.length - 1 && !forced.has(sp.to)) cls.push('rl-j');
          const line = lineOf(model, runs, sp.from, sp.to, offsets, item.line);
          return `<div class="${cls.join(' ')}" data-line="${line}">${renderSlice(runs, offsets, sp.from, sp.to, placer)}</div>`;
        });
        flows.push({ lines: parts.length, parts, open: `<div class="rl-p ${itemClass(item)}" data-line="${item.line}">`, close: '</div>' });
      }
    }
  }

  // GB/T 9704 §7.3.5: the 落款 may not stand alone on a page; the last body line goes with it.
  const sigAt = flows.findIndex((f) => f.signature);
  if (sigAt > 0 && flows[sigAt - 1].parts) {
    let n = 0;
    for (let k = sigAt; k < flows.length && flows[k].signature; k++) n += flows[k].lines;
    flows[sigAt - 1].keepWithNext = n;
  }
  const pages: string[] = [];
  let current = '';
  let used = 0;
  const per = OFFICIAL_PAGE.linesPerPage;
  const newPage = () => {
    pages.push(current);
    current = '';
    used = 0;
  };
  for (const f of flows) {
    if (f.parts) {
      let k = 0;
      while (k < f.parts.length) {
        if (used >= per) newPage();
        let take = Math.min(per - used, f.parts.length - k);
        // Finishing here with no room left for the 落款: carry the last line over with it.
        if (f.keepWithNext && k + take === f.parts.length && used + take + f.keepWithNext > per && used + take > 1) take--;
        if (take === 0) {
          newPage();
          continue;
        }
        const cont = k > 0 ? ' rl-cont' : '';
        current += f.open!.replace('class="rl-p', `class="rl-p${cont}`) + f.parts.slice(k, k + take).join('') + f.close!;
        used += take;
        k += take;
      }
    } else {
      if (used > 0 && used + f.lines > per) newPage();
      current += f.html!;
      used += f.lines;
    }
  }
  if (current || pages.length === 0) pages.push(current);
  const html = pages
    .map((content, k) => {
      const n = k + 1;
      const parity = n % 2 === 1 ? 'rl-odd' : 'rl-even';
      const label = lang === 'zh' ? `第 ${n} 页` : `Page ${n}`;
      return `<section class="rl-page ${parity}" data-page="${n}" aria-label="${label}"><div class="rl-area">${content}</div><div class="rl-pn">\u2014 ${n} \u2014</div></section>`;
    })
    .join('\n');
  return { html, pages: pages.length };
}

function renderPlain(items: DocItem[], placer: FindingPlacer | undefined): string {
  const out: string[] = [];
  let sigSeen = false;
  for (const item of items) {
    if (placer) placer.enter(item.start, item.end);
    const inner = () => renderRuns(item.runs, placer);
    const dl = ` data-line="${item.line}"`;
    switch (item.kind) {
      case 'title':
        out.push(`<h1 class="rl-title"${dl}>${inner()}</h1>`);
        break;
      case 'heading': {
        const tag = `h${Math.min(5, (item.level ?? 1) + 1)}`;
        out.push(`<${tag} class="rl-h rl-h${item.level ?? 1}"${dl}>${inner()}</${tag}>`);
        break;
      }
      case 'table':
        out.push(tableHtml(item, placer));
        break;
      case 'code':
        out.push(`<pre class="rl-code"${dl}>${escapeHtml(item.code ?? '')}</pre>`);
        break;
      case 'rule':
        out.push(`<hr class="rl-hr"${dl}>`);
        break;
      case 'signature': {
        out.push(`<p class="rl-sig${sigSeen ? '' : ' rl-sig-first'}"${dl}>${inner()}</p>`);
        sigSeen = true;
        break;
      }
      default:
        out.push(`<p class="${item.kind === 'addressee' ? 'rl-addressee' : 'rl-para'}${item.quote ? ' rl-quote' : ''}"${dl}>${inner()}</p>`);
    }
  }
  return out.join('\n');
}

function countCharacters(items: DocItem[]): number {
  let n = 0;
  const count = (runs: Run[]) => {
    for (const r of runs) {
      const t = r.text;
      for (let i = 0; i < t.length; i++) {
        const c = t.charCodeAt(i);
        // A low surrogate is the second half of a character already counted.
        if (c >= 0xdc00 && c <= 0xdfff) continue;
        if (c <= 0x20 || c === 0x3000 || c === 0xa0 || c === 0xfeff || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x85 || c === 0x1680 || c === 0x202f || c === 0x205f) continue;
        n++;
      }
    }
  };
  for (const it of items) {
    count(it.runs);
    for (const row of it.rows ?? []) for (const c of row.cells) count(c);
  }
  return n;
}

function summaryHtml(input: RenderInput, stats: RenderStats, lang: 'zh' | 'en', unplaced: Finding[], indexOf: Map<Finding, number>): string {
  const parts: string[] = [];
  for (const sev of SEVERITY_ORDER) {
    parts.push(`<span class="rl-count rl-c-${sev}" data-severity="${sev}">${stats.counts[sev]} ${SEVERITY_LABEL[sev][lang]}</span>`);
  }
  const profile = input.profile ? input.profile.name[lang] : lang === 'zh' ? '未识别' : 'none';
  parts.push(`<span class="rl-profile">${lang === 'zh' ? '文种' : 'Profile'}: ${escapeHtml(profile)}</span>`);
  parts.push(`<span class="rl-chars">${lang === 'zh' ? `字数: ${stats.characters}` : `Characters: ${stats.characters}`}</span>`);
  if (stats.pages) parts.push(`<span class="rl-pages">${lang === 'zh' ? `页数: ${stats.pages}` : `Pages: ${stats.pages}`}</span>`);
  let html = `<div class="rl-summary" role="status">${parts.join('')}</div>`;
  if (unplaced.length) {
    const items = unplaced
      .map((f) => `<li class="rl-f-${f.severity}" data-start="${f.start}" data-line="${input.model.lines.lineAt(f.start)}" data-f="${indexOf.get(f)}">${escapeHtml(`${lang === 'zh' ? '第' : 'line '}${input.model.lines.lineAt(f.start) + 1}${lang === 'zh' ? '行' : ''}: ${f.message[lang]} [${f.rule}]`)}</li>`)
      .join('');
    html += `<details class="rl-unplaced"><summary>${lang === 'zh' ? `不在正文中显示的问题（${unplaced.length}）` : `Findings outside the shown text (${unplaced.length})`}</summary><ul>${items}</ul></details>`;
  }
  return html;
}

function figuresHtml(figures: FigureView[] | undefined, model: ReportModel, lang: 'zh' | 'en'): string {
  if (!figures) return '';
  const problems = figures.filter((f) => f.status && f.status !== 'ok').length;
  const head = lang === 'zh'
    ? `数字一览（${figures.length}）${problems ? `，${problems} 处待核实` : ''}`
    : `Figures (${figures.length})${problems ? `, ${problems} to check` : ''}`;
  if (figures.length === 0) return `<details class="rl-figures"><summary>${head}</summary><p>${lang === 'zh' ? '未提取到数字。' : 'No figures found.'}</p></details>`;
  const th = lang === 'zh' ? ['指标', '数值', '单位', '原文', '位置', '说明'] : ['Metric', 'Value', 'Unit', 'Text', 'Where', 'Note'];
  const rows = figures
    .map((f) => {
      const line = model.lines.lineAt(f.start);
      const cls = f.status && f.status !== 'ok' ? ` class="rl-fig-${f.status}"` : '';
      const cells = [f.metric ?? '', f.value === undefined ? '' : String(f.value), f.unit ?? '', f.text, `${lang === 'zh' ? '第' : 'line '}${line + 1}${lang === 'zh' ? '行' : ''}`, f.note ? f.note[lang] : ''];
      return `<tr${cls} data-start="${f.start}" data-line="${line}">${cells.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`;
    })
    .join('');
  // Collapsed unless a figure needs checking, so the pages stay in view.
  return `<details class="rl-figures"${problems ? ' open' : ''}><summary>${head}</summary><table><thead><tr>${th.map((t) => `<th>${t}</th>`).join('')}</tr></thead><tbody>${rows}</tbody></table></details>`;
}

/** The style sheet of a report style (document plus summary and panels). */
export function reportCss(style: RenderStyle): string {
  return (style === 'official' ? OFFICIAL_CSS : PLAIN_CSS) + FINDING_CSS + PANEL_CSS;
}

function isModel(x: RenderInput | ReportModel): x is ReportModel {
  return (x as ReportModel).lines !== undefined && (x as RenderInput).model === undefined;
}

/** Renders a report (a LintResult, or a bare model) to escaped HTML with its style sheet. */
export function renderReportHtml(source: RenderInput | ReportModel, options: RenderOptions = {}): RenderedReport {
  const input: RenderInput = isModel(source) ? { model: source } : source;
  const docLang = reportLanguage(input);
  const lang = options.lang ?? docLang;
  const style: RenderStyle = options.style ?? (docLang === 'zh' ? 'official' : 'plain');
  const findings = options.findings === false ? [] : input.findings ?? [];
  const placer = findings.length ? new FindingPlacer(findings, lang) : undefined;
  const items = layoutReport({ model: input.model, sections: input.sections, lang: docLang });
  const title = items.find((i) => i.kind === 'title')?.runs.map((r) => r.text).join('').trim() ?? '';
  const htmlLang = docLang === 'zh' ? 'zh-CN' : 'en';
  let documentHtml: string;
  let pages = 0;
  if (style === 'official') {
    const r = renderOfficial(items, input.model, placer, lang);
    documentHtml = `<div class="rl-doc rl-official" lang="${htmlLang}">\n${r.html}\n</div>`;
    pages = r.pages;
  } else {
    documentHtml = `<article class="rl-doc rl-plain" lang="${htmlLang}">\n${renderPlain(items, placer)}\n</article>`;
  }
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const f of findings) counts[f.severity]++;
  const indexOf = new Map(findings.map((f, i) => [f, i] as const));
  const unplaced = findings.filter((_, i) => !placer?.placed.has(i));
  const stats: RenderStats = { characters: countCharacters(items), pages, counts, unplaced: unplaced.length };
  const summary = options.summary === false ? '' : `<div class="rl-doc rl-chrome">${summaryHtml(input, stats, lang, unplaced, indexOf)}</div>`;
  const figures = options.figures ? `<div class="rl-doc rl-chrome">${figuresHtml(options.figures, input.model, lang)}</div>` : '';
  return {
    body: [summary, figures, documentHtml].filter(Boolean).join('\n'),
    css: reportCss(style),
    documentHtml,
    summaryHtml: summary,
    figuresHtml: figures,
    style,
    lang,
    title,
    stats,
  };
}

/**
 * A self-contained HTML file (no script, no external resource, printable to PDF from any browser).
 * Findings are left out unless asked for.
 */
export function renderStandaloneHtml(source: RenderInput | ReportModel, options: RenderOptions = {}): string {
  const r = renderReportHtml(source, { findings: false, summary: false, ...options });
  const htmlLang = r.documentHtml.includes('lang="zh-CN"') ? 'zh-CN' : 'en';
  const pageBg = r.style === 'official' ? '#e8e8e8' : '#f4f4f4';
  return `<!DOCTYPE html>
<html lang="${htmlLang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(r.title || (htmlLang === 'zh-CN' ? '报告' : 'Report'))}</title>
<style>
body { margin: 0; padding: 8mm 0; background: ${pageBg}; }
@media print { body { padding: 0; background: none; } }
${r.css}
</style>
</head>
<body>
${r.body}
</body>
</html>
`;
}
