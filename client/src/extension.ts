// The VS Code side: starts the language server over IPC, shows the status-bar count, and
// forwards the report-lint commands. The language client itself (dist/lsp.js, from lsp.ts) is
// loaded right after activation returns.

import { loadStart } from './loadStart';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
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
  /**
   * Loading the language client after activation: reading, compiling and running dist/lsp.js
   * (vscode-languageclient) and making the client. Not part of activation, but the extension
   * host's time all the same (undefined until done).
   */
  clientLoadMs: number | undefined;
}

/** What the extension exports (used by the integration tests). */
export interface ReportLintApi {
  /** How long `activate` took, in ms. */
  activationMs(): number;
  /** The activation timings (see ActivationTimings). */
  timings(): ActivationTimings;
  /** Resolves when the language server is running. */
  ready(): Promise<void>;
  /** Fires when the language server stops (a crash included) and when it is running again. */
  onServerState: vscode.Event<'running' | 'stopped'>;
  /** The last diagnostics pulls (at most 64, oldest first), for measuring where a keystroke's time goes. */
  pulls(): readonly PullTiming[];
}

/**
 * One diagnostics pull, in epoch milliseconds (performance.timeOrigin + performance.now(): comparable
 * with the workbench page's clock on the same machine): asked for, and answered (the server's answer
 * received and converted, just before the language client hands it to VS Code).
 */
export interface PullTiming {
  uri: string;
  version: number;
  start: number;
  answered: number;
  /** How the server answered: the whole list, "unchanged", or the changes to the list held. */
  answer?: 'full' | 'unchanged' | 'delta';
}

// The end of the bundle's evaluation: every import above has run.
const loadEnd = performance.now();

export async function activate(context: vscode.ExtensionContext): Promise<ReportLintApi> {
  const t0 = performance.now();
  const started = Date.now();
  const output = vscode.window.createOutputChannel('report-lint', { log: true });
  let madeClient!: (c: LanguageClient) => void;
  let noClient!: (e: unknown) => void;
  // Resolves with the client once dist/lsp.js is loaded and the client made (before the server runs).
  const made = new Promise<LanguageClient>((resolve, reject) => ((madeClient = resolve), (noClient = reject)));
  // A failure to load is logged where it happens; commands that wait for the client see it too.
  made.catch(() => undefined);
  registerTemplates(context);

  const status = vscode.window.createStatusBarItem('reportLint.status', vscode.StatusBarAlignment.Right, 100);
  status.name = 'report-lint';
  status.command = 'workbench.actions.view.problems';
  const serverState = new vscode.EventEmitter<'running' | 'stopped'>();
  context.subscriptions.push(status, output, serverState);
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
      if (editor && client?.isRunning() && !statuses.has(editor.document.uri.toString())) {
        await client.sendRequest('reportLint/status', { uri: editor.document.uri.toString() }).catch(() => undefined);
      }
    }),
    vscode.commands.registerCommand('reportLint.toggleForFile', async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor) return;
      const r = await (await made).sendRequest<{ checked: boolean }>('reportLint/toggle', { uri: editor.document.uri.toString() });
      vscode.window.setStatusBarMessage(r.checked ? vscode.l10n.t('Report checking enabled for this file') : vscode.l10n.t('Report checking disabled for this file'), 3000);
    }),
    vscode.commands.registerCommand('reportLint.showOutput', () => output.show()),
    vscode.commands.registerCommand('reportLint.fillPlaceholders', async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor) return;
      const doc = editor.document;
      const r = await (await made).sendRequest<{ version?: number; edits: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[] }>('reportLint/fillPlaceholders', { uri: doc.uri.toString() });
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
      await (await made).restart();
      output.appendLine('report-lint server restarted on request');
    }),
  );

  context.subscriptions.push(
    // The preview's requests wait for the client if it is not made yet.
    registerPreview(context, { sendRequest: async <R>(method: string, params: unknown) => (await made).sendRequest<R>(method, params) }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => void client?.sendNotification('reportLint/trust', { trusted: true })),
  );
  // The language client is loaded once activation has returned (setImmediate runs after VS Code's
  // bookkeeping of the activation), and activation never waits for the server process either.
  const running = new Promise<void>((resolve) => setImmediate(resolve)).then(async () => {
    const l0 = performance.now();
    let lsp: typeof import('./lsp');
    let c: LanguageClient;
    try {
      // Required at run time from dist/lsp.js (esbuild leaves './lsp' out of dist/client.js).
      lsp = require('./lsp') as typeof import('./lsp');
      c = client = lsp.createClient(context, output, (uri, version, start, answered, answer) => {
        if (pulls.length === 64) pulls.shift();
        pulls.push({ uri: uri.toString(), version, start: performance.timeOrigin + start, answered: performance.timeOrigin + answered, answer });
      });
    } catch (e) {
      output.appendLine(`report-lint could not load its language client: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      noClient(e);
      return;
    }
    clientLoadMs = performance.now() - l0;
    c.onDidChangeState((e) => {
      if (e.newState === lsp.State.Stopped) {
        output.appendLine('report-lint server stopped; the client restarts it when it crashed (see above).');
        serverState.fire('stopped');
      } else if (e.newState === lsp.State.Running) serverState.fire('running');
    });
    context.subscriptions.push(
      c.onNotification('reportLint/status', (s: StatusParams) => {
        statuses.set(s.uri, s);
        renderStatus();
      }),
    );
    madeClient(c);
    try {
      await c.start();
    } catch (e) {
      output.appendLine(`report-lint server failed to start: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    serverReadyMs = performance.now() - t0;
    output.appendLine(`report-lint server ready ${Date.now() - started} ms after activation (client loaded in ${clientLoadMs.toFixed(1)} ms)`);
    const editor = vscode.window.activeTextEditor;
    if (editor) await c.sendRequest('reportLint/status', { uri: editor.document.uri.toString() }).catch(() => undefined);
  });
  const t1 = performance.now();
  activationMs = t1 - t0;
  const evaluateMs = loadEnd - loadStart;
  const hostGapMs = t0 - loadEnd;
  output.appendLine(`report-lint activated in ${activationMs.toFixed(1)} ms (evaluating the bundle before: ${evaluateMs.toFixed(1)} ms)`);
  return {
    activationMs: () => activationMs,
    timings: () => ({ evaluateMs, hostGapMs, activateMs: activationMs, serverReadyMs, clientLoadMs }),
    ready: () => running,
    onServerState: serverState.event,
    pulls: () => pulls,
  };
}

let activationMs = 0;
const pulls: PullTiming[] = [];
let serverReadyMs: number | undefined;
let clientLoadMs: number | undefined;

export async function deactivate(): Promise<void> {
  await client?.stop();
}


/** For the integration tests: the running client. */
export function getClient(): LanguageClient | undefined {
  return client;
}
