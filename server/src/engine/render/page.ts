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

/** Messages the extension sends to the webview (media/preview.js checks them the same way). */
export type ToWebview =
  | { type: 'update'; uri: string; version: number; html: string; css: string; line?: number }
  | { type: 'scrollTo'; line: number };

/** Messages the webview sends to the extension. */
export type FromWebview =
  | { type: 'ready'; version?: number }
  | { type: 'scroll'; line: number }
  | { type: 'reveal'; line?: number; start?: number };

const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0 && n < 1e8;

/** Checks a message from the webview: anything not exactly one of ours is dropped (undefined). */
export function parseWebviewMessage(m: unknown): FromWebview | undefined {
  if (!m || typeof m !== 'object' || Array.isArray(m)) return undefined;
  const o = m as Record<string, unknown>;
  switch (o.type) {
    case 'ready':
      return { type: 'ready', version: typeof o.version === 'number' && Number.isInteger(o.version) ? o.version : undefined };
    case 'scroll':
      return isCount(o.line) ? { type: 'scroll', line: o.line } : undefined;
    case 'reveal': {
      const line = isCount(o.line) ? o.line : undefined;
      const start = isCount(o.start) ? o.start : undefined;
      if (line === undefined && start === undefined) return undefined;
      return { type: 'reveal', line, start };
    }
    default:
      return undefined;
  }
}
