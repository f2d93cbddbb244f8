// Shared helpers for the integration suite (runs inside the VS Code extension host).
// Every wait here is on an event or a polled condition with a bounded timeout: no fixed sleeps.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'report-lint.report-lint';
export const SOURCE = 'report-lint';
export const WAIT_MS = Number(process.env.REPORT_LINT_E2E_WAIT_MS || 30000);
/** The first wait also covers activation and the language server's cold start (slow on a loaded 2-core CI). */
export const FIRST_WAIT_MS = Number(process.env.REPORT_LINT_E2E_FIRST_WAIT_MS || 120000);

/** The example report of the fixture workspace and the lines (0-based) its defects are on. */
export const REPORT = '2024年工作总结.report.txt';
export const NOTES = 'notes.md';
export const SUB_REPORT = 'sub/村级工作总结.report.txt';
export const SUB_CONFIG = 'sub/.reportlint.yaml';

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder is open: the launcher must open a copy of test/fixtures/workspace');
  return folder.uri;
}

export function fixture(rel: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...rel.split('/'));
}

/** The rule id of a diagnostic: `code` is `{value, target}` per the contract (plain values tolerated). */
export function ruleOf(d: vscode.Diagnostic): string {
  const c = d.code;
  if (c === undefined) return '';
  if (typeof c === 'object') return String(c.value);
  return String(c);
}

export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

export function linesOf(diags: vscode.Diagnostic[], rule: string): number[] {
  return diags.filter((d) => ruleOf(d) === rule).map((d) => d.range.start.line).sort((a, b) => a - b);
}

export function describeDiags(diags: readonly vscode.Diagnostic[]): string {
  if (!diags.length) return '    (none)';
  return diags
    .map((d) => `    ${d.range.start.line}:${d.range.start.character} [${vscode.DiagnosticSeverity[d.severity]}] ` +
      `${d.source ?? '-'}/${ruleOf(d) || '-'}: ${d.message.replace(/\s+/g, ' ').slice(0, 120)}`)
    .join('\n');
}

/**
 * Resolves with the report-lint diagnostics of `uri` as soon as `accept` holds for them; checks now and
 * on every `onDidChangeDiagnostics` event for that uri. Rejects after `timeoutMs` with `what` and the
 * diagnostics seen last, so that a missing finding fails with a readable message.
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  accept: (diags: vscode.Diagnostic[]) => boolean,
  what: string,
  timeoutMs = WAIT_MS,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const key = uri.toString();
    let done = false;
    const finish = (err?: Error, diags?: vscode.Diagnostic[]) => {
      if (done) return;
      done = true;
      sub.dispose();
      clearTimeout(timer);
      err ? reject(err) : resolve(diags!);
    };
    const check = () => {
      const diags = ours(uri);
      if (accept(diags)) finish(undefined, diags);
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === key)) check();
    });
    const timer = setTimeout(() => {
      finish(new Error(`timed out after ${timeoutMs} ms waiting for ${what} on ${vscode.workspace.asRelativePath(uri)}; ` +
        `diagnostics there now:\n${describeDiags(vscode.languages.getDiagnostics(uri))}`));
    }, timeoutMs);
    check();
  });
}

/** Resolves when `accept()` holds, checking it on every tab change; bounded. */
export function waitForTabs(accept: () => boolean, what: string, timeoutMs = WAIT_MS): Promise<void> {
  return new Promise((resolve, reject) => {
    if (accept()) return resolve();
    const sub = vscode.window.tabGroups.onDidChangeTabs(() => {
      if (accept()) { sub.dispose(); clearTimeout(timer); resolve(); }
    });
    const timer = setTimeout(() => { sub.dispose(); reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)); }, timeoutMs);
  });
}

export async function open(rel: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(fixture(rel));
  return vscode.window.showTextDocument(doc, { preview: false });
}

/** Code actions offered for a range, resolved so that their edits are present. */
export async function codeActionsAt(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  const all = (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
    'vscode.executeCodeActionProvider', uri, range, undefined, 50)) ?? [];
  // a bare Command has `command: string`; a CodeAction has `command?: Command` and usually `edit`
  return all.filter((a): a is vscode.CodeAction => typeof (a as vscode.Command).command !== 'string');
}

/**
 * Bridge to the launcher for what only the workbench DOM shows (the status bar). run-integration.mjs
 * sets REPORT_LINT_E2E_BRIDGE to a directory it watches: we write a request, it reads the status bar
 * in the browser and writes the answer. Other launchers (test-electron) have no bridge: undefined.
 */
export function bridgeDir(): string | undefined {
  const dir = process.env.REPORT_LINT_E2E_BRIDGE;
  return dir && fs.existsSync(dir) ? dir : undefined;
}

let bridgeSeq = 0;
export async function askBridge<T>(kind: string, body: object, timeoutMs = WAIT_MS): Promise<T> {
  const dir = bridgeDir();
  if (!dir) throw new Error('no launcher bridge');
  const id = `${process.pid}-${++bridgeSeq}`;
  const answer = path.join(dir, `${id}.answer.json`);
  const request = path.join(dir, `${id}.request.json`);
  fs.writeFileSync(request + '.tmp', JSON.stringify({ kind, ...body }));
  fs.renameSync(request + '.tmp', request);
  // The answer is a file the launcher renames into the bridge directory: wait for it to appear.
  return new Promise<T>((resolve, reject) => {
    let done = false;
    const finish = (err?: Error) => {
      if (done) return;
      if (!err && !fs.existsSync(answer)) return;
      done = true;
      watcher.close();
      clearTimeout(deadline);
      if (err) reject(err);
      else resolve(JSON.parse(fs.readFileSync(answer, 'utf8')) as T);
    };
    const watcher = fs.watch(dir, () => finish());
    const deadline = setTimeout(() => finish(new Error(`the launcher did not answer the ${kind} request within ${timeoutMs} ms`)), timeoutMs);
    finish(); // it may already be there
  });
}
