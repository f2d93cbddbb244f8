// Issue 8, measured where a user meets it: activation of the extension, and keystroke → updated
// diagnostics for a 1 MB report in the real editor. Benchmarks assert no time: the numbers are
// logged and written to a JSON file (REPORT_LINT_E2E_OUT, set by test/e2e/run-integration.mjs to
// test/e2e/out/; integration-perf.json). What is asserted: the diagnostics really update after each
// edit, with the right rule on the right line and nothing else changed.
//
// Debounce: none on this path. The client pulls diagnostics (LSP 3.17 `textDocument/diagnostic`)
// right after each didChange (vscode-languageclient, diagnosticPullOptions.onChange); the server's
// 150 ms debounce applies only to clients that cannot pull (pushed diagnostics). So the target
// "≤ debounce + 50 ms" is ≤ 50 ms here.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vm from 'vm';
import * as vscode from 'vscode';
import { EXTENSION_ID, FIRST_WAIT_MS, WAIT_MS, askBridge, bridgeDir, fixture, linesOf, ours, ruleOf, waitForDiagnostics } from './helpers';
// The bench's PRNG (mulberry32), bundled into this suite by esbuild: the report is the same at every run.
import { prng } from '../../bench/lib/inputs.mjs';

const PERF_REPORT = 'perf-1mb.report.txt';
const CONTROL_REPORT = 'perf-1mb-control.report.txt';
const TARGET_BYTES = 1024 * 1024;
const EDITS = 20; // 10 insertions of 、 next to a 、 (a doubled mark appears), each undone by a deletion
const MARKER = '本季度报送材料、报表和简报，均按时完成。';

interface ApiTimings {
  evaluateMs: number;
  hostGapMs: number;
  activateMs: number;
  serverReadyMs: number | undefined;
  clientLoadMs?: number;
}
interface PullTiming {
  uri: string;
  version: number;
  start: number;
  answered: number;
  answer?: 'full' | 'unchanged' | 'delta';
}
interface Api {
  timings?: () => ApiTimings;
  activationMs?: () => number;
  ready?: () => Promise<void>;
  pulls?: () => readonly PullTiming[];
}
/** One keystroke typed by the launcher, timed in the page (epoch ms; see typeAndTime in run-integration.mjs). */
interface TypedKey {
  edit: 'insert' | 'delete';
  input: number;
  echo: number;
  drawn: number;
}

const CN = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/**
 * About `bytes` UTF-8 bytes of a work summary written here: a title, an opening, then many numbered
 * parts (一、…十、 under 第N部分 chapters), each with figures and now and then an XX placeholder;
 * MARKER once in the middle. Lines never hold 、、 (the edit below makes one).
 */
function generateReport(bytes: number, placeholderRate = 0.2): { text: string; markerLine: number } {
  const rnd = prng(8);
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  const units = ['城关镇', '河西街道', '东湖社区', '县教育局', '县卫健局', '农业农村局', '交通运输局'];
  const works = ['基层治理', '安全生产', '营商环境', '乡村振兴', '民生保障', '生态环境', '项目建设', '文化服务'];
  const verbs = ['扎实推进', '持续深化', '全面落实', '稳步推进', '着力加强'];
  const lines: string[] = ['2024年度综合工作总结', '', '2024年，在上级党委政府的坚强领导下，各单位认真贯彻落实各项决策部署，现将有关情况总结如下：', ''];
  let size = 0;
  let markerLine = -1;
  let chapter = 0;
  while (size < bytes) {
    chapter++;
    lines.push(`第${chapter}部分　${pick(units)}工作情况`, '');
    for (let h = 0; h < CN.length && size < bytes; h++) {
      const work = pick(works);
      lines.push(`${CN[h]}、${verbs[h % verbs.length]}${work}`, '');
      for (let p = 0; p < 3; p++) {
        const n = 10 + Math.floor(rnd() * 990);
        const pct = (rnd() * 30).toFixed(1);
        const unit = pick(units);
        const placeholder = rnd() < placeholderRate ? '，具体由XX负责' : '';
        lines.push(`${unit}围绕${work}目标，全年共组织专项行动${n}次，覆盖群众${n * 12}人次，同比增长${pct}%${placeholder}。` +
          `针对检查中发现的问题，逐项建立台账，明确责任单位和完成时限，做到件件有着落、事事有回音。`, '');
      }
      size = lines.reduce((s, l) => s + Buffer.byteLength(l, 'utf8') + 1, 0);
      if (markerLine < 0 && size >= bytes / 2) {
        lines.push(MARKER, '');
        markerLine = lines.length - 2;
      }
    }
  }
  return { text: lines.join('\n'), markerLine };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function outDir(ext: vscode.Extension<unknown>): string {
  const candidates = [process.env.REPORT_LINT_E2E_OUT, path.join(ext.extensionPath, 'test', 'e2e', 'out'), path.join(os.tmpdir(), 'report-lint-e2e-out')];
  for (const d of candidates) {
    if (!d) continue;
    try {
      fs.mkdirSync(d, { recursive: true });
      fs.accessSync(d, fs.constants.W_OK);
      return d;
    } catch {
      // try the next one
    }
  }
  return os.tmpdir();
}

/** Merges `part` into integration-perf.json (each test writes its own half). */
function record(ext: vscode.Extension<unknown>, part: object): string {
  const file = path.join(outDir(ext), 'integration-perf.json');
  let prev: object = {};
  try {
    prev = JSON.parse(fs.readFileSync(file, 'utf8'));
    if ((prev as { runId?: string }).runId !== RUN_ID) prev = {};
  } catch {
    prev = {};
  }
  fs.writeFileSync(file, JSON.stringify({ ...prev, runId: RUN_ID, date: new Date().toISOString(), vscode: vscode.version, node: process.version, cpus: os.cpus().length, loadavg: os.loadavg().map((x) => +x.toFixed(2)), ...part }, null, 2) + '\n');
  return file;
}
const RUN_ID = `${process.pid}-${Date.now()}`;

/**
 * Resolves with the time (performance.now()) of the first onDidChangeDiagnostics event for `uri`,
 * after this call, whose diagnostics satisfy `accept`; bounded. Unlike waitForDiagnostics it does
 * not accept the diagnostics already there: only a delivery that happens after the edit counts.
 */
function nextDiagnostics(uri: vscode.Uri, accept: (d: vscode.Diagnostic[]) => boolean, what: string, timeoutMs = WAIT_MS): Promise<{ at: number; diags: vscode.Diagnostic[] }> {
  return new Promise((resolve, reject) => {
    const key = uri.toString();
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      const at = performance.now();
      if (!e.uris.some((u) => u.toString() === key)) return;
      const diags = ours(uri);
      if (!accept(diags)) return;
      sub.dispose();
      clearTimeout(timer);
      resolve({ at, diags });
    });
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
    }, timeoutMs);
  });
}

/** The language server process (a child of this extension host running dist/server.js), or undefined off Linux. */
function serverPid(): number | undefined {
  if (process.platform !== 'linux' || !fs.existsSync('/proc/self/stat')) return undefined;
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const ppid = Number(fs.readFileSync(`/proc/${name}/stat`, 'utf8').split(') ')[1].split(' ')[1]);
      if (ppid !== process.pid) continue;
      if (fs.readFileSync(`/proc/${name}/cmdline`, 'utf8').includes('dist/server.js')) return Number(name);
    } catch {
      // the process ended while we looked
    }
  }
  return undefined;
}

/** CPU time (user + system, ms; clock ticks of 10 ms) a process has used, from /proc/PID/stat. */
function procCpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12])) * 10;
  } catch {
    return undefined;
  }
}

const countBy = (diags: vscode.Diagnostic[]) => {
  const m = new Map<string, number>();
  for (const d of diags) m.set(ruleOf(d), (m.get(ruleOf(d)) ?? 0) + 1);
  return [...m.entries()].sort().map(([r, n]) => `${r}:${n}`).join(' ');
};

/** Keystrokes typed in the page (see typeInPage), summarised. */
interface TypedResult {
  edits: number;
  answers: Record<string, number>;
  medianMs: number;
  p95Ms: number;
  minMs: number;
  maxMs: number;
  stagesMedianMs: Record<string, number | null>;
  keys: object[];
  measures: string;
}

/**
 * Types EDITS keystrokes into `doc` at `at` through the launcher's page (typeAndTime in
 * run-integration.mjs): 、 committed as an input method commits it, then Backspace, in turn. Each is
 * timed from its input event in the page to the frame whose DOM shows the squiggle added or removed,
 * and split into stages with the extension host's clock: VS Code telling the extension host of the
 * edit, and our client asking for and receiving the diagnostics (the extension's pulls()).
 */
async function typeInPage(api: Api, doc: vscode.TextDocument, editor: vscode.TextEditor, at: vscode.Position, uri: vscode.Uri,
  text: string, baseCount: number, markerLine: number): Promise<TypedResult> {
  editor.selection = new vscode.Selection(at, at);
  editor.revealRange(new vscode.Range(at, at), vscode.TextEditorRevealType.InCenter);
  await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
  const changes: { version: number; at: number }[] = [];
  const sub = vscode.workspace.onDidChangeTextDocument((e) => {
    if (e.document === doc && e.contentChanges.length > 0) changes.push({ version: doc.version, at: performance.timeOrigin + performance.now() });
  });
  let answer: { ok: boolean; error?: string; samples?: TypedKey[] };
  try {
    answer = await askBridge('keystrokes', { lineText: MARKER.slice(0, 7), char: '、', count: EDITS, timeoutMs: WAIT_MS }, EDITS * WAIT_MS);
  } finally {
    sub.dispose();
  }
  assert.ok(answer.ok && answer.samples, `typing in the workbench: ${answer.error ?? ''} ${JSON.stringify(answer).slice(0, 500)}`);
  assert.strictEqual(answer.samples.length, EDITS, 'every keystroke was timed');
  assert.strictEqual(doc.getText(), text, 'the typed keystrokes cancel out');
  await waitForDiagnostics(uri, (d) => d.length === baseCount && !linesOf(d, 'duplicate-punctuation').includes(markerLine), 'the findings as before the typing');
  const pulls = (api.pulls?.() ?? []).filter((p) => p.uri === uri.toString());
  const keys = answer.samples.map((k, i) => {
    // The edit the extension host heard of for this keystroke, and the pull of that version.
    const change = changes[i];
    const pull = change ? pulls.find((p) => p.version === change.version) : undefined;
    const ms = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined ? null : +(b - a).toFixed(1));
    return {
      edit: k.edit,
      answer: pull?.answer ?? null,
      ms: +(k.drawn - k.input).toFixed(1),
      echoMs: ms(k.input, k.echo),
      toHostMs: ms(k.input, change?.at),
      toPullMs: ms(change?.at, pull?.start),
      pullMs: ms(pull?.start, pull?.answered),
      toScreenMs: ms(pull?.answered, k.drawn),
    };
  });
  const med = (f: (k: (typeof keys)[number]) => number | null) => {
    const xs = keys.map(f).filter((x): x is number => x !== null).sort((a, b) => a - b);
    return xs.length ? +percentile(xs, 50).toFixed(1) : null;
  };
  const t = keys.map((k) => k.ms).sort((a, b) => a - b);
  const answers: Record<string, number> = {};
  for (const k of keys) answers[k.answer ?? 'no pull of this version'] = (answers[k.answer ?? 'no pull of this version'] ?? 0) + 1;
  // Each keystroke adds or removes a finding: our client's pull is answered with that change alone.
  assert.ok((answers.delta ?? 0) > 0, `the keystrokes' pulls were answered with diagnostics deltas: ${JSON.stringify(answers)}`);
  return {
    edits: keys.length,
    answers,
    medianMs: +percentile(t, 50).toFixed(1),
    p95Ms: +percentile(t, 95).toFixed(1),
    minMs: t[0],
    maxMs: t[t.length - 1],
    stagesMedianMs: {
      echo: med((k) => k.echoMs),
      toHost: med((k) => k.toHostMs),
      toPull: med((k) => k.toPullMs),
      pull: med((k) => k.pullMs),
      toScreen: med((k) => k.toScreenMs),
    },
    keys,
    measures: 'a keystroke typed into the workbench page (Chromium input events) until the frame whose DOM shows the squiggle added or removed. ' +
      'Stages (median each): echo = keystroke to the typed text drawn (the editor alone); toHost = keystroke to the extension host hearing of the edit; ' +
      'toPull = from there to our client asking the server for diagnostics; pull = the server\'s check, its answer over IPC and its conversion by the language client; ' +
      'toScreen = from the converted answer to the squiggle drawn (VS Code: the diagnostics collection, the workbench\'s markers and decorations, rendering)',
  };
}

export function perfSuite(): void {
  suite('performance as a user sees it (issue 8; timings logged, not asserted)', function () {
    let file: string | undefined;
    let controlFile: string | undefined;

    suiteTeardown(async () => {
      await vscode.commands.executeCommand('workbench.action.files.revert');
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      if (file) fs.rmSync(file, { force: true });
      if (controlFile) fs.rmSync(controlFile, { force: true });
    });

    test('extension activation: timings from inside the extension host', async () => {
      const ext = vscode.extensions.getExtension<Api>(EXTENSION_ID);
      assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
      const api = ext.isActive ? ext.exports : await ext.activate();
      assert.ok(api && typeof api.timings === 'function', 'the extension exports timings()');
      if (api.ready) await api.ready();
      const t = api.timings();
      assert.ok(t.activateMs >= 0 && t.evaluateMs >= 0 && t.hostGapMs >= 0, `plausible timings: ${JSON.stringify(t)}`);

      // What the timings above leave out: Node reading and compiling dist/client.js before its first
      // statement runs. Re-done here, 5 times (median): read + compile the same source (a unique
      // trailing comment keeps V8's in-memory compilation cache from answering), then evaluate it as
      // Node would (CommonJS wrapper, this host's require) without calling activate(): a second
      // measure of code loading + evaluation, taken when the host has settled (the first one ran
      // while the workbench was starting, competing for the CPU).
      const main = path.join(ext.extensionPath, (ext.packageJSON as { main: string }).main);
      const compile: number[] = [];
      const evaluate: number[] = [];
      for (let i = 0; i < 5; i++) {
        const t0 = performance.now();
        const src = fs.readFileSync(main, 'utf8').replace(/^#!.*/, '');
        const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${src}\n})//${RUN_ID}-${i}`, { filename: main });
        const t1 = performance.now();
        const fn = script.runInThisContext() as (e: object, r: NodeRequire, m: object, f: string, d: string) => void;
        const mod = { exports: {} };
        fn(mod.exports, require, mod, main, path.dirname(main));
        const t2 = performance.now();
        assert.strictEqual(typeof (mod.exports as { activate?: unknown }).activate, 'function', 'the re-evaluated bundle exports activate');
        compile.push(t1 - t0);
        evaluate.push(t2 - t1);
      }
      const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
      const codeLoadingEstimateMs = med(compile);
      const settledEvaluateMs = med(evaluate);
      const ours = codeLoadingEstimateMs + t.evaluateMs + t.activateMs;
      const activation = {
        bundleBytes: fs.statSync(main).size,
        activationMs: +ours.toFixed(2),
        codeLoadingEstimateMs: +codeLoadingEstimateMs.toFixed(2),
        evaluateMs: +t.evaluateMs.toFixed(2),
        activateMs: +t.activateMs.toFixed(2),
        settledActivationMs: +(codeLoadingEstimateMs + settledEvaluateMs + t.activateMs).toFixed(2),
        settledEvaluateMs: +settledEvaluateMs.toFixed(2),
        hostGapMs: +t.hostGapMs.toFixed(2),
        serverReadyMs: t.serverReadyMs === undefined ? null : +t.serverReadyMs.toFixed(1),
        clientLoadMs: t.clientLoadMs === undefined ? null : +t.clientLoadMs.toFixed(2),
        covers: 'activationMs = codeLoadingEstimateMs + evaluateMs + activateMs. codeLoadingEstimateMs: reading + compiling dist/client.js (re-done in the test: ' +
          'the original load cannot be timed from inside); evaluateMs: running the bundle at the real activation (vscode-languageclient and our modules); ' +
          'activateMs: activate() alone. settledActivationMs: the same with the evaluation re-done in the test (median of 5), once the workbench has settled. ' +
          'Left out: hostGapMs, VS Code\'s own work between loading the module and calling activate() (extension context); clientLoadMs, ' +
          'loading dist/lsp.js (vscode-languageclient) and making the client right after activate() has returned (the extension host\'s time, ' +
          'not activation\'s); and serverReadyMs, activate() start to the server answering initialize (activation does not wait for the server)',
      };
      const out = record(ext, { activation });
      console.log(`[perf] activation ≈ ${activation.activationMs} ms = code loading ≈ ${activation.codeLoadingEstimateMs} + evaluating ${activation.evaluateMs} ` +
        `+ activate() ${activation.activateMs} (host gap ${activation.hostGapMs} ms not counted); settled re-measure ≈ ${activation.settledActivationMs} ms ` +
        `(evaluating ${activation.settledEvaluateMs}); language client loaded after activation in ${activation.clientLoadMs} ms; ` +
        `server ready after ${activation.serverReadyMs} ms → ${out}`);
    });

    test('keystroke → updated diagnostics, 1 MB report, 20 one-character edits in the editor', async () => {
      const ext = vscode.extensions.getExtension<Api>(EXTENSION_ID)!;
      const { text, markerLine } = generateReport(TARGET_BYTES);
      assert.ok(markerLine > 0 && !text.includes('、、'), 'the generated report holds the marker line and no doubled 、');
      const uri = fixture(PERF_REPORT);
      file = uri.fsPath;
      fs.writeFileSync(file, text);

      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      // The first check of the whole document (cold): the first delivery with findings in it.
      const firstWait = nextDiagnostics(uri, (d) => linesOf(d, 'placeholder').length > 0, 'the first diagnostics of the 1 MB report', FIRST_WAIT_MS);
      const tOpen = performance.now();
      const doc = await vscode.workspace.openTextDocument(uri);
      const editor = await vscode.window.showTextDocument(doc, { preview: false });
      assert.strictEqual(doc.getText(), text, 'the editor holds the generated report');
      const first = await firstWait;
      // The pulls of the opened version: when the client asked, how long the answer took.
      const api0 = ext.isActive ? ext.exports : undefined;
      const openPulls = (api0?.pulls?.() ?? []).filter((p) => p.uri === uri.toString() && p.version === doc.version)
        .map((p) => ({ askedMs: +(p.start - (performance.timeOrigin + tOpen)).toFixed(1), pullMs: +(p.answered - p.start).toFixed(1), answer: p.answer ?? null }));
      const baseline = first.diags;
      assert.deepStrictEqual(linesOf(baseline, 'duplicate-punctuation').filter((l) => l === markerLine), [], 'no doubled mark on the marker line before the edits');
      const baseCount = baseline.length;
      const baseSummary = countBy(baseline);
      const col = doc.lineAt(markerLine).text.indexOf('、') + 1; // just after the first 、 of the marker line
      assert.ok(col > 0, 'the marker line holds a 、');
      const at = new vscode.Position(markerLine, col);

      // Where the time goes, per edit: the server's CPU time and this extension host's (all its
      // threads, other extensions included), beside the wall time.
      const pid = serverPid();
      const samples: { edit: 'insert' | 'delete'; ms: number; serverCpuMs?: number; extHostCpuMs: number }[] = [];
      for (let i = 0; i < EDITS; i++) {
        const insert = i % 2 === 0;
        const wait = nextDiagnostics(
          uri,
          insert
            ? (d) => linesOf(d, 'duplicate-punctuation').includes(markerLine)
            : (d) => !linesOf(d, 'duplicate-punctuation').includes(markerLine),
          insert ? `a duplicate-punctuation finding on line ${markerLine} after typing 、` : `the duplicate-punctuation finding on line ${markerLine} gone after deleting 、`,
        );
        const s0 = procCpuMs(pid);
        const h0 = process.cpuUsage();
        const t0 = performance.now();
        const ok = await editor.edit((eb) => (insert ? eb.insert(at, '、') : eb.delete(new vscode.Range(at, at.translate(0, 1)))), { undoStopBefore: false, undoStopAfter: false });
        assert.ok(ok, 'the editor applied the edit');
        const { at: t1, diags } = await wait;
        const s1 = procCpuMs(pid);
        const h1 = process.cpuUsage(h0);
        samples.push({
          edit: insert ? 'insert' : 'delete',
          ms: +(t1 - t0).toFixed(2),
          ...(s0 !== undefined && s1 !== undefined ? { serverCpuMs: s1 - s0 } : {}),
          extHostCpuMs: +((h1.user + h1.system) / 1000).toFixed(1),
        });
        // The update is the right one: the doubled mark on the marker line, everything else as before.
        const dup = diags.filter((d) => ruleOf(d) === 'duplicate-punctuation' && d.range.start.line === markerLine);
        if (insert) {
          assert.strictEqual(dup.length, 1, 'one duplicate-punctuation finding on the marker line');
          assert.strictEqual(dup[0].range.start.character, col - 1, 'it starts at the doubled 、');
          assert.strictEqual(diags.length, baseCount + 1, 'one finding more than before the edit');
        } else {
          assert.strictEqual(dup.length, 0, 'no duplicate-punctuation finding on the marker line');
          assert.strictEqual(diags.length, baseCount, 'the findings as before the edits');
          assert.strictEqual(countBy(diags), baseSummary, 'the same rules with the same counts as before the edits');
        }
      }
      assert.strictEqual(doc.getText(), text, 'the edits cancel out');

      // The same keystrokes typed as a user types them, timed until the squiggle is on screen (only
      // with the code-server launcher's page); then the same on a control report of the same size
      // with only a handful of findings: what VS Code's part costs when few diagnostics change.
      let typed: TypedResult | null = null;
      let typedControl: (TypedResult & { findings: number }) | null = null;
      if (bridgeDir()) {
        typed = await typeInPage(ext.exports, doc, editor, at, uri, text, baseCount, markerLine);
        const control = generateReport(TARGET_BYTES, 0);
        const cUri = fixture(CONTROL_REPORT);
        controlFile = cUri.fsPath;
        fs.writeFileSync(controlFile, control.text);
        const cFirst = waitForDiagnostics(cUri, (d) => d.length > 0, 'the first diagnostics of the control report', FIRST_WAIT_MS);
        const cDoc = await vscode.workspace.openTextDocument(cUri);
        const cEditor = await vscode.window.showTextDocument(cDoc, { preview: false });
        const cCount = (await cFirst).length;
        assert.ok(cCount < 10, `the control report has only a handful of findings (${cCount})`);
        const cAt = new vscode.Position(control.markerLine, cDoc.lineAt(control.markerLine).text.indexOf('、') + 1);
        typedControl = { findings: cCount, ...(await typeInPage(ext.exports, cDoc, cEditor, cAt, cUri, control.text, cCount, control.markerLine)) };
      }

      const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
      const keystroke = {
        documentBytes: Buffer.byteLength(text, 'utf8'),
        documentChars: text.length,
        documentLines: doc.lineCount,
        findings: baseCount,
        findingsByRule: baseSummary,
        firstDiagnosticsMs: +(first.at - tOpen).toFixed(1),
        // Its parts: each pull of the opened version, asked after askedMs (from the open), answered pullMs later.
        firstPulls: openPulls,
        debounceMs: 0,
        debounceNote: 'the client pulls textDocument/diagnostic right after each didChange (no client debounce); the server debounces only pushed diagnostics (150 ms, clients without pull)',
        // What a user sees (null without the code-server launcher's page).
        typed,
        // The same typing on a report of the same size with a handful of findings.
        typedControl,
        // Through the extension API, ending at an event VS Code fires 50 ms late.
        api: {
          edits: samples.length,
          medianMs: +percentile(ms, 50).toFixed(1),
          p95Ms: +percentile(ms, 95).toFixed(1),
          minMs: ms[0],
          maxMs: ms[ms.length - 1],
          serverCpuMedianMs: pid === undefined ? null : percentile(samples.map((x) => x.serverCpuMs ?? 0).sort((a, b) => a - b), 50),
          extHostCpuMedianMs: percentile(samples.map((x) => x.extHostCpuMs).sort((a, b) => a - b), 50),
          samples,
          measures: 'performance.now() before TextEditor.edit (one character inserted or deleted next to a 、 through the extension API) until the ' +
            'onDidChangeDiagnostics event whose diagnostics show the change, in the extension host. VS Code fires that event through a 50 ms debounce ' +
            '(extHostDiagnostics), after the diagnostics have gone to the workbench: it ends later than what the user sees',
        },
      };
      const out = record(ext, { keystroke });
      const ty = keystroke.typed as { medianMs: number; p95Ms: number; minMs: number; maxMs: number; stagesMedianMs: Record<string, number | null> } | null;
      const api = keystroke.api;
      console.log(`[perf] keystroke → diagnostics, ${keystroke.documentBytes} bytes, ${baseCount} findings, debounce 0 ms; ` +
        (ty ? `typed in the page → squiggle drawn: median ${ty.medianMs} ms, p95 ${ty.p95Ms} ms (min ${ty.minMs}, max ${ty.maxMs}); median stages ${JSON.stringify(ty.stagesMedianMs)}; ` : 'typed: n/a (no launcher page); ') +
        (typedControl ? `control report (${typedControl.findings} findings): median ${typedControl.medianMs} ms, p95 ${typedControl.p95Ms} ms, stages ${JSON.stringify(typedControl.stagesMedianMs)}; ` : '') +
        `through the API → onDidChangeDiagnostics: median ${api.medianMs} ms, p95 ${api.p95Ms} ms (per edit CPU: server ${api.serverCpuMedianMs} ms, extension host ${api.extHostCpuMedianMs} ms); ` +
        `first check after opening ${keystroke.firstDiagnosticsMs} ms (its pulls: ${JSON.stringify(keystroke.firstPulls)}) → ${out}`);
    });
  });
}
