// The language client proper (vscode-languageclient: most of the extension's code), in its own
// bundle, dist/lsp.js. extension.ts loads it right after activation, so that activating the
// extension does not wait for it to be read, compiled and run.

import * as vscode from 'vscode';
import * as path from 'path';
import { LanguageClient, TransportKind, State, DiagnosticCollectionSource, DocumentDiagnosticRequest, ResponseError, type vsdiag, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { BandedDiagnostics } from './bandedDiagnostics';
import { DeltaPuller, type Pulled } from './deltaPull';
import { DELTA_CAPABILITY, DELTA_METHOD, type DeltaReport } from '../../server/src/diagnosticDelta';
// The node/V8 flags the server runs with; the bench (bench/lib/server.mjs) starts it with the same.
import serverFlags from './server-flags.json';

export { State };

/**
 * The server leaves each diagnostic's source and rule-page link to this client (asked for with
 * `initializationOptions.ruleLinks: 'client'`): on a 1 MB report with thousands of findings they were
 * a third of every answer's JSON, made, sent, parsed and converted (a URI parsed per diagnostic)
 * again at each keystroke. Here they are added after conversion, one URI per rule.
 */
export function withRuleLinks(items: vscode.Diagnostic[], docs: vscode.Uri, links: Map<string, vscode.Uri>): void {
  for (const d of items) {
    // Only rule findings come without a source (configuration problems and notes carry theirs).
    if (d.source !== undefined || typeof d.code !== 'string') continue;
    let target = links.get(d.code);
    if (!target) links.set(d.code, (target = vscode.Uri.joinPath(docs, `${d.code}.md`)));
    d.source = 'report-lint';
    d.code = { value: d.code, target };
  }
}

/** The open document's length in lines. */
function lineCount(uri: vscode.Uri): number | undefined {
  const key = uri.toString();
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === key)?.lineCount;
}

/** How a pull was answered: the whole list, "unchanged", the changes to the list held (a delta). */
export type PullAnswer = Pulled['answer'];

/**
 * The client for the report-lint server (dist/server.js over IPC); not started. `onPull`, when
 * given, hears of every diagnostics pull: when it was asked for, when its answer was converted
 * (performance.now() of this extension host) and how it was answered.
 */
export function createClient(
  context: vscode.ExtensionContext,
  output: vscode.LogOutputChannel,
  onPull?: (uri: vscode.Uri, version: number, start: number, answered: number, answer?: PullAnswer) => void,
): LanguageClient {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const docs = vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules');
  const links = new Map<string, vscode.Uri>();
  // Pulls go through the server's diagnostics deltas (server/src/diagnosticDelta.ts) when it
  // offers them: a keystroke's answer is then the few diagnostics that changed.
  const deltas = new DeltaPuller(
    (params, token) => client.sendRequest<DeltaReport>(DELTA_METHOD, params, token as vscode.CancellationToken),
    async (items, token) => {
      const converted = await client.protocol2CodeConverter.asDiagnostics(items, token as vscode.CancellationToken);
      withRuleLinks(converted, docs, links);
      return converted;
    },
  );
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: serverFlags.execArgv } },
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
    initializationOptions: { locale: vscode.env.language, trusted: vscode.workspace.isTrusted, ruleLinks: 'client' },
    diagnosticPullOptions: { onChange: true, onSave: true },
    // Pulled diagnostics go to VS Code a band of lines at a time, only the bands that changed.
    diagnosticCollectionProvider: {
      create: (name = 'report-lint', source) =>
        source === DiagnosticCollectionSource.pull
          ? new BandedDiagnostics(name, (band) => vscode.languages.createDiagnosticCollection(band ? `${name}#${band}` : name), lineCount)
          : vscode.languages.createDiagnosticCollection(name),
      dispose: (collection) => collection.dispose(),
    },
    middleware: {
      async provideDiagnostics(document, previousResultId, token, next): Promise<vsdiag.DocumentDiagnosticReport | null | undefined> {
        const start = performance.now();
        // a TextDocument (or, for a document the client has not opened, its Uri: no version)
        const uri = document instanceof vscode.Uri ? document : document.uri;
        const version = document instanceof vscode.Uri ? -1 : document.version;
        let standardFrom = previousResultId;
        if (client.initializeResult?.capabilities.experimental?.[DELTA_CAPABILITY] === true) {
          const protocolUri = client.code2ProtocolConverter.asUri(uri);
          try {
            const pulled = await deltas.pull(protocolUri, previousResultId, token);
            if (!pulled) throw new vscode.CancellationError();
            onPull?.(uri, version, start, performance.now(), pulled.answer);
            // the same shape: vsdiag's report kinds are the strings 'full' and 'unChanged'
            return pulled.report as unknown as vsdiag.DocumentDiagnosticReport;
          } catch (error) {
            if (error instanceof vscode.CancellationError) throw error;
            deltas.forget(protocolUri);
            // The server's refusals (cancelled, content modified …) as the language client takes
            // them; a fault of this client's own falls back to the standard pull of the whole list.
            if (error instanceof ResponseError) return client.handleFailedRequest(DocumentDiagnosticRequest.type, token, error, { kind: 'full', items: [] } as unknown as vsdiag.DocumentDiagnosticReport, true, true);
            output.error(`diagnostics delta failed for ${uri.toString()}: ${(error as Error)?.stack ?? error}`);
            standardFrom = undefined;
          }
        }
        const report = await next(document, standardFrom, token);
        if (report && report.kind === 'full') withRuleLinks(report.items, docs, links);
        onPull?.(uri, version, start, performance.now(), report?.kind === 'full' ? 'full' : 'unchanged');
        return report;
      },
      handleDiagnostics(uri, diagnostics, next) {
        withRuleLinks(diagnostics, docs, links);
        next(uri, diagnostics);
      },
    },
  };
  const client = new LanguageClient('reportLint', 'report-lint', serverOptions, clientOptions);
  context.subscriptions.push(
    vscode.workspace.onDidCloseTextDocument((d) => deltas.forget(client.code2ProtocolConverter.asUri(d.uri))),
    client.onDidChangeState((e) => e.newState === State.Stopped && deltas.clear()),
  );
  return client;
}
