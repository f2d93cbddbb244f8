// The report preview (a webview beside the editor) and the Word/HTML export commands. The HTML
// comes from the language server (`reportLint/renderHtml`), rendered by the engine; this file only
// shows it: first render immediate, later ones debounced and dropped when a newer version exists,
// updates by message, scroll sync both ways by source line, following the active editor.

import * as vscode from 'vscode';
import { randomBytes } from 'crypto';
/** What the preview needs of the language client. */
export interface Requests {
  sendRequest<R>(method: string, params: unknown): Promise<R>;
}
import { previewPageHtml, parseWebviewMessage, type ToWebview } from '../../server/src/engine/render/page';

const RENDER_HTML = 'reportLint/renderHtml';
const EXPORT = 'reportLint/export';
const VIEW_TYPE = 'reportLint.preview';
const DEBOUNCE_MS = 300;
/** After one side scrolls the other, its echo is ignored for this long. */
const SCROLL_ECHO_MS = 250;
const PREVIEW_LANGUAGES = new Set(['report', 'markdown', 'plaintext']);

type PreviewStyle = 'official' | 'plain' | 'auto';

interface RenderReply {
  uri: string;
  version: number;
  html: string;
  css: string;
  style: 'official' | 'plain';
  title: string;
}

interface ExportReply {
  kind: 'docx' | 'html';
  data: string;
  mime: string;
  suggestedName: string;
}

function isRenderReply(r: unknown): r is RenderReply {
  if (!r || typeof r !== 'object') return false;
  const o = r as Record<string, unknown>;
  return typeof o.uri === 'string' && typeof o.version === 'number' && typeof o.html === 'string' && typeof o.css === 'string';
}

function nonce(): string {
  return randomBytes(24).toString('base64');
}

/** The language the server renders the webview page in (its strings are bilingual there). */
const uiLang = (): 'zh' | 'en' => (/^zh/i.test(vscode.env.language) ? 'zh' : 'en');

/** The preview panel's title. */
const previewTitle = (uri: vscode.Uri): string => vscode.l10n.t('Preview {0}', baseName(uri));

function styleFor(uri: vscode.Uri): PreviewStyle {
  const v = vscode.workspace.getConfiguration('reportLint', uri).get<string>('preview.style', 'auto');
  return v === 'official' || v === 'plain' ? v : 'auto';
}

function baseName(uri: vscode.Uri): string {
  const p = uri.path;
  return p.slice(p.lastIndexOf('/') + 1) || uri.toString();
}

/** One preview panel that shows the active report and follows the editor. */
class ReportPreview implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private document: vscode.TextDocument;
  private shownVersion = -1;
  private shownStyle: PreviewStyle;
  private ready = false;
  private pending?: ToWebview;
  private timer?: NodeJS.Timeout;
  private requestSeq = 0;
  private loaded = false;
  private editorScrollEchoUntil = 0;
  private previewScrollEchoUntil = 0;
  private lastLine = 0;
  /** Hidden since the last page was set: updates could not reach it. */
  private stale = false;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly context: vscode.ExtensionContext,
    private readonly client: Requests,
    document: vscode.TextDocument,
    private readonly onDispose: () => void,
  ) {
    this.document = document;
    this.shownStyle = styleFor(document.uri);
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((m) => this.onMessage(m)),
      // A hidden webview is discarded (no retained context): shown again, it gets a fresh page.
      panel.onDidChangeViewState((e) => {
        if (e.webviewPanel.visible && this.stale) {
          this.stale = false;
          this.loaded = false;
          void this.render(true);
        } else if (!e.webviewPanel.visible) this.stale = true;
      }),
    );
    void this.render(true);
  }

  get uri(): vscode.Uri {
    return this.document.uri;
  }

  /** Shows another document (the active editor changed). */
  show(document: vscode.TextDocument): void {
    if (document.uri.toString() === this.document.uri.toString()) return;
    this.document = document;
    this.shownVersion = -1;
    this.loaded = false;
    this.lastLine = vscode.window.visibleTextEditors.find((e) => e.document === document)?.visibleRanges[0]?.start.line ?? 0;
    void this.render(true);
  }

  /** The document changed: render after a pause in typing. */
  changed(document: vscode.TextDocument): void {
    if (document.uri.toString() !== this.document.uri.toString()) return;
    // Hidden: render when shown again.
    if (!this.panel.visible) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.render(false), DEBOUNCE_MS);
  }

  /** The preview style setting changed: a full page with a fresh nonce. */
  restyle(): void {
    const style = styleFor(this.document.uri);
    if (style === this.shownStyle) return;
    this.shownStyle = style;
    this.loaded = false;
    void this.render(true);
  }

  /** The editor scrolled: follow it, unless the preview caused the scroll. */
  editorScrolled(editor: vscode.TextEditor): void {
    if (editor.document.uri.toString() !== this.document.uri.toString()) return;
    const line = editor.visibleRanges[0]?.start.line;
    if (line === undefined) return;
    this.lastLine = line;
    if (Date.now() < this.editorScrollEchoUntil) return;
    this.previewScrollEchoUntil = Date.now() + SCROLL_ECHO_MS;
    this.post({ type: 'scrollTo', line });
  }

  private async render(immediate: boolean): Promise<void> {
    clearTimeout(this.timer);
    const doc = this.document;
    const seq = ++this.requestSeq;
    let reply: unknown;
    try {
      reply = await this.client.sendRequest(RENDER_HTML, { uri: doc.uri.toString(), version: doc.version, style: this.shownStyle, lang: uiLang() });
    } catch (e) {
      if (seq === this.requestSeq) this.showError((e as Error).message);
      return;
    }
    // A newer request was sent, or the document moved on, or another document is shown: drop this one.
    if (seq !== this.requestSeq || doc !== this.document) return;
    if (reply === null) {
      this.showError(vscode.l10n.t('The report server has not opened this file.'));
      return;
    }
    if (!isRenderReply(reply)) return;
    if (reply.version < doc.version && !immediate) return;
    if (reply.version < this.shownVersion) return;
    this.shownVersion = reply.version;
    this.panel.title = previewTitle(doc.uri);
    if (!this.loaded) {
      this.setPage(reply);
      this.loaded = true;
    } else {
      this.post({ type: 'update', uri: reply.uri, version: reply.version, html: reply.html, css: reply.css });
    }
  }

  /** A full page: used for the first render, another document, another style. */
  private setPage(reply: RenderReply): void {
    const webview = this.panel.webview;
    const media = vscode.Uri.joinPath(this.context.extensionUri, 'media');
    this.ready = false;
    this.pending = undefined;
    webview.html = previewPageHtml({
      cspSource: webview.cspSource,
      nonce: nonce(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'preview.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'preview.css')).toString(),
      css: reply.css,
      body: reply.html,
      state: { uri: reply.uri, version: reply.version, line: this.lastLine },
      lang: uiLang(),
      title: reply.title,
    });
  }

  private showError(message: string): void {
    const html = `<div class="rl-doc rl-chrome"><div class="rl-summary" role="alert">${message.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)}</div></div>`;
    if (this.loaded) this.post({ type: 'update', uri: this.document.uri.toString(), version: this.document.version, html, css: '' });
    else {
      this.setPage({ uri: this.document.uri.toString(), version: -1, html, css: '', style: 'plain', title: '' });
      this.loaded = true;
    }
  }

  private post(message: ToWebview): void {
    if (!this.ready) {
      // Until the script says it is ready, only the newest update matters.
      if (message.type === 'update') this.pending = message;
      return;
    }
    void this.panel.webview.postMessage(message);
  }

  private onMessage(raw: unknown): void {
    const m = parseWebviewMessage(raw);
    if (!m) return;
    switch (m.type) {
      case 'ready':
        this.ready = true;
        if (this.pending) {
          void this.panel.webview.postMessage(this.pending);
          this.pending = undefined;
        }
        break;
      case 'scroll': {
        this.lastLine = m.line;
        if (Date.now() < this.previewScrollEchoUntil) return;
        const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === this.document.uri.toString());
        if (!editor) return;
        const line = Math.min(m.line, editor.document.lineCount - 1);
        this.editorScrollEchoUntil = Date.now() + SCROLL_ECHO_MS;
        editor.revealRange(new vscode.Range(line, 0, line, 0), vscode.TextEditorRevealType.AtTop);
        break;
      }
      case 'reveal':
        void this.reveal(m.line, m.start);
        break;
    }
  }

  /** Jumps the editor to a finding (by offset) or a line. */
  private async reveal(line: number | undefined, start: number | undefined): Promise<void> {
    const doc = this.document;
    const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === doc.uri.toString());
    const editor = await vscode.window.showTextDocument(doc, { viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One, preserveFocus: false });
    const pos = start !== undefined && start <= doc.getText().length ? doc.positionAt(start) : new vscode.Position(Math.min(line ?? 0, doc.lineCount - 1), 0);
    editor.selection = new vscode.Selection(pos, pos);
    this.editorScrollEchoUntil = Date.now() + SCROLL_ECHO_MS;
    editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.requestSeq++;
    for (const d of this.disposables) d.dispose();
    this.disposables.length = 0;
    this.onDispose();
  }
}

function previewable(doc: vscode.TextDocument | undefined): doc is vscode.TextDocument {
  return !!doc && PREVIEW_LANGUAGES.has(doc.languageId) && (doc.uri.scheme === 'file' || doc.uri.scheme === 'untitled');
}

/** Registers the preview and export commands; returns one disposable for all of it. */
export function registerPreview(context: vscode.ExtensionContext, client: Requests): vscode.Disposable {
  let preview: ReportPreview | undefined;
  const media = vscode.Uri.joinPath(context.extensionUri, 'media');

  const targetDocument = (uri?: vscode.Uri): vscode.TextDocument | undefined => {
    if (uri instanceof vscode.Uri) {
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      if (open) return open;
    }
    const active = vscode.window.activeTextEditor?.document;
    if (active) return active;
    return preview ? vscode.workspace.textDocuments.find((d) => d.uri.toString() === preview!.uri.toString()) : undefined;
  };

  const open = async (uri: vscode.Uri | undefined, toSide: boolean) => {
    let doc = targetDocument(uri);
    if (!doc && uri instanceof vscode.Uri) doc = await vscode.workspace.openTextDocument(uri);
    if (!previewable(doc)) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open a report file first.'));
      return;
    }
    const column = toSide ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active;
    if (preview) {
      preview.panel.reveal(column, toSide);
      preview.show(doc);
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      VIEW_TYPE,
      previewTitle(doc.uri),
      { viewColumn: column, preserveFocus: toSide },
      { enableScripts: true, enableForms: false, enableCommandUris: false, localResourceRoots: [media], retainContextWhenHidden: false },
    );
    preview = new ReportPreview(panel, context, client, doc, () => {
      preview = undefined;
    });
  };

  const exportTo = async (kind: 'docx' | 'html', uri?: vscode.Uri) => {
    const doc = targetDocument(uri);
    if (!previewable(doc)) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open a report file first.'));
      return;
    }
    let reply: ExportReply | null;
    try {
      reply = await client.sendRequest<ExportReply | null>(EXPORT, { uri: doc.uri.toString(), kind, style: styleFor(doc.uri) });
    } catch (e) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Export failed: {0}', (e as Error).message));
      return;
    }
    if (!reply || typeof reply.data !== 'string') {
      void vscode.window.showErrorMessage(vscode.l10n.t('The report server has not opened this file.'));
      return;
    }
    const folder = doc.uri.scheme === 'file' ? vscode.Uri.joinPath(doc.uri, '..') : vscode.workspace.workspaceFolders?.[0]?.uri;
    const target = await vscode.window.showSaveDialog({
      defaultUri: folder ? vscode.Uri.joinPath(folder, reply.suggestedName) : undefined,
      filters: kind === 'docx' ? { [vscode.l10n.t('Word document')]: ['docx'] } : { HTML: ['html', 'htm'] },
      saveLabel: vscode.l10n.t('Export'),
    });
    if (!target) return;
    await vscode.workspace.fs.writeFile(target, Buffer.from(reply.data, 'base64'));
    const openLabel = vscode.l10n.t('Open');
    const choice = await vscode.window.showInformationMessage(vscode.l10n.t('Exported to {0}', target.fsPath || target.toString()), openLabel);
    if (choice === openLabel) await vscode.env.openExternal(target);
  };

  // `reportLint.activeIsReport` shows the preview button and keybindings only where the server checks.
  let contextSeq = 0;
  const updateContext = async (editor: vscode.TextEditor | undefined) => {
    const seq = ++contextSeq;
    let isReport = false;
    if (editor && previewable(editor.document)) {
      try {
        const r = await client.sendRequest<{ checked: boolean } | null>('reportLint/status', { uri: editor.document.uri.toString() });
        isReport = !!r?.checked;
      } catch {
        isReport = editor.document.languageId === 'report';
      }
    }
    if (seq === contextSeq) await vscode.commands.executeCommand('setContext', 'reportLint.activeIsReport', isReport);
  };
  void updateContext(vscode.window.activeTextEditor);

  const disposables: vscode.Disposable[] = [
    vscode.commands.registerCommand('reportLint.openPreview', (uri?: vscode.Uri) => open(uri, false)),
    vscode.commands.registerCommand('reportLint.openPreviewToSide', (uri?: vscode.Uri) => open(uri, true)),
    vscode.commands.registerCommand('reportLint.exportDocx', (uri?: vscode.Uri) => exportTo('docx', uri)),
    vscode.commands.registerCommand('reportLint.exportHtml', (uri?: vscode.Uri) => exportTo('html', uri)),
    vscode.workspace.onDidChangeTextDocument((e) => preview?.changed(e.document)),
    vscode.window.onDidChangeActiveTextEditor((editor) => {
      void updateContext(editor);
      if (preview && editor && previewable(editor.document)) preview.show(editor.document);
    }),
    vscode.workspace.onDidSaveTextDocument((doc) => {
      if (doc === vscode.window.activeTextEditor?.document) void updateContext(vscode.window.activeTextEditor);
    }),
    vscode.window.onDidChangeTextEditorVisibleRanges((e) => preview?.editorScrolled(e.textEditor)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('reportLint.preview.style')) preview?.restyle();
    }),
    { dispose: () => preview?.panel.dispose() },
  ];
  const all = vscode.Disposable.from(...disposables);
  context.subscriptions.push(all);
  return all;
}
