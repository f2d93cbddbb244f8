// The preview and export requests: `reportLint/renderHtml` {uri, version, style} → {version, html, css}
// and `reportLint/export` {uri, kind} → base64 bytes. server.ts registers them with its documents
// and its cached check; the engine does the rendering.

import { ResponseError, ErrorCodes } from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import { parseReport, formatOf, matchSections, type LintResult } from './engine';
import { renderReportHtml, exportReport, figureViews, type RenderStyle, type RenderStats, type FigureView, type ExportKind } from './engine/render';

export const RENDER_HTML_REQUEST = 'reportLint/renderHtml';
export const EXPORT_REQUEST = 'reportLint/export';

export type PreviewStyle = RenderStyle | 'auto';

export interface RenderHtmlParams {
  uri: string;
  /** The version the client saw; the reply carries the version actually rendered. */
  version?: number;
  style?: PreviewStyle;
  /** UI language of messages and labels. */
  lang?: 'zh' | 'en';
}

export interface RenderHtmlResult {
  uri: string;
  version: number;
  html: string;
  css: string;
  style: RenderStyle;
  title: string;
  stats: RenderStats;
}

export type { ExportKind };

export interface ExportParams {
  uri: string;
  kind: ExportKind;
  style?: PreviewStyle;
}

export interface ExportResult {
  kind: ExportKind;
  /** The file's bytes, base64. */
  data: string;
  mime: string;
  /** A file name for the save dialog, from the document's name. */
  suggestedName: string;
}

/** A text document as the server's TextDocuments holds it. */
export interface RenderDocument {
  uri: string;
  version: number;
  languageId: string;
  getText(): string;
}

/** What the handlers need from the server. */
export interface RenderHost {
  getDocument(uri: string): RenderDocument | undefined;
  /** The server's cached check; `result` is absent for documents that are not reports. */
  check(doc: RenderDocument): Promise<{ version: number; result?: LintResult }>;
  /** The UI language when the request does not say. */
  locale?: 'zh' | 'en';
}

const STYLES = new Set(['official', 'plain', 'auto']);

function invalid(message: string): ResponseError<void> {
  return new ResponseError(ErrorCodes.InvalidParams, message);
}

function checkUri(params: unknown): { uri: string } & Record<string, unknown> {
  if (!params || typeof params !== 'object') throw invalid('params must be an object');
  const p = params as Record<string, unknown>;
  if (typeof p.uri !== 'string' || p.uri.length === 0) throw invalid('uri must be a non-empty string');
  if (p.style !== undefined && (typeof p.style !== 'string' || !STYLES.has(p.style))) throw invalid('style must be official, plain or auto');
  return p as { uri: string } & Record<string, unknown>;
}

function formatFor(doc: RenderDocument): 'markdown' | 'plain' {
  if (doc.languageId === 'markdown') return 'markdown';
  try {
    return formatOf(URI.parse(doc.uri).path);
  } catch {
    return 'plain';
  }
}

/** The document's lint result, or a bare model when the document is not checked as a report. */
async function resultFor(doc: RenderDocument, host: RenderHost): Promise<{ version: number; result: Pick<LintResult, 'model'> & Partial<LintResult> }> {
  const entry = await host.check(doc);
  if (entry.result) return { version: entry.version, result: entry.result };
  return { version: doc.version, result: { model: parseReport(doc.getText(), formatFor(doc)) } };
}

function figuresFor(result: Pick<LintResult, 'model'> & Partial<LintResult>): FigureView[] | undefined {
  try {
    return figureViews(result.model, result.findings ?? []);
  } catch {
    // The panel is optional: a failing extraction must not take the preview down.
    return undefined;
  }
}

/** Handles `reportLint/renderHtml`: null when the document is not open. */
export async function handleRenderRequest(params: RenderHtmlParams, host: RenderHost): Promise<RenderHtmlResult | null> {
  const p = checkUri(params);
  if (p.version !== undefined && typeof p.version !== 'number') throw invalid('version must be a number');
  if (p.lang !== undefined && p.lang !== 'zh' && p.lang !== 'en') throw invalid('lang must be zh or en');
  const doc = host.getDocument(p.uri);
  if (!doc) return null;
  const { version, result } = await resultFor(doc, host);
  const style = params.style && params.style !== 'auto' ? params.style : undefined;
  const rendered = renderReportHtml(result, { style, lang: params.lang ?? host.locale, figures: figuresFor(result) });
  return { uri: doc.uri, version, html: rendered.body, css: rendered.css, style: rendered.style, title: rendered.title, stats: rendered.stats };
}

function baseName(uri: string): string {
  let path: string;
  try {
    path = URI.parse(uri).path;
  } catch {
    path = uri;
  }
  const name = path.slice(path.lastIndexOf('/') + 1) || 'report';
  return name.replace(/\.(report\.)?(md|markdown|txt|report)$/i, '').replace(/\.report$/i, '') || 'report';
}

/** Handles `reportLint/export`: the exported file's bytes, or null when the document is not open. */
export async function handleExportRequest(params: ExportParams, host: RenderHost): Promise<ExportResult | null> {
  const p = checkUri(params);
  if (p.kind !== 'docx' && p.kind !== 'html') throw invalid('kind must be docx or html');
  const doc = host.getDocument(p.uri);
  if (!doc) return null;
  const { result } = await resultFor(doc, host);
  // The export awaits (the Word writer is loaded on first use) before it reads the model, and a
  // re-check of the document meanwhile moves the checked model's blocks in place: it reads a model
  // of its own, made now from the same text (with the profile the check chose).
  const model = parseReport(result.model.text, result.model.format);
  const own = { model, profile: result.profile, sections: result.profile ? matchSections(model, result.profile) : result.sections };
  const style = params.style && params.style !== 'auto' ? params.style : undefined;
  const file = await exportReport(own, params.kind, { style });
  return { kind: params.kind, data: Buffer.from(file.bytes).toString('base64'), mime: file.mime, suggestedName: `${baseName(doc.uri)}.${file.extension}` };
}
