// Rendering: the report as HTML (preview and export) and as a Word document.

export { renderReportHtml, renderStandaloneHtml, reportCss, escapeHtml, cellWidth, breakLines, type RenderStyle, type RenderOptions, type RenderInput, type RenderedReport, type RenderStats, type FigureView } from './html';
export { layoutReport, isWide, type DocItem, type Run, type ItemKind, type TableRow } from './layout';
export { OFFICIAL_PAGE, FONT_STACKS } from './styles';
// The Word writer (./docx) is imported where it is used, so that loading the renderer stays light.
export type { DocxOptions } from './docx';
export { figureViews } from './figures';
export { previewPageHtml, previewCsp, isValidNonce, parseWebviewMessage, type PreviewPageOptions, type ToWebview, type FromWebview } from './page';
export { exportReport, EXPORT_MIME, type ExportKind, type ExportedFile } from './export';
