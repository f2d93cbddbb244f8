// The language server: LSP glue around the engine. Pull diagnostics with a push fallback,
// quick fixes, per-resource settings, config discovery and the custom report-lint requests.

import {
  createConnection,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  DiagnosticSeverity,
  CodeActionKind,
  DocumentDiagnosticReportKind,
  FileChangeType,
  type Diagnostic,
  type CodeAction,
  type InitializeParams,
  type InitializeResult,
  type Connection,
  type TextEdit as LspTextEdit,
  type DocumentSymbol,
  CompletionItemKind,
  SymbolKind,
  InsertTextFormat,
  ResponseError,
  LSPErrorCodes,
  type CancellationToken,
  type DiagnosticServerCancellationData,
  type DocumentDiagnosticReport,
  type Position,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { createLinter, LineIndex, safeFixEdits, hasSafeFix, decideReport, formatOf, DEFAULT_INCLUDE, CONFIG_FILE_NAME, type Finding, type LintResult, type Severity, type Fix, type ResolvedConfig, type Linter, defaultConfig, RULES } from './engine';
import { findConfigFile, loadConfigFile, type LoadedConfig } from './configFiles';
import { figureHover, figuresAsData } from './engine/figures';
import { handleRenderRequest, handleExportRequest, RENDER_HTML_REQUEST, EXPORT_REQUEST, type RenderHost } from './renderRequests';
import { completionsAt, reportOutline, placeholderFixes, fillAllPlaceholders, renumberFix, type OutlineSymbol } from './engine/assist';
import { DELTA_CAPABILITY, DELTA_METHOD, diagnosticDelta, sameMoved, type DeltaParams, type DeltaReport } from './diagnosticDelta';

/** The code action that applies every safe fix of a report. */
const FIX_ALL_KIND = 'source.fixAll.reportLint';

export interface ReportLintSettings {
  enable: boolean;
  include: string[];
  run: 'onType' | 'onSave';
  maxFileSizeMB: number;
}

const DEFAULT_SETTINGS: ReportLintSettings = { enable: true, include: DEFAULT_INCLUDE, run: 'onType', maxFileSizeMB: 5 };
/** A check slower than this is logged: the budget is one keystroke's worth of patience. */
const TIME_BUDGET_MS = 500;
const PUSH_DEBOUNCE_MS = 150;
export const SOURCE = 'report-lint';
const KNOWN_RULES = RULES.map((r) => r.id);

/** Thrown by `check` when the request it serves was cancelled before the lint started. */
class CheckCancelled extends Error {
  constructor() {
    super('cancelled');
  }
}

interface CheckEntry {
  version: number;
  result?: LintResult;
  diagnostics: Diagnostic[];
  profile?: string;
  isReport: boolean;
  note?: string;
}

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  let pullDiagnostics = false;
  let hasConfigurationCapability = false;
  let locale: 'zh' | 'en' = 'en';
  let workspaceFolders: string[] = [];
  // An untrusted workspace's config may add plain strings only (no regular expressions).
  let trusted = true;
  const settingsCache = new Map<string, Promise<ReportLintSettings>>();
  const checks = new Map<string, CheckEntry>();
  const savedChecks = new Map<string, CheckEntry>();
  const toggles = new Map<string, boolean>();
  const configs = new Map<string, LoadedConfig>();
  const publishedConfigProblems = new Map<string, string>();
  const failedRules = new Set<string>();
  const pushTimers = new Map<string, NodeJS.Timeout>();
  // One linter per open document: it reuses what an edit did not change.
  const linters = new Map<string, Linter>();

  const log = (message: string) => connection.console.log(`[${new Date().toISOString().slice(11, 23)}] ${message}`);

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const caps = params.capabilities;
    pullDiagnostics = !!caps.textDocument?.diagnostic;
    hasConfigurationCapability = !!caps.workspace?.configuration;
    const init = (params.initializationOptions ?? {}) as { locale?: string; trusted?: boolean; ruleLinks?: string };
    clientAddsRuleLinks = init.ruleLinks === 'client';
    resolvesCodeActionEdits = !!caps.textDocument?.codeAction?.resolveSupport?.properties.includes('edit');
    trusted = init.trusted !== false;
    locale = /^zh/i.test(init.locale ?? params.locale ?? '') ? 'zh' : 'en';
    workspaceFolders = (params.workspaceFolders ?? []).map((f) => URI.parse(f.uri).fsPath);
    if (workspaceFolders.length === 0 && params.rootUri) workspaceFolders = [URI.parse(params.rootUri).fsPath];
    log(`report-lint server started (pid ${process.pid}); diagnostics: ${pullDiagnostics ? 'pull' : 'push'}; messages: ${locale}`);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        diagnosticProvider: pullDiagnostics ? { interFileDependencies: false, workspaceDiagnostics: false } : undefined,
        // A pull that answers with the changes to the client's list (diagnosticDelta.ts).
        experimental: pullDiagnostics ? { [DELTA_CAPABILITY]: true } : undefined,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll, FIX_ALL_KIND], resolveProvider: resolvesCodeActionEdits },
        completionProvider: { triggerCharacters: ['；', ';', '、', '）', '（', '('] },
        documentSymbolProvider: { label: 'report-lint' },
        foldingRangeProvider: true,
        hoverProvider: true,
        codeLensProvider: { resolveProvider: false },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'report-lint' },
    };
  });

  connection.onInitialized(() => {
    if (hasConfigurationCapability) {
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        workspaceFolders = workspaceFolders.filter((f) => !e.removed.some((r) => URI.parse(r.uri).fsPath === f));
        workspaceFolders.push(...e.added.map((a) => URI.parse(a.uri).fsPath));
      });
    }
  });

  function getSettings(uri: string): Promise<ReportLintSettings> {
    if (!hasConfigurationCapability) return Promise.resolve(DEFAULT_SETTINGS);
    let s = settingsCache.get(uri);
    if (!s) {
      s = connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'reportLint' })
        .then((raw: Partial<ReportLintSettings> | null) => ({ ...DEFAULT_SETTINGS, ...(raw ?? {}) }))
        .catch(() => DEFAULT_SETTINGS);
      settingsCache.set(uri, s);
    }
    return s;
  }

  function filePathOf(uri: string): string | undefined {
    try {
      const u = URI.parse(uri);
      return u.scheme === 'file' ? u.fsPath : undefined;
    } catch {
      return undefined;
    }
  }

  function workspaceRootFor(file: string): string | undefined {
    return workspaceFolders.filter((f) => file === f || file.startsWith(f + path.sep)).sort((a, b) => b.length - a.length)[0];
  }

  function configFor(uri: string): LoadedConfig | undefined {
    const file = filePathOf(uri);
    if (!file) return undefined;
    const cfgFile = findConfigFile(path.dirname(file), workspaceRootFor(file));
    if (!cfgFile) return undefined;
    let loaded = configs.get(cfgFile);
    if (!loaded) {
      loaded = loadConfigFile(cfgFile, { trusted, knownRules: KNOWN_RULES });
      configs.set(cfgFile, loaded);
      log(`config ${cfgFile}: ${loaded.problems.length} problem(s)`);
    }
    publishConfigProblems(loaded);
    return loaded;
  }

  function publishConfigProblems(loaded: LoadedConfig): void {
    if (!loaded.file) return;
    const uri = URI.file(loaded.file).toString();
    const signature = JSON.stringify(loaded.problems);
    if (publishedConfigProblems.get(uri) === signature) return;
    publishedConfigProblems.set(uri, signature);
    const lines = new LineIndex(loaded.text ?? '');
    const diagnostics: Diagnostic[] = loaded.problems.map((p) => ({
      range: { start: lines.positionAt(p.start), end: lines.positionAt(p.end) },
      severity: toLspSeverity(p.severity),
      source: SOURCE,
      code: 'config',
      message: locale === 'zh' ? `配置错误：${p.message}（已改用默认设置）` : `${p.message} (defaults are used meanwhile)`,
    }));
    void connection.sendDiagnostics({ uri, diagnostics });
  }

  function isReportDocument(doc: TextDocument, settings: ReportLintSettings, hasConfig: boolean): boolean {
    const toggled = toggles.get(doc.uri);
    if (toggled !== undefined) return toggled;
    if (doc.languageId === 'report') return true;
    if (doc.languageId !== 'markdown' && doc.languageId !== 'plaintext') return false;
    const name = filePathOf(doc.uri) ?? URI.parse(doc.uri).path;
    return decideReport(name, doc.getText(), { include: settings.include, hasConfig }).isReport;
  }

  /**
   * Set by the client (`initializationOptions.ruleLinks: 'client'`) when it adds each finding's
   * source and rule-page link itself: the server then leaves them out of the diagnostics, which on
   * a large report are a third of every answer. Other clients get them from the server.
   */
  let clientAddsRuleLinks = false;
  // The client resolves a code action's edit on demand (LSP 3.16 codeAction/resolve): the fix-all
  // action is then sent without its edits, which are made only when the user picks it.
  let resolvesCodeActionEdits = false;
  const docsLinks = new Map<string, string>();
  function docsLink(rule: string): string {
    let href = docsLinks.get(rule);
    if (href === undefined) {
      href = pathToFileURL(path.join(__dirname, '..', 'docs', 'rules', `${rule}.md`)).href;
      docsLinks.set(rule, href);
    }
    return href;
  }

  function toDiagnostic(doc: TextDocument, f: Finding): Diagnostic {
    const range = { start: doc.positionAt(f.start), end: doc.positionAt(f.end) };
    // Our VS Code client adds the source and the rule page itself (see client/src/lsp.ts).
    if (clientAddsRuleLinks) return { range, severity: toLspSeverity(f.severity), code: f.rule, message: f.message[locale] };
    return { range, severity: toLspSeverity(f.severity), source: SOURCE, code: f.rule, codeDescription: { href: docsLink(f.rule) }, message: f.message[locale] };
  }

  /**
   * The diagnostics of a check, reusing those of the previous check of the document for findings
   * that are the same objects at the same line and column. The engine reuses a finding of a block
   * the edit did not touch, moved in place when text before it changed, so most keep their
   * diagnostic: an edit moves the findings after it in offsets, rarely in lines and columns.
   */
  const lastDiagnostics = new Map<string, { findings: Finding[]; diagnostics: Diagnostic[] }>();
  function diagnosticsOf(doc: TextDocument, result: LintResult): Diagnostic[] {
    const previous = lastDiagnostics.get(doc.uri);
    const findings = result.findings;
    const lines = result.model.lines;
    const at = (p: Position, offset: number) => {
      const line = lines.lineAt(offset);
      return p.line === line && p.character === offset - lines.lineStarts[line];
    };
    // Reused findings come in the same order as before (both lists are sorted by offset and the
    // engine moves a block's findings together): walk the two lists side by side, looking a few
    // places ahead past findings that are gone; a map is built only if that loses the thread.
    const before = previous?.findings ?? [];
    const old = previous?.diagnostics ?? [];
    let byFinding: Map<Finding, number> | undefined;
    let j = 0;
    const out = new Array<Diagnostic>(findings.length);
    for (let i = 0; i < findings.length; i++) {
      const f = findings[i];
      let k = -1;
      for (let n = j; n < before.length && n < j + 16; n++) {
        if (before[n] === f) {
          k = n;
          break;
        }
      }
      if (k < 0 && before.length > j + 16) {
        if (!byFinding) {
          byFinding = new Map();
          for (let n = 0; n < before.length; n++) byFinding.set(before[n], n);
        }
        k = byFinding.get(f) ?? -1;
      }
      let d: Diagnostic | undefined;
      if (k >= 0) {
        j = k + 1;
        d = old[k];
        if (!at(d.range.start, f.start) || !at(d.range.end, f.end)) d = undefined;
      }
      out[i] = d ?? toDiagnostic(doc, f);
    }
    lastDiagnostics.set(doc.uri, { findings, diagnostics: out });
    return out;
  }

  /** Whether two lists of diagnostics are the same, item by item (by identity first). */
  function sameDiagnostics(a: Diagnostic[], b: Diagnostic[]): boolean {
    if (a === b) return true;
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameMoved(a[i], b[i], 0)) return false;
    return true;
  }

  /**
   * Checks a document once per version; later requests for the same version reuse the result.
   * With a token: throws CheckCancelled when the request was cancelled before the lint starts
   * (the lint itself is synchronous and runs to its end once started).
   */
  async function check(doc: TextDocument, token?: CancellationToken): Promise<CheckEntry> {
    const cached = checks.get(doc.uri);
    if (cached && cached.version === doc.version) return cached;
    if (token?.isCancellationRequested) throw new CheckCancelled();
    const settings = await getSettings(doc.uri);
    // The cancellation may have arrived while the settings were fetched.
    if (token?.isCancellationRequested) throw new CheckCancelled();
    // Requests that arrive together (at opening: the pull, symbols, folding, code lens; while
    // typing: the pull and a completion) all wait for the settings: the first to resume checks,
    // the others find its result here.
    const done = checks.get(doc.uri);
    if (done && done.version === doc.version) return done;
    // A newer version arrived while settings were fetched: check that one instead.
    const current = documents.get(doc.uri);
    if (current && current.version !== doc.version) return check(current, token);
    const entry = computeCheck(doc, settings);
    checks.set(doc.uri, entry);
    sendStatus(doc.uri, entry);
    return entry;
  }

  function computeCheck(doc: TextDocument, settings: ReportLintSettings): CheckEntry {
    const version = doc.version;
    if (!settings.enable) return { version, diagnostics: [], isReport: false };
    let loaded: LoadedConfig | undefined;
    try {
      loaded = configFor(doc.uri);
    } catch (e) {
      log(`config lookup failed for ${doc.uri}: ${(e as Error).message}`);
    }
    if (!isReportDocument(doc, settings, !!loaded?.file)) return { version, diagnostics: [], isReport: false };
    const text = doc.getText();
    const limit = settings.maxFileSizeMB * 1024 * 1024;
    if (text.length * 3 > limit && Buffer.byteLength(text, 'utf8') > limit) {
      const note = locale === 'zh'
        ? `文件超过 ${settings.maxFileSizeMB} MB，未检查（可在设置 reportLint.maxFileSizeMB 中调整）。`
        : `File larger than ${settings.maxFileSizeMB} MB: not checked (see the setting reportLint.maxFileSizeMB).`;
      return { version, isReport: true, note, diagnostics: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: DiagnosticSeverity.Information, source: SOURCE, code: 'file-too-large', message: note }] };
    }
    if (text.slice(0, 8192).includes('\u0000')) return { version, diagnostics: [], isReport: false, note: 'binary' };
    const started = Date.now();
    let result: LintResult;
    try {
      let linter = linters.get(doc.uri);
      if (!linter) linters.set(doc.uri, (linter = createLinter()));
      const format = doc.languageId === 'markdown' || formatOf(URI.parse(doc.uri).path) === 'markdown' ? 'markdown' : 'plain';
      result = linter.lint(text, { format, config: loaded?.config as ResolvedConfig | undefined });
    } catch (e) {
      linters.delete(doc.uri);
      log(`check failed for ${doc.uri}: ${(e as Error).stack ?? e}`);
      return { version, diagnostics: [], isReport: true, note: 'failed' };
    }
    const elapsed = Date.now() - started;
    if (elapsed > TIME_BUDGET_MS) log(`warning: checking ${doc.uri} took ${elapsed} ms (budget ${TIME_BUDGET_MS} ms)`);
    for (const failure of result.failures) {
      if (failedRules.has(failure.rule)) continue;
      failedRules.add(failure.rule);
      log(`rule ${failure.rule} failed and was skipped: ${failure.error}`);
    }
    return { version, result, diagnostics: diagnosticsOf(doc, result), profile: result.profile?.id, isReport: true };
  }

  function sendStatus(uri: string, entry: CheckEntry): void {
    const counts = { error: 0, warning: 0, info: 0, hint: 0 };
    for (const f of entry.result?.findings ?? []) counts[f.severity]++;
    void connection.sendNotification('reportLint/status', { uri, checked: entry.isReport, profile: entry.profile ?? null, counts, note: entry.note ?? null });
  }

  async function diagnosticsFor(doc: TextDocument, token?: CancellationToken): Promise<Diagnostic[]> {
    const settings = await getSettings(doc.uri);
    if (settings.run === 'onSave') {
      const saved = savedChecks.get(doc.uri);
      if (saved) return saved.diagnostics;
      const entry = await check(doc, token);
      savedChecks.set(doc.uri, entry);
      return entry.diagnostics;
    }
    return (await check(doc, token)).diagnostics;
  }

  /** LSP 3.17: a pull the server gave up on answers ServerCancelled; the client asks again. */
  const diagnosticsCancelled = () => new ResponseError<DiagnosticServerCancellationData>(LSPErrorCodes.ServerCancelled, 'cancelled', { retriggerRequest: true });

  /**
   * LSP 3.17 result ids: a pull whose answer is the list the client already has (most keystrokes
   * leave every diagnostic where it was) is answered "unchanged", so nothing is sent, converted or
   * drawn again. Reused findings keep their diagnostic objects (diagnosticsOf), so the comparison
   * is mostly by identity; the rest, the few diagnostics of the edited block, by content.
   */
  const reported = new Map<string, { resultId: string; diagnostics: Diagnostic[] }>();
  // Result ids name this server process too: a client that kept a list across a restart of the
  // server never has it taken for one the new process gave.
  const resultIdPrefix = `${process.pid.toString(36)}.${Date.now().toString(36)}.`;
  let lastResultId = 0;
  /**
   * With `deltas` (our VS Code client's DELTA_METHOD, see diagnosticDelta.ts), a list that changed
   * is answered with the steps from the one the client has, when they are smaller than the list.
   */
  function reportOf(uri: string, diagnostics: Diagnostic[], previousResultId: string | undefined, deltas = false): DocumentDiagnosticReport | DeltaReport {
    const last = reported.get(uri);
    const base = last && last.resultId === previousResultId ? last : undefined;
    if (base && sameDiagnostics(base.diagnostics, diagnostics)) {
      base.diagnostics = diagnostics; // the newer objects: the next check reuses these
      return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: base.resultId };
    }
    const resultId = resultIdPrefix + ++lastResultId;
    reported.set(uri, { resultId, diagnostics });
    const ops = deltas && base ? diagnosticDelta(base.diagnostics, diagnostics) : undefined;
    return ops ? { kind: 'delta', resultId, ops } : { kind: DocumentDiagnosticReportKind.Full, resultId, items: diagnostics };
  }

  async function pullReport(uri: string, previousResultId: string | undefined, token: CancellationToken, deltas: boolean) {
    if (token.isCancellationRequested) return diagnosticsCancelled();
    const doc = documents.get(uri);
    if (!doc) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    try {
      return reportOf(doc.uri, await diagnosticsFor(doc, token), previousResultId, deltas);
    } catch (e) {
      if (e instanceof CheckCancelled) return diagnosticsCancelled();
      log(`diagnostics failed for ${doc.uri}: ${(e as Error).stack ?? e}`);
      return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    }
  }
  connection.languages.diagnostics.on((params, token) => pullReport(params.textDocument.uri, params.previousResultId, token, false) as Promise<DocumentDiagnosticReport>);
  connection.onRequest(DELTA_METHOD, (params: DeltaParams, token) => pullReport(params.textDocument.uri, params.previousResultId, token, true));

  function schedulePush(doc: TextDocument, immediate = false): void {
    if (pullDiagnostics) return;
    clearTimeout(pushTimers.get(doc.uri));
    const run = async () => {
      pushTimers.delete(doc.uri);
      const current = documents.get(doc.uri);
      if (!current) return;
      try {
        const diagnostics = await diagnosticsFor(current);
        // Publish only if no newer version arrived meanwhile.
        if (documents.get(doc.uri)?.version === current.version) {
          void connection.sendDiagnostics({ uri: current.uri, version: current.version, diagnostics });
        }
      } catch (e) {
        log(`push diagnostics failed for ${doc.uri}: ${(e as Error).stack ?? e}`);
      }
    };
    if (immediate) void run();
    else pushTimers.set(doc.uri, setTimeout(run, PUSH_DEBOUNCE_MS));
  }

  function refreshAll(): void {
    checks.clear();
    savedChecks.clear();
    if (pullDiagnostics) void connection.languages.diagnostics.refresh();
    else for (const d of documents.all()) schedulePush(d, true);
  }

  documents.onDidOpen((e) => schedulePush(e.document, true));
  documents.onDidChangeContent((e) => schedulePush(e.document));
  documents.onDidSave(async (e) => {
    const settings = await getSettings(e.document.uri);
    if (settings.run !== 'onSave') return;
    savedChecks.set(e.document.uri, await check(e.document));
    if (pullDiagnostics) void connection.languages.diagnostics.refresh();
    else schedulePush(e.document, true);
  });
  documents.onDidClose((e) => {
    checks.delete(e.document.uri);
    linters.delete(e.document.uri);
    lastDiagnostics.delete(e.document.uri);
    reported.delete(e.document.uri);
    savedChecks.delete(e.document.uri);
    clearTimeout(pushTimers.get(e.document.uri));
    settingsCache.delete(e.document.uri);
    if (!pullDiagnostics) void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onDidChangeConfiguration(() => {
    settingsCache.clear();
    refreshAll();
  });

  connection.onDidChangeWatchedFiles((params) => {
    let changed = false;
    for (const c of params.changes) {
      const file = filePathOf(c.uri);
      if (!file || path.basename(file) !== CONFIG_FILE_NAME) continue;
      configs.delete(file);
      changed = true;
      if (c.type === FileChangeType.Deleted) {
        publishedConfigProblems.delete(c.uri);
        void connection.sendDiagnostics({ uri: c.uri, diagnostics: [] });
      } else {
        // Re-read now so that its problems show even when no report is open below it.
        publishConfigProblems(loadConfigFileCached(file));
      }
    }
    if (changed) {
      log('configuration file changed: re-checking open reports');
      refreshAll();
    }
  });

  function loadConfigFileCached(file: string): LoadedConfig {
    const loaded = loadConfigFile(file, { trusted, knownRules: KNOWN_RULES });
    configs.set(file, loaded);
    return loaded;
  }

  connection.onNotification('reportLint/trust', (params: { trusted: boolean }) => {
    if (params.trusted === trusted) return;
    trusted = params.trusted;
    log(`workspace trust: ${trusted ? 'trusted' : 'untrusted'}; re-reading configuration`);
    configs.clear();
    refreshAll();
  });

  connection.onRequest('reportLint/toggle', async (params: { uri: string }) => {
    const doc = documents.get(params.uri);
    const entry = doc ? await check(doc) : undefined;
    const next = !(entry?.isReport ?? false);
    toggles.set(params.uri, next);
    log(`checking ${next ? 'enabled' : 'disabled'} for ${params.uri}`);
    checks.delete(params.uri);
    savedChecks.delete(params.uri);
    if (doc) {
      if (pullDiagnostics) void connection.languages.diagnostics.refresh();
      else schedulePush(doc, true);
      if (pullDiagnostics) await check(doc);
    }
    return { checked: next };
  });

  connection.onRequest('reportLint/status', async (params: { uri: string }) => {
    const doc = documents.get(params.uri);
    if (!doc) return null;
    const entry = await check(doc);
    sendStatus(doc.uri, entry);
    return { checked: entry.isReport, profile: entry.profile ?? null };
  });

  connection.onCodeAction(async (params, token) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc || token.isCancellationRequested) return [];
    try {
      const entry = await check(doc, token);
      if (!entry.result || token.isCancellationRequested) return [];
      return codeActionsFor(doc, entry.result, doc.offsetAt(params.range.start), doc.offsetAt(params.range.end), params.context.only);
    } catch (e) {
      if (e instanceof CheckCancelled) return [];
      log(`code actions failed for ${doc.uri}: ${(e as Error).stack ?? e}`);
      return [];
    }
  });

  function codeActionsFor(doc: TextDocument, result: LintResult, start: number, end: number, only?: string[]): CodeAction[] {
    const actions: CodeAction[] = [];
    const wantsFixAll = !only || only.some((k) => k === CodeActionKind.Source || k.startsWith(CodeActionKind.SourceFixAll));
    const wantsQuickFix = !only || only.some((k) => k === CodeActionKind.QuickFix || k === 'quickfix');
    const edit = (fix: Fix) => ({ changes: { [doc.uri]: fix.edits.map((e) => toLspEdit(doc, e)) } });
    if (wantsQuickFix) {
      const eol = doc.getText().includes('\r\n') ? '\r\n' : '\n';
      const seenFileDisable = new Set<string>();
      for (const f of result.findings) {
        if (f.end < start || f.start > end) continue;
        const diagnostic = toDiagnostic(doc, f);
        const extra: Fix[] = [];
        try {
          if (f.rule === 'placeholder') extra.push(...placeholderFixes(result.model, f, configFor(doc.uri)?.config ?? defaultConfig()));
          if (f.rule === 'heading-numbering') {
            const renumber = renumberFix(result.model, f);
            if (renumber) extra.push(renumber);
          }
        } catch (e) {
          log(`writing-help fixes failed: ${(e as Error).message}`);
        }
        [...(f.fixes ?? []), ...extra].forEach((fix, i) => {
          actions.push({ title: fix.title[locale], kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: i === 0, edit: edit(fix) });
        });
        const lineStart = doc.offsetAt({ line: diagnostic.range.start.line, character: 0 });
        const indent = /^[ \t\u3000]*/.exec(doc.getText().slice(lineStart, lineStart + 40))?.[0] ?? '';
        actions.push({
          title: locale === 'zh' ? `在此行停用 ${f.rule} 规则` : `Disable ${f.rule} for this line`,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          edit: { changes: { [doc.uri]: [{ range: { start: doc.positionAt(lineStart), end: doc.positionAt(lineStart) }, newText: `${indent}<!-- report-lint-disable-next-line ${f.rule} -->${eol}` }] } },
        });
        if (!seenFileDisable.has(f.rule)) {
          seenFileDisable.add(f.rule);
          actions.push({
            title: locale === 'zh' ? `在本文件停用 ${f.rule} 规则` : `Disable ${f.rule} for this file`,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            edit: { changes: { [doc.uri]: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: `<!-- report-lint-disable ${f.rule} -->${eol}` }] } },
          });
        }
      }
    }
    if (wantsFixAll) {
      const title = locale === 'zh' ? '修复所有可自动修复的问题（report-lint）' : 'Fix all auto-fixable problems (report-lint)';
      if (resolvesCodeActionEdits) {
        // VS Code asks for the actions at the cursor whenever typing pauses (its light bulb): the
        // edits of every safe fix in the report (40 KB of JSON on a 1 MB report) are made on resolve.
        if (hasSafeFix(result.findings)) actions.push({ title, kind: FIX_ALL_KIND, data: { uri: doc.uri } });
      } else {
        const edit = fixAllEdit(doc, result);
        if (edit.changes?.[doc.uri].length) actions.push({ title, kind: FIX_ALL_KIND, edit });
      }
    }
    return actions;
  }

  function fixAllEdit(doc: TextDocument, result: LintResult): WorkspaceEdit {
    return { changes: { [doc.uri]: safeFixEdits(result.findings).map((e) => toLspEdit(doc, e)) } };
  }

  connection.onCodeActionResolve(async (action) => {
    const uri = (action.data as { uri?: unknown } | undefined)?.uri;
    if (action.kind !== FIX_ALL_KIND || action.edit || typeof uri !== 'string') return action;
    try {
      // The report as it is now: the user may have typed since the action was offered.
      const r = await reportResult(uri);
      if (r) action.edit = fixAllEdit(r.doc, r.result);
    } catch (e) {
      log(`fix-all failed for ${uri}: ${(e as Error).stack ?? e}`);
    }
    return action;
  });

  /**
   * The latest check of a document that is a report, or undefined (also when the request was
   * cancelled). `afterPulls`: for what the editor asks for beside the diagnostics (symbols,
   * folding, code lens), answered only once the diagnostics pulls waiting on the same check have
   * been: on opening a large report the squiggles then come first, not after the outline.
   */
  async function reportResult(uri: string, token?: CancellationToken, afterPulls = false): Promise<{ doc: TextDocument; result: LintResult } | undefined> {
    const doc = documents.get(uri);
    if (!doc || token?.isCancellationRequested) return undefined;
    let entry: CheckEntry;
    try {
      entry = await check(doc, token);
    } catch (e) {
      if (e instanceof CheckCancelled) return undefined;
      throw e;
    }
    // The pulls resume on promises already settled; this resumes after them, on the next turn.
    if (afterPulls) await new Promise((resolve) => setImmediate(resolve));
    if (token?.isCancellationRequested) return undefined;
    return entry.result ? { doc, result: entry.result } : undefined;
  }

  connection.onCompletion(async (params, token) => {
    try {
      const r = await reportResult(params.textDocument.uri, token);
      if (!r) return [];
      const offset = r.doc.offsetAt(params.position);
      // Completions read the text as it is now, up to the cursor.
      return completionsAt(r.result.model, offset, r.result.profile, r.result.sections).map((c) => ({
        label: c.label,
        kind: c.kind === 'section' ? CompletionItemKind.Module : c.kind === 'marker' ? CompletionItemKind.EnumMember : CompletionItemKind.Keyword,
        detail: c.detail,
        sortText: c.sortText,
        filterText: r.doc.getText().slice(c.start, offset) + c.label,
        insertTextFormat: InsertTextFormat.PlainText,
        textEdit: { range: { start: r.doc.positionAt(c.start), end: r.doc.positionAt(c.end) }, newText: c.insertText },
      }));
    } catch (e) {
      log(`completion failed: ${(e as Error).stack ?? e}`);
      return [];
    }
  });

  connection.onDocumentSymbol(async (params, token) => {
    try {
      const r = await reportResult(params.textDocument.uri, token, true);
      if (!r) return [];
      const convert = (s: OutlineSymbol): DocumentSymbol => ({
        name: s.name || '—',
        detail: s.detail,
        kind: s.kind === 'title' ? SymbolKind.File : s.kind === 'section' ? SymbolKind.Namespace : SymbolKind.String,
        range: { start: r.doc.positionAt(s.start), end: r.doc.positionAt(s.end) },
        selectionRange: { start: r.doc.positionAt(s.selectionStart), end: r.doc.positionAt(s.selectionEnd) },
        children: s.children.map(convert),
      });
      return reportOutline(r.result.model, r.result.sections, locale).symbols.map(convert);
    } catch (e) {
      log(`document symbols failed: ${(e as Error).stack ?? e}`);
      return [];
    }
  });

  connection.onFoldingRanges(async (params, token) => {
    try {
      const r = await reportResult(params.textDocument.uri, token, true);
      // The outline in the UI language (as the other two requests ask): its ranges are the same in any.
      return r ? reportOutline(r.result.model, r.result.sections, locale).folding : [];
    } catch (e) {
      log(`folding ranges failed: ${(e as Error).stack ?? e}`);
      return [];
    }
  });

  connection.onCodeLens(async (params, token) => {
    try {
      const r = await reportResult(params.textDocument.uri, token, true);
      if (!r) return [];
      const counts = reportOutline(r.result.model, r.result.sections, locale).counts;
      const lens = (offset: number, title: string) => ({ range: { start: r.doc.positionAt(offset), end: r.doc.positionAt(offset) }, command: { title, command: '' } });
      const out = [];
      const anchor = r.result.model.title?.start ?? 0;
      out.push(lens(anchor, locale === 'zh' ? `全文 ${counts.total} 字` : `${counts.total} characters in all`));
      for (const sec of counts.sections) out.push(lens(sec.anchor, locale === 'zh' ? `${sec.name}：${sec.count} 字` : `${sec.name}: ${sec.count} characters`));
      return out;
    } catch (e) {
      log(`code lens failed: ${(e as Error).stack ?? e}`);
      return [];
    }
  });

  connection.onHover(async (params, token) => {
    try {
      const r = await reportResult(params.textDocument.uri, token);
      if (!r) return null;
      const h = figureHover(r.result.model, r.doc.offsetAt(params.position), locale);
      return h ? { contents: { kind: 'markdown' as const, value: h.markdown } } : null;
    } catch (e) {
      log(`hover failed: ${(e as Error).stack ?? e}`);
      return null;
    }
  });

  connection.onRequest('reportLint/figures', async (params: { uri: string }) => {
    const r = await reportResult(params.uri);
    if (!r) return null;
    const data = figuresAsData(r.result.model);
    return { ...data, figures: data.figures.map((f) => ({ ...f, range: { start: r.doc.positionAt(f.start), end: r.doc.positionAt(f.end) } })) };
  });

  connection.onRequest('reportLint/fillPlaceholders', async (params: { uri: string }) => {
    const r = await reportResult(params.uri);
    if (!r) return { edits: [] };
    const config = configFor(params.uri)?.config ?? defaultConfig();
    const edits = fillAllPlaceholders(r.result.model, config, r.result.findings);
    return { version: r.doc.version, edits: edits.map((e) => toLspEdit(r.doc, e)) };
  });

  const renderHost: RenderHost = {
    getDocument: (uri) => documents.get(uri),
    check: (doc) => check(documents.get(doc.uri) ?? (doc as TextDocument)),
    get locale() {
      return locale;
    },
  };
  connection.onRequest(RENDER_HTML_REQUEST, (params) => handleRenderRequest(params, renderHost));
  connection.onRequest(EXPORT_REQUEST, (params) => handleExportRequest(params, renderHost));

  documents.listen(connection);
  connection.listen();
}

function toLspEdit(doc: TextDocument, e: { start: number; end: number; newText: string }): LspTextEdit {
  return { range: { start: doc.positionAt(e.start), end: doc.positionAt(e.end) }, newText: e.newText };
}

export function toLspSeverity(s: Severity): DiagnosticSeverity {
  return s === 'error' ? DiagnosticSeverity.Error : s === 'warning' ? DiagnosticSeverity.Warning : s === 'info' ? DiagnosticSeverity.Information : DiagnosticSeverity.Hint;
}

if (require.main === module) {
  startServer(createConnection(ProposedFeatures.all));
}
