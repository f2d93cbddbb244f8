// One entry point for both exports, used by the `reportLint/export` request and the CLI's
// `--export docx|html OUT`. Pure: returns bytes, the caller writes them.

import type { ReportModel } from '../model';
import { renderStandaloneHtml, type RenderInput, type RenderStyle } from './html';

export type ExportKind = 'docx' | 'html';

export interface ExportedFile {
  bytes: Uint8Array;
  mime: string;
  extension: string;
}

export const EXPORT_MIME: Record<ExportKind, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  html: 'text/html',
};

/** The exported file of a report: a Word document or a self-contained HTML page. */
export async function exportReport(source: RenderInput | ReportModel, kind: ExportKind, options: { style?: RenderStyle } = {}): Promise<ExportedFile> {
  if (kind === 'docx') {
    // The Word writer is large: it is loaded on the first export, not at start-up.
    const { renderDocx } = await import('./docx');
    return { bytes: await renderDocx(source, { style: options.style }), mime: EXPORT_MIME.docx, extension: 'docx' };
  }
  return { bytes: new TextEncoder().encode(renderStandaloneHtml(source, { style: options.style })), mime: EXPORT_MIME.html, extension: 'html' };
}
