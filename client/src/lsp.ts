// The language client proper (vscode-languageclient: most of the extension's code), in its own
// bundle, dist/lsp.js. extension.ts loads it right after activation, so that activating the
// extension does not wait for it to be read, compiled and run.

import * as vscode from 'vscode';
import * as path from 'path';
import { LanguageClient, TransportKind, State, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

export { State };

/** The client for the report-lint server (dist/server.js over IPC); not started. */
export function createClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageClient {
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
  return new LanguageClient('reportLint', 'report-lint', serverOptions, clientOptions);
}
