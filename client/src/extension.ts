// The VS Code side: starts the language server over IPC, shows the status-bar count, and
// forwards the report-lint commands.

import { loadStart } from './loadStart';
import * as vscode from 'vscode';
import * as path from 'path';
import { LanguageClient, TransportKind, State, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { registerPreview } from './preview';
import { registerTemplates } from './templates';

interface StatusParams {
  uri: string;
  checked: boolean;
  profile: string | null;
  counts: { error: number; warning: number; info: number; hint: number };
  note: string | null;
}

let client: LanguageClient | undefined;

/** Activation, timed inside the extension host (performance.now(), ms). */
export interface ActivationTimings {
  /**
   * Evaluating dist/client.js: from its first module (vscode-languageclient and ours follow) to the
   * end of this module's top level. Not included: Node reading and compiling the file before that
   * (VS Code's "code loading" time counts both).
   */
  evaluateMs: number;
  /** Between the bundle's evaluation and the call of `activate()`: VS Code's own work (e.g. the extension context), not ours. */
  hostGapMs: number;
  /** `activate()` alone: creating the client, commands, status bar, preview; starting the server process (not waiting for it). */
  activateMs: number;
  /** From the start of `activate()` until the language server answered `initialize` (undefined until then, or if it failed). */
  serverReadyMs: number | undefined;
}

/** What the extension exports (used by the integration tests). */
export interface ReportLintApi {
  /** How long `activate` took, in ms. */
  activationMs(): number;
  /** The activation timings (see ActivationTimings). */
  timings(): ActivationTimings;
  /** Resolves when the language server is running. */
  ready(): Promise<void>;
}

// The end of the bundle's evaluation: every import above has run.
const loadEnd = performance.now();

export async function activate(context: vscode.ExtensionContext): Promise<ReportLintApi> {
  const t0 = performance.now();
  const started = Date.now();
  const output = vscode.window.createOutputChannel('report-lint', { log: true });
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { language: 'report' },
      { language: 'markdown', scheme: 'file' },
      { language: 'markdown', scheme: 'untitled' },
      { language: 'plaintext', scheme: 'file' },
      { language: 'plaintext', scheme: 'untitled' },
    ],
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/.reportlint.yaml') },
    outputChannel: output,
    initializationOptions: { locale: vscode.env.language, trusted: vscode.workspace.isTrusted },
    diagnosticPullOptions: { onChange: true, onSave: true },
  };
  client = new LanguageClient('reportLint', 'report-lint', serverOptions, clientOptions);
  registerTemplates(context);

  const status = vscode.window.createStatusBarItem('reportLint.status', vscode.StatusBarAlignment.Right, 100);
  status.name = 'report-lint';
  status.command = 'workbench.actions.view.problems';
  context.subscriptions.push(status, output);
  const statuses = new Map<string, StatusParams>();

  const renderStatus = () => {
    const editor = vscode.window.activeTextEditor;
    const s = editor ? statuses.get(editor.document.uri.toString()) : undefined;
    if (!s || !s.checked) {
      status.hide();
      return;
    }
    const total = s.counts.error + s.counts.warning + s.counts.info + s.counts.hint;
    const icon = s.counts.error + s.counts.warning > 0 ? '$(warning)' : '$(check)';
    status.text = `${icon} ${vscode.l10n.t('Report: {0}', total)}${s.profile ? ` · ${s.profile}` : ''}`;
    const { error, warning, info } = s.counts;
    const summary = s.profile
      ? vscode.l10n.t('report-lint: {0} errors, {1} warnings, {2} infos; profile {3}', error, warning, info, s.profile)
      : vscode.l10n.t('report-lint: {0} errors, {1} warnings, {2} infos; no profile recognized', error, warning, info);
    status.tooltip = `${summary}${s.note ? `\n${s.note}` : ''}`;
    status.show();
  };

  context.subscriptions.push(
    vscode.window.onDidChangeActiveTextEditor(async (editor) => {
      renderStatus();
      if (editor && client?.state === State.Running && !statuses.has(editor.document.uri.toString())) {
        await client.sendRequest('reportLint/status', { uri: editor.document.uri.toString() }).catch(() => undefined);
      }
    }),
    vscode.commands.registerCommand('reportLint.toggleForFile', async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor || !client) return;
      const r = await client.sendRequest<{ checked: boolean }>('reportLint/toggle', { uri: editor.document.uri.toString() });
      vscode.window.setStatusBarMessage(r.checked ? vscode.l10n.t('Report checking enabled for this file') : vscode.l10n.t('Report checking disabled for this file'), 3000);
    }),
    vscode.commands.registerCommand('reportLint.showOutput', () => output.show()),
    vscode.commands.registerCommand('reportLint.fillPlaceholders', async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor || !client) return;
      const doc = editor.document;
      const r = await client.sendRequest<{ version?: number; edits: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[] }>('reportLint/fillPlaceholders', { uri: doc.uri.toString() });
      if (!r.edits.length) {
        void vscode.window.showInformationMessage(vscode.l10n.t('No placeholder maps to a value in .reportlint.yaml (variables / fill).'));
        return;
      }
      if (r.version !== undefined && r.version !== doc.version) return;
      // One WorkspaceEdit: one undo step restores every placeholder.
      const edit = new vscode.WorkspaceEdit();
      for (const e of r.edits) edit.replace(doc.uri, new vscode.Range(e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character), e.newText);
      await vscode.workspace.applyEdit(edit);
    }),
    vscode.commands.registerCommand('reportLint.restartServer', async () => {
      await client?.restart();
      output.appendLine('report-lint server restarted on request');
    }),
  );

  client.onDidChangeState((e) => {
    if (e.newState === State.Stopped) output.appendLine('report-lint server stopped; the client restarts it when it crashed (see above).');
  });
  context.subscriptions.push(
    client.onNotification('reportLint/status', (s: StatusParams) => {
      statuses.set(s.uri, s);
      renderStatus();
    }),
    registerPreview(context, client),
    vscode.workspace.onDidGrantWorkspaceTrust(() => void client?.sendNotification('reportLint/trust', { trusted: true })),
  );
  // Activation does not wait for the server process: the editor stays responsive meanwhile.
  const running = client.start().then(
    async () => {
      serverReadyMs = performance.now() - t0;
      output.appendLine(`report-lint server ready ${Date.now() - started} ms after activation`);
      const editor = vscode.window.activeTextEditor;
      if (editor) await client?.sendRequest('reportLint/status', { uri: editor.document.uri.toString() }).catch(() => undefined);
    },
    (e: unknown) => output.appendLine(`report-lint server failed to start: ${e instanceof Error ? e.message : String(e)}`),
  );
  const t1 = performance.now();
  activationMs = t1 - t0;
  const evaluateMs = loadEnd - loadStart;
  const hostGapMs = t0 - loadEnd;
  output.appendLine(`report-lint activated in ${activationMs.toFixed(1)} ms (evaluating the bundle before: ${evaluateMs.toFixed(1)} ms)`);
  return {
    activationMs: () => activationMs,
    timings: () => ({ evaluateMs, hostGapMs, activateMs: activationMs, serverReadyMs }),
    ready: () => running,
  };
}

let activationMs = 0;
let serverReadyMs: number | undefined;

export async function deactivate(): Promise<void> {
  await client?.stop();
}

/** For the integration tests: the running client. */
export function getClient(): LanguageClient | undefined {
  return client;
}
