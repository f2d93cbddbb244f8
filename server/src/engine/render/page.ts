// The preview's web page around the rendered report: a strict Content-Security-Policy (nothing
// but the extension's media and nonce'd elements), the document style sheet, the report, the script.
// Pure, so the browser security test renders exactly the page the webview shows.

// No import from the renderer: the VS Code client bundles this file and needs nothing else.
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export interface PreviewPageOptions {
  /** The webview's `cspSource` (where the extension's media files come from). */
  cspSource: string;
  /** A fresh random nonce for this page. */
  nonce: string;
  /** URI of media/preview.js and media/preview.css as the webview sees them. */
  scriptUri: string;
  styleUri: string;
  /** The renderer's style sheet and body. */
  css: string;
  body: string;
  /** Initial state handed to the script (document, version, line to show). */
  state: { uri: string; version: number; line?: number };
  lang: 'zh' | 'en';
  title?: string;
}

/** The Content-Security-Policy of the preview page. */
export function previewCsp(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
    "form-action 'none'",
    "base-uri 'none'",
    "frame-src 'none'",
  ].join('; ');
}

/** A nonce check: base64 or hex of at least 16 random bytes, nothing that could break out of an attribute. */
export function isValidNonce(nonce: string): boolean {
  return /^[A-Za-z0-9+/=_-]{22,}$/.test(nonce);
}

/** The full HTML of the preview page. */
export function previewPageHtml(o: PreviewPageOptions): string {
  if (!isValidNonce(o.nonce)) throw new Error('invalid nonce');
  // The style sheet is ours, but never let it close its own element.
  const css = o.css.replace(/<\/(style)/gi, '<\\/$1');
  return `<!DOCTYPE html>
<html lang="${o.lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(previewCsp(o.cspSource, o.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta id="rl-state" data-state="${escapeHtml(JSON.stringify(o.state))}">
<title>${escapeHtml(o.title ?? '')}</title>
<link rel="stylesheet" nonce="${o.nonce}" href="${escapeHtml(o.styleUri)}">
<style nonce="${o.nonce}" id="rl-doc-style">${css}</style>
</head>
<body>
<main id="rl-root">
${o.body}
</main>
<script nonce="${o.nonce}" src="${escapeHtml(o.scriptUri)}"></script>
</body>
</html>
`;
}
