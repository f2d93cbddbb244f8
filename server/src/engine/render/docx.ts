// Word export with the `docx` package: the same items as the HTML renderer, laid out per
// GB/T 9704-2012 (A4, 天头 37 mm, 订口 28 mm, 版心 156×225 mm, 22 lines × 28 characters on the
// document grid, 3号仿宋 body, 2号小标宋 title, 黑体/楷体/仿宋 headings, page numbers — n — in 4号宋体,
// odd pages right and even pages left, one character in). Pure: returns the bytes, writes nothing.

import {
  AlignmentType,
  BorderStyle,
  Document,
  DocumentGridType,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type IRunOptions,
  type ParagraphChild,
} from 'docx';
import type { ReportModel } from '../model';
import { type RenderInput, type RenderStyle } from './html';
import { layoutReport, type DocItem, type Run } from './layout';
import { OFFICIAL_PAGE } from './styles';

export interface DocxOptions {
  /** Default: official for Chinese reports, plain for English ones. */
  style?: RenderStyle;
  /** Document properties. */
  title?: string;
  creator?: string;
}

/** Font names written into the .docx (Word substitutes what is not installed). */
export const DOCX_FONTS = {
  title: '方正小标宋简体',
  body: '仿宋_GB2312',
  heading1: '黑体',
  heading2: '楷体_GB2312',
  pageNumber: '宋体',
  latin: 'Times New Roman',
  mono: 'Consolas',
  plainBody: 'Cambria',
  plainHeading: 'Calibri',
} as const;

const TWIPS_PER_MM = 1440 / 25.4;
const mm = (v: number) => Math.round(v * TWIPS_PER_MM);
const P = OFFICIAL_PAGE;
/** Twips per grid line: 225 mm / 22. */
export const LINE_PITCH_TWIPS = Math.floor((P.textHeightMm / P.linesPerPage) * TWIPS_PER_MM);
/**
 * Character pitch 156 mm / 28 = 15.79 pt: 3号 characters condensed by this many twentieths of a point.
 * (A character grid, w:docGrid linesAndChars, does the same in Word but LibreOffice lays it out
 * at about 16 characters a line; condensed spacing gives 28 in both.)
 */
export const CHAR_SPACING = Math.floor(((P.textWidthMm / P.charsPerLine / 25.4) * 72 - P.bodyPt) * 20);
const CHAR_TWIPS = Math.round((P.textWidthMm / P.charsPerLine) * TWIPS_PER_MM);

const font = (eastAsia: string, latin: string = DOCX_FONTS.latin) => ({ ascii: latin, hAnsi: latin, eastAsia, cs: latin });

function runOptions(r: Run, official: boolean, headingFont?: string): IRunOptions {
  const o: { -readonly [K in keyof IRunOptions]?: IRunOptions[K] } = { text: r.text };
  if (r.strong) o.bold = true;
  if (r.em) o.italics = true;
  if (r.strike) o.strike = true;
  if (r.code) o.font = font(official ? DOCX_FONTS.body : DOCX_FONTS.mono, DOCX_FONTS.mono);
  else if (r.heading && headingFont) o.font = font(headingFont);
  return o;
}

function runsOf(runs: Run[], official: boolean, headingFont?: string): ParagraphChild[] {
  const out: ParagraphChild[] = [];
  for (const r of runs) {
    if (r.br) out.push(new TextRun({ text: '', break: 1 }));
    else if (r.text) out.push(new TextRun(runOptions(r, official, headingFont)));
  }
  return out;
}

const HEADING_FONT: Record<number, string> = { 1: DOCX_FONTS.heading1, 2: DOCX_FONTS.heading2, 3: DOCX_FONTS.body, 4: DOCX_FONTS.body };

function table(item: DocItem, official: boolean): Table {
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
    rows: (item.rows ?? []).map(
      (row) =>
        new TableRow({
          tableHeader: row.header,
          children: row.cells.map(
            (cell) =>
              new TableCell({
                children: [new Paragraph({ style: 'ReportTableText', children: runsOf(row.header ? cell.map((r) => ({ ...r, strong: true })) : cell, official) })],
              }),
          ),
        }),
    ),
  });
}

function officialChildren(items: DocItem[]): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  let sigSeen = false;
  items.forEach((item, i) => {
    // The 落款 stays on one page with the line before it (GB/T 9704 §7.3.5).
    const keepNext = items[i + 1]?.kind === 'signature' ? true : undefined;
    switch (item.kind) {
      case 'title':
        out.push(new Paragraph({ style: 'Title', children: runsOf(item.runs, true) }));
        // One blank line under the title.
        out.push(new Paragraph({ style: 'ReportBlank', children: [] }));
        break;
      case 'heading': {
        const level = item.level ?? 1;
        const runIn = item.runs.some((r) => r.heading);
        if (runIn) out.push(new Paragraph({ style: 'Normal', children: runsOf(item.runs, true, HEADING_FONT[level]) }));
        else out.push(new Paragraph({ style: `Heading${level}`, children: runsOf(item.runs, true) }));
        break;
      }
      case 'addressee':
        out.push(new Paragraph({ style: 'ReportAddressee', children: runsOf(item.runs, true) }));
        break;
      case 'signature':
        if (!sigSeen) out.push(new Paragraph({ style: 'ReportBlank', keepNext: true, children: [] }));
        sigSeen = true;
        out.push(new Paragraph({ style: 'ReportSignature', keepNext, children: runsOf(item.runs, true) }));
        break;
      case 'table':
        out.push(table(item, true));
        break;
      case 'code':
        for (const line of (item.code ?? '').split('\n')) out.push(new Paragraph({ style: 'ReportCode', children: [new TextRun({ text: line })] }));
        break;
      case 'rule':
        out.push(new Paragraph({ style: 'ReportBlank', children: [] }));
        break;
      default:
        out.push(new Paragraph({ style: 'Normal', keepNext, children: runsOf(item.runs, true) }));
    }
  });
  return out;
}

function plainChildren(items: DocItem[]): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  let sigSeen = false;
  for (const item of items) {
    switch (item.kind) {
      case 'title':
        out.push(new Paragraph({ style: 'Title', children: runsOf(item.runs, false) }));
        break;
      case 'heading':
        out.push(new Paragraph({ style: `Heading${item.level ?? 1}`, children: runsOf(item.runs, false) }));
        break;
      case 'signature':
        out.push(new Paragraph({ style: 'ReportSignature', spacing: sigSeen ? undefined : { before: 360 }, children: runsOf(item.runs, false) }));
        sigSeen = true;
        break;
      case 'table':
        out.push(table(item, false));
        break;
      case 'code':
        for (const line of (item.code ?? '').split('\n')) out.push(new Paragraph({ style: 'ReportCode', children: [new TextRun({ text: line })] }));
        break;
      case 'rule':
        out.push(new Paragraph({ style: 'ReportBlank', children: [] }));
        break;
      default:
        out.push(new Paragraph({ style: 'Normal', children: runsOf(item.runs, false) }));
    }
  }
  return out;
}

function pageNumberFooter(align: 'left' | 'right' | 'center', official: boolean): Footer {
  const indent = align === 'right' ? { right: Math.round((P.pageNumberPt * 20)) } : align === 'left' ? { left: Math.round(P.pageNumberPt * 20) } : undefined;
  return new Footer({
    children: [
      new Paragraph({
        style: 'ReportPageNumber',
        alignment: align === 'right' ? AlignmentType.RIGHT : align === 'left' ? AlignmentType.LEFT : AlignmentType.CENTER,
        indent,
        children: [new TextRun({ children: official ? ['\u2014 ', PageNumber.CURRENT, ' \u2014'] : [PageNumber.CURRENT] })],
      }),
    ],
  });
}

const exact = { line: LINE_PITCH_TWIPS, lineRule: LineRuleType.EXACT, before: 0, after: 0 };

function officialDocument(items: DocItem[], options: DocxOptions): Document {
  const bodySize = P.bodyPt * 2;
  const right = P.widthMm - P.leftMm - P.textWidthMm;
  const bottom = P.heightMm - P.topMm - P.textHeightMm;
  // The page number's top edge sits 7 mm under the 版心; Word measures the footer from its bottom edge.
  const footerMm = bottom - P.pageNumberGapMm - (P.pageNumberPt * 1.3 * 25.4) / 72;
  return new Document({
    title: options.title,
    creator: options.creator ?? 'report-lint',
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: { run: { font: font(DOCX_FONTS.body), size: bodySize, characterSpacing: CHAR_SPACING, language: { value: 'en-US', eastAsia: 'zh-CN' } }, paragraph: { spacing: exact } },
      },
      paragraphStyles: [
        { id: 'Normal', name: 'Normal', run: { font: font(DOCX_FONTS.body), size: bodySize, characterSpacing: CHAR_SPACING }, paragraph: { spacing: exact, indent: { firstLineChars: 200, firstLine: 2 * CHAR_TWIPS }, alignment: AlignmentType.JUSTIFIED } },
        { id: 'Title', name: 'Title', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { font: font(DOCX_FONTS.title), size: P.titlePt * 2, characterSpacing: 0 }, paragraph: { alignment: AlignmentType.CENTER, indent: { firstLine: 0, firstLineChars: 0 }, spacing: exact } },
        { id: 'Heading1', name: 'heading 1', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { font: font(DOCX_FONTS.heading1), size: bodySize }, paragraph: { outlineLevel: 0, keepNext: true } },
        { id: 'Heading2', name: 'heading 2', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { font: font(DOCX_FONTS.heading2), size: bodySize }, paragraph: { outlineLevel: 1, keepNext: true } },
        { id: 'Heading3', name: 'heading 3', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { font: font(DOCX_FONTS.body), size: bodySize }, paragraph: { outlineLevel: 2, keepNext: true } },
        { id: 'Heading4', name: 'heading 4', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { font: font(DOCX_FONTS.body), size: bodySize }, paragraph: { outlineLevel: 3, keepNext: true } },
        { id: 'ReportAddressee', name: 'Report Addressee', basedOn: 'Normal', next: 'Normal', paragraph: { indent: { firstLine: 0, firstLineChars: 0 } } },
        { id: 'ReportSignature', name: 'Report Signature', basedOn: 'Normal', paragraph: { alignment: AlignmentType.RIGHT, indent: { firstLine: 0, firstLineChars: 0, right: 2 * CHAR_TWIPS } } },
        { id: 'ReportBlank', name: 'Report Blank Line', basedOn: 'Normal', paragraph: { indent: { firstLine: 0, firstLineChars: 0 } } },
        { id: 'ReportTableText', name: 'Report Table Text', basedOn: 'Normal', run: { size: 28 }, paragraph: { alignment: AlignmentType.CENTER, indent: { firstLine: 0, firstLineChars: 0 } } },
        { id: 'ReportCode', name: 'Report Code', basedOn: 'Normal', run: { font: font(DOCX_FONTS.mono, DOCX_FONTS.mono), size: 22 }, paragraph: { alignment: AlignmentType.LEFT, indent: { firstLine: 0, firstLineChars: 0 } } },
        { id: 'ReportPageNumber', name: 'Report Page Number', basedOn: 'Normal', run: { font: font(DOCX_FONTS.pageNumber, DOCX_FONTS.pageNumber), size: P.pageNumberPt * 2, characterSpacing: 0 }, paragraph: { spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 0, after: 0 }, indent: { firstLine: 0, firstLineChars: 0 } } },
      ],
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: mm(P.widthMm), height: mm(P.heightMm) },
            margin: { top: mm(P.topMm), bottom: mm(bottom), left: mm(P.leftMm), right: mm(right), header: mm(15), footer: mm(footerMm) },
          },
          // 22 lines a page: the line grid, and exact line spacing at the same pitch.
          grid: { type: DocumentGridType.LINES, linePitch: LINE_PITCH_TWIPS },
        },
        footers: { default: pageNumberFooter('right', true), even: pageNumberFooter('left', true) },
        children: officialChildren(items),
      },
    ],
  });
}

function plainDocument(items: DocItem[], options: DocxOptions): Document {
  const body = font(DOCX_FONTS.plainBody, DOCX_FONTS.plainBody);
  const heading = font(DOCX_FONTS.plainHeading, DOCX_FONTS.plainHeading);
  const spacing = { line: 300, lineRule: LineRuleType.AUTO, before: 0, after: 160 };
  return new Document({
    title: options.title,
    creator: options.creator ?? 'report-lint',
    styles: {
      default: { document: { run: { font: body, size: 23, language: { value: 'en-US', eastAsia: 'zh-CN' } }, paragraph: { spacing } } },
      paragraphStyles: [
        { id: 'Normal', name: 'Normal', run: { font: body, size: 23 }, paragraph: { spacing } },
        { id: 'Title', name: 'Title', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { font: heading, size: 40, bold: true }, paragraph: { spacing: { after: 240 } } },
        { id: 'Heading1', name: 'heading 1', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { font: heading, size: 30, bold: true }, paragraph: { outlineLevel: 0, keepNext: true, spacing: { before: 320, after: 120 } } },
        { id: 'Heading2', name: 'heading 2', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { font: heading, size: 26, bold: true }, paragraph: { outlineLevel: 1, keepNext: true, spacing: { before: 240, after: 100 } } },
        { id: 'Heading3', name: 'heading 3', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { font: heading, size: 24, bold: true }, paragraph: { outlineLevel: 2, keepNext: true } },
        { id: 'Heading4', name: 'heading 4', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { font: heading, size: 23, bold: true, italics: true }, paragraph: { outlineLevel: 3, keepNext: true } },
        { id: 'ReportSignature', name: 'Report Signature', basedOn: 'Normal', paragraph: { alignment: AlignmentType.RIGHT, spacing: { after: 0 } } },
        { id: 'ReportBlank', name: 'Report Blank Line', basedOn: 'Normal' },
        { id: 'ReportTableText', name: 'Report Table Text', basedOn: 'Normal', paragraph: { spacing: { after: 0 } } },
        { id: 'ReportCode', name: 'Report Code', basedOn: 'Normal', run: { font: font(DOCX_FONTS.mono, DOCX_FONTS.mono), size: 20 }, paragraph: { spacing: { after: 0 } } },
        { id: 'ReportPageNumber', name: 'Report Page Number', basedOn: 'Normal', run: { size: 20 }, paragraph: { spacing: { after: 0 } } },
      ],
    },
    sections: [
      {
        properties: { page: { size: { width: mm(210), height: mm(297) }, margin: { top: mm(25), bottom: mm(25), left: mm(25), right: mm(25) } } },
        footers: { default: pageNumberFooter('center', false) },
        children: plainChildren(items),
      },
    ],
  });
}

function isModel(x: RenderInput | ReportModel): x is ReportModel {
  return (x as ReportModel).lines !== undefined && (x as RenderInput).model === undefined;
}

function isChinese(model: ReportModel): boolean {
  const sample = model.text.slice(0, 4000);
  const han = (sample.match(/\p{Script=Han}/gu) ?? []).length;
  const latin = (sample.match(/[A-Za-z]/g) ?? []).length;
  return han * 2 >= latin;
}

/** Builds the .docx bytes of a report (a LintResult or a bare model). Findings are not exported. */
export async function renderDocx(source: RenderInput | ReportModel, options: DocxOptions = {}): Promise<Uint8Array> {
  const input: RenderInput = isModel(source) ? { model: source } : source;
  const zh = input.profile ? input.profile.language === 'zh' : isChinese(input.model);
  const items = layoutReport({ model: input.model, sections: input.sections, lang: zh ? 'zh' : 'en' });
  const style = options.style ?? (zh ? 'official' : 'plain');
  const title = options.title ?? items.find((i) => i.kind === 'title')?.runs.map((r) => r.text).join('').trim();
  const doc = style === 'official' ? officialDocument(items, { ...options, title }) : plainDocument(items, { ...options, title });
  const buffer = await Packer.toBuffer(doc);
  return new Uint8Array(buffer);
}
