// Page geometry, font stacks and the style sheets of the two report styles. Numbers from
// GB/T 9704-2012 (DOMAIN.md §3.1 F1–F3, F10, F11): A4, 天头 37 mm, 订口 28 mm, 版心 156×225 mm,
// 22 lines of 28 characters, body 3号 (16 pt) 仿宋, title 2号 (22 pt) 小标宋, page numbers 4号 (14 pt) 宋体.

export const OFFICIAL_PAGE = {
  widthMm: 210,
  heightMm: 297,
  topMm: 37,
  leftMm: 28,
  textWidthMm: 156,
  textHeightMm: 225,
  linesPerPage: 22,
  charsPerLine: 28,
  bodyPt: 16,
  titlePt: 22,
  pageNumberPt: 14,
  /** 页码一字线上距版心下边缘 7 mm. */
  pageNumberGapMm: 7,
} as const;

/** Title characters per line at 2号 on a 156 mm line. */
export const TITLE_CHARS_PER_LINE = Math.floor((OFFICIAL_PAGE.textWidthMm / 25.4) * 72 / OFFICIAL_PAGE.titlePt);

/** Installed-font stacks, most specific first; nothing is downloaded. */
export const FONT_STACKS = {
  // 方正小标宋 → 华文中宋 → 宋体
  title: ['方正小标宋简体', '方正小标宋_GBK', 'FZXiaoBiaoSong-B05S', 'FZXiaoBiaoSong-B05', '华文中宋', 'STZhongsong', '宋体', 'SimSun', 'Songti SC', 'Noto Serif CJK SC', 'Source Han Serif SC', 'Noto Serif SC', 'AR PL UMing CN', 'serif'],
  // 仿宋_GB2312 → 仿宋 → 华文仿宋; Latin letters and digits in Times New Roman, as Word templates do.
  body: ['Times New Roman', '仿宋_GB2312', 'FangSong_GB2312', '仿宋', 'FangSong', 'STFangsong', '华文仿宋', 'Noto Serif CJK SC', 'Source Han Serif SC', 'Noto Serif SC', 'AR PL UMing CN', 'serif'],
  // 黑体
  heading1: ['Times New Roman', '黑体', 'SimHei', 'Heiti SC', 'STHeiti', 'Noto Sans CJK SC', 'Source Han Sans SC', 'Noto Sans SC', 'WenQuanYi Zen Hei', 'sans-serif'],
  // 楷体_GB2312 → 楷体 → 华文楷体
  heading2: ['Times New Roman', '楷体_GB2312', 'KaiTi_GB2312', '楷体', 'KaiTi', 'STKaiti', '华文楷体', 'Kaiti SC', 'AR PL UKai CN', 'Noto Serif CJK SC', 'serif'],
  // 4号半角宋体
  pageNumber: ['宋体', 'SimSun', 'Songti SC', 'Noto Serif CJK SC', 'Source Han Serif SC', 'AR PL UMing CN', 'serif'],
  plainBody: ['Georgia', 'Cambria', 'Times New Roman', 'Noto Serif', 'Noto Serif CJK SC', 'serif'],
  plainHeading: ['Segoe UI', 'Helvetica Neue', 'Arial', 'Noto Sans', 'Noto Sans CJK SC', 'sans-serif'],
  mono: ['Consolas', 'Menlo', 'DejaVu Sans Mono', 'Noto Sans Mono', 'monospace'],
};

/** A CSS font-family value from a stack. */
export function cssFontFamily(stack: string[]): string {
  return stack.map((f) => (/^(serif|sans-serif|monospace)$/.test(f) ? f : `"${f}"`)).join(', ');
}

export const FINDING_CSS = `
.rl-doc { --rl-error: var(--vscode-editorError-foreground, #d70022); --rl-warning: var(--vscode-editorWarning-foreground, #c27d00); --rl-info: var(--vscode-editorInfo-foreground, #1a73e8); --rl-hint: #7a7a7a; }
.rl-f { text-decoration-line: underline; text-decoration-style: wavy; text-decoration-skip-ink: none; text-underline-offset: 0.18em; cursor: pointer; }
.rl-f-error { text-decoration-color: var(--rl-error); background: rgba(215, 0, 34, 0.10); }
.rl-f-warning { text-decoration-color: var(--rl-warning); background: rgba(255, 190, 0, 0.22); }
.rl-f-info { text-decoration-color: var(--rl-info); background: rgba(26, 115, 232, 0.08); }
.rl-f-hint { text-decoration-color: var(--rl-hint); text-decoration-style: dotted; }
.rl-fz { display: inline-block; width: 0; overflow: visible; cursor: pointer; }
.rl-fz::before { content: "\\25B2"; font-size: 8pt; position: relative; left: -0.3em; top: 0.9em; }
.rl-fz.rl-f-error::before { color: var(--rl-error); }
.rl-fz.rl-f-warning::before { color: var(--rl-warning); }
.rl-fz.rl-f-info::before { color: var(--rl-info); }
.rl-fz.rl-f-hint::before { color: var(--rl-hint); }
.rl-link { text-decoration: underline; color: inherit; }
.rl-doc code { font-family: ${cssFontFamily(FONT_STACKS.mono)}; font-size: 0.85em; }
`;

const P = OFFICIAL_PAGE;
const right = P.widthMm - P.leftMm - P.textWidthMm;
const bottom = P.heightMm - P.topMm - P.textHeightMm;

export const OFFICIAL_CSS = `
.rl-official { --cell: calc(${P.textWidthMm}mm / ${P.charsPerLine}); --pitch: calc(${P.textHeightMm}mm / ${P.linesPerPage}); color: #000; font-family: ${cssFontFamily(FONT_STACKS.body)}; font-size: ${P.bodyPt}pt; }
.rl-official .rl-page { position: relative; box-sizing: border-box; width: ${P.widthMm}mm; min-height: ${P.heightMm}mm; padding: ${P.topMm}mm ${right}mm ${bottom}mm ${P.leftMm}mm; margin: 0 auto 8mm; background: #fff; box-shadow: 0 1px 6px rgba(0, 0, 0, 0.35); }
.rl-official .rl-area { width: ${P.textWidthMm}mm; min-height: ${P.textHeightMm}mm; }
.rl-official .rl-ln, .rl-official .rl-sig, .rl-official .rl-blank { height: var(--pitch); line-height: var(--pitch); white-space: nowrap; letter-spacing: calc(var(--cell) - ${P.bodyPt}pt); }
.rl-official .rl-j { text-align: justify; text-align-last: justify; }
.rl-official .rl-first { padding-left: calc(2 * var(--cell)); }
.rl-official .rl-title { font-family: ${cssFontFamily(FONT_STACKS.title)}; font-size: ${P.titlePt}pt; line-height: var(--pitch); text-align: center; font-weight: normal; margin: 0 0 var(--pitch); }
.rl-official .rl-h1:not(.rl-runin), .rl-official .rl-h1 .rl-hd { font-family: ${cssFontFamily(FONT_STACKS.heading1)}; }
.rl-official .rl-h2:not(.rl-runin), .rl-official .rl-h2 .rl-hd { font-family: ${cssFontFamily(FONT_STACKS.heading2)}; }
.rl-official .rl-h3, .rl-official .rl-h4 { font-family: ${cssFontFamily(FONT_STACKS.body)}; }
.rl-official .rl-sig { text-align: right; padding-right: calc(2 * var(--cell)); }
.rl-official .rl-sig-first { margin-top: var(--pitch); }
.rl-official .rl-table { border-collapse: collapse; width: 100%; font-size: 14pt; line-height: var(--pitch); margin: 0; }
.rl-official .rl-table td, .rl-official .rl-table th { border: 0.5pt solid #000; padding: 0 0.4em; vertical-align: middle; }
.rl-official .rl-table th { font-family: ${cssFontFamily(FONT_STACKS.heading1)}; font-weight: normal; }
.rl-official .rl-code { font-family: ${cssFontFamily(FONT_STACKS.mono)}; font-size: 11pt; line-height: var(--pitch); margin: 0; white-space: pre-wrap; }
.rl-official .rl-hr { border: 0; border-top: 0.5pt solid #000; margin: calc(var(--pitch) / 2) 0; }
.rl-official .rl-pn { position: absolute; box-sizing: border-box; top: ${P.topMm + P.textHeightMm + P.pageNumberGapMm}mm; left: ${P.leftMm}mm; width: ${P.textWidthMm}mm; font-family: ${cssFontFamily(FONT_STACKS.pageNumber)}; font-size: ${P.pageNumberPt}pt; line-height: 1; white-space: pre; }
.rl-official .rl-odd .rl-pn { text-align: right; padding-right: 1em; }
.rl-official .rl-even .rl-pn { text-align: left; padding-left: 1em; }
@media print {
  @page { size: A4; margin: 0; }
  .rl-official .rl-page { margin: 0; box-shadow: none; break-after: page; }
  .rl-official .rl-page:last-child { break-after: auto; }
}
`;

export const PLAIN_CSS = `
.rl-plain { box-sizing: border-box; max-width: 46rem; margin: 0 auto 2rem; padding: 2.5rem 3rem; background: #fff; color: #1b1b1b; font-family: ${cssFontFamily(FONT_STACKS.plainBody)}; font-size: 11.5pt; line-height: 1.6; box-shadow: 0 1px 6px rgba(0, 0, 0, 0.25); }
.rl-plain .rl-title { font-family: ${cssFontFamily(FONT_STACKS.plainHeading)}; font-size: 1.9em; line-height: 1.25; margin: 0 0 1.2rem; font-weight: 600; }
.rl-plain h2, .rl-plain h3, .rl-plain h4, .rl-plain h5 { font-family: ${cssFontFamily(FONT_STACKS.plainHeading)}; line-height: 1.3; margin: 1.6em 0 0.5em; font-weight: 600; }
.rl-plain h2 { font-size: 1.4em; border-bottom: 1px solid #ddd; padding-bottom: 0.2em; }
.rl-plain h3 { font-size: 1.2em; }
.rl-plain h4, .rl-plain h5 { font-size: 1.05em; }
.rl-plain p { margin: 0 0 0.8em; }
.rl-plain .rl-quote { border-left: 3px solid #ccc; padding-left: 0.8em; color: #444; }
.rl-plain .rl-addressee { margin-bottom: 1em; }
.rl-plain .rl-sig { text-align: right; margin: 0; }
.rl-plain .rl-sig-first { margin-top: 1.6em; }
.rl-plain .rl-table { border-collapse: collapse; margin: 0 0 1em; }
.rl-plain .rl-table td, .rl-plain .rl-table th { border: 1px solid #bbb; padding: 0.25em 0.6em; }
.rl-plain .rl-table th { background: #f3f3f3; }
.rl-plain .rl-code { background: #f6f6f6; padding: 0.6em 0.8em; overflow-x: auto; font-family: ${cssFontFamily(FONT_STACKS.mono)}; font-size: 0.9em; white-space: pre-wrap; }
.rl-plain .rl-hr { border: 0; border-top: 1px solid #ccc; margin: 1.5em 0; }
@media print {
  @page { size: A4; margin: 25mm 22mm; }
  .rl-plain { box-shadow: none; padding: 0; max-width: none; }
}
`;

/** The panel and summary bar of the preview (also used when an export keeps the findings). */
export const PANEL_CSS = `
.rl-summary { display: flex; flex-wrap: wrap; gap: 0.4rem 1rem; align-items: center; font: 12px/1.5 system-ui, sans-serif; padding: 0.4rem 0.8rem; margin: 0 0 0.8rem; }
.rl-count { cursor: default; }
.rl-count::before { content: ""; display: inline-block; width: 0.7em; height: 0.7em; border-radius: 50%; margin-right: 0.35em; vertical-align: -0.05em; }
.rl-c-error::before { background: var(--rl-error, #d70022); }
.rl-c-warning::before { background: var(--rl-warning, #c27d00); }
.rl-c-info::before { background: var(--rl-info, #1a73e8); }
.rl-c-hint::before { background: #7a7a7a; }
.rl-unplaced { font: 12px/1.5 system-ui, sans-serif; margin: 0 0 0.8rem; padding: 0 0.8rem; }
.rl-unplaced li { cursor: pointer; }
.rl-figures { font: 12px/1.5 system-ui, sans-serif; margin: 0 0 1rem; padding: 0 0.8rem; }
.rl-figures summary { cursor: pointer; font-weight: 600; margin: 0.3rem 0; }
.rl-figures table { border-collapse: collapse; }
.rl-figures td, .rl-figures th { padding: 0.1rem 0.6rem; text-align: left; border-bottom: 1px solid rgba(128, 128, 128, 0.3); }
.rl-figures tr[data-start] { cursor: pointer; }
.rl-fig-conflict td, .rl-fig-mismatch td { color: var(--rl-error, #d70022); font-weight: 600; }
`;
