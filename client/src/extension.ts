// The VS Code side: starts the language server over IPC, shows the status-bar count, and
// forwards the report-lint commands.

import * as vscode from 'vscode';
import * as path from 'path';
import { LanguageClient, TransportKind, State, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

interface StatusParams {
  uri: string;
  checked: boolean;
  profile: string | null;
  counts: { error: number; warning: number; info: number; hint: number };
  note: string | null;
}

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
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
    initializationOptions: { locale: vscode.env.language },
    diagnosticPullOptions: { onChange: true, onSave: true },
  };
  client = new LanguageClient('reportLint', 'report-lint', serverOptions, clientOptions);

  const status = vscode.window.createStatusBarItem('reportLint.status', vscode.StatusBarAlignment.Right, 100);
  status.name = 'report-lint';
  status.command = 'workbench.actions.view.problems';
  context.subscriptions.push(status, output);
  const statuses = new Map<string, StatusParams>();
  const zh = /^zh/i.test(vscode.env.language);

  const renderStatus = () => {
    const editor = vscode.window.activeTextEditor;
    const s = editor ? statuses.get(editor.document.uri.toString()) : undefined;
    if (!s || !s.checked) {
      status.hide();
      return;
    }
    const total = s.counts.error + s.counts.warning + s.counts.info + s.counts.hint;
    const icon = s.counts.error + s.counts.warning > 0 ? '$(warning)' : '$(check)';
    status.text = `${icon} ${zh ? '报告' : 'Report'}: ${total}${s.profile ? ` · ${s.profile}` : ''}`;
    status.tooltip = zh
      ? `report-lint：${s.counts.error} 个错误，${s.counts.warning} 个警告，${s.counts.info} 个提示；文种配置 ${s.profile ?? '未识别'}${s.note ? `\n${s.note}` : ''}`
      : `report-lint: ${s.counts.error} errors, ${s.counts.warning} warnings, ${s.counts.info} infos; profile ${s.profile ?? 'none'}${s.note ? `\n${s.note}` : ''}`;
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
      vscode.window.setStatusBarMessage(r.checked ? (zh ? '已对此文件启用报告检查' : 'Report checking enabled for this file') : zh ? '已对此文件停用报告检查' : 'Report checking disabled for this file', 3000);
    }),
    vscode.commands.registerCommand('reportLint.showOutput', () => output.show()),
    vscode.commands.registerCommand('reportLint.restartServer', async () => {
      await client?.restart();
      output.appendLine('report-lint server restarted on request');
    }),
  );

  client.onDidChangeState((e) => {
    if (e.newState === State.Stopped) output.appendLine('report-lint server stopped; the client restarts it when it crashed (see above).');
  });
  await client.start();
  context.subscriptions.push(
    client.onNotification('reportLint/status', (s: StatusParams) => {
      statuses.set(s.uri, s);
      renderStatus();
    }),
  );
  output.appendLine(`report-lint activated in ${Date.now() - started} ms`);
  if (vscode.window.activeTextEditor) {
    await client.sendRequest('reportLint/status', { uri: vscode.window.activeTextEditor.document.uri.toString() }).catch(() => undefined);
  }
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}

/** For the integration tests: the running client. */
export function getClient(): LanguageClient | undefined {
  return client;
}
