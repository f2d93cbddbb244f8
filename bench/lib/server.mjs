// Server measurements over LSP: starts dist/server.js --stdio as an editor would (pull diagnostics),
// opens a report, asks for its diagnostics, reads the child's RSS from /proc/<pid>/status; then
// times one-character edits followed by a diagnostic request (no debounce: the server's own time
// plus JSON-RPC, the floor under what a user sees).
import { spawn } from 'child_process';
import { readFileSync, existsSync } from 'fs';
import { pathToFileURL } from 'url';
import { performance } from 'perf_hooks';
import { createRequire } from 'module';
import { dirname, join, basename } from 'path';
import { tmpdir } from 'os';
import * as esbuild from 'esbuild';
import { summarize, prng } from './util.mjs';

const require = createRequire(import.meta.url);

/** server/src/diagnosticDelta.ts (the steps of a diagnostics delta), bundled and loaded. */
function loadDelta() {
  const outfile = join(tmpdir(), `report-lint-bench-delta-${process.pid}.cjs`);
  esbuild.buildSync({ entryPoints: [join(dirname(new URL(import.meta.url).pathname), '..', '..', 'server', 'src', 'diagnosticDelta.ts')], bundle: true, platform: 'node', format: 'cjs', outfile, logLevel: 'error' });
  return require(outfile);
}

/**
 * The node/V8 flags our VS Code client starts the server with (client/src/server-flags.json, which
 * client/src/lsp.ts imports). The server rows and the re-check row's own process use the same.
 */
export function serverExecArgv(root) {
  return JSON.parse(readFileSync(join(root, 'client', 'src', 'server-flags.json'), 'utf8')).execArgv;
}

function procStatus(pid) {
  const file = `/proc/${pid}/status`;
  if (!existsSync(file)) return undefined;
  const s = readFileSync(file, 'utf8');
  const kb = (k) => {
    const m = new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(s);
    return m ? Number(m[1]) / 1024 : undefined;
  };
  return { rssMB: kb('VmRSS'), peakMB: kb('VmHWM') };
}

/** CPU time (user + system, ms) the process has used so far, from /proc/<pid>/stat. */
function procCpuMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) * 10; // utime + stime, USER_HZ = 100
  } catch {
    return undefined;
  }
}

async function withTimeout(p, ms, what) {
  let timer;
  const t = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms / 1000} s`)), ms)));
  try {
    return await Promise.race([p, t]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * @param serverJs path of dist/server.js
 * @param file a report file on disk (its text is sent in didOpen)
 * @param editFile optional smaller report for the edit→diagnostics timing
 * @param execArgv node/V8 flags for the server (as our client starts it: `serverExecArgv`)
 */
export async function measureServer(serverJs, file, { editFile, edits = 15, warmup = 100, execArgv = [] } = {}) {
  const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-jsonrpc/node');
  const child = spawn(process.execPath, [...execArgv, serverJs, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const conn = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const logs = [];
  conn.onNotification('window/logMessage', (p) => logs.push(p.message));
  conn.onNotification('reportLint/status', () => undefined);
  conn.onNotification('textDocument/publishDiagnostics', () => undefined);
  // Large enough that a 5 MB report is checked, not skipped as too large.
  conn.onRequest('workspace/configuration', (p) => p.items.map(() => ({ maxFileSizeMB: 64 })));
  conn.onRequest('workspace/diagnostic/refresh', () => null);
  conn.onRequest('client/registerCapability', () => null);
  conn.listen();
  const result = { pid: child.pid };
  try {
    const root = dirname(file);
    await withTimeout(
      conn.sendRequest('initialize', {
        processId: process.pid,
        rootUri: pathToFileURL(root).href,
        workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'bench' }],
        locale: 'zh-cn',
        // As our VS Code client asks: it adds each diagnostic's source and rule link itself.
        initializationOptions: { ruleLinks: 'client' },
        capabilities: { workspace: { configuration: true, workspaceFolders: true }, textDocument: { diagnostic: { dynamicRegistration: false }, publishDiagnostics: {} } },
      }),
      30_000,
      'initialize',
    );
    await conn.sendNotification('initialized', {});
    result.idle = procStatus(child.pid);

    const open = async (path, version = 1) => {
      const uri = pathToFileURL(path).href;
      const text = readFileSync(path, 'utf8');
      await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version, text } });
      return { uri, text };
    };
    const diagnostics = (uri, previousResultId) => withTimeout(conn.sendRequest('textDocument/diagnostic', { textDocument: { uri }, previousResultId }), 120_000, 'textDocument/diagnostic');

    const big = await open(file);
    const c0 = procCpuMs(child.pid);
    const t0 = performance.now();
    const report = await diagnostics(big.uri);
    result.firstCheckMs = performance.now() - t0;
    result.firstCheckCpuMs = procCpuMs(child.pid) - c0;
    result.diagnosticCount = report.items?.length ?? 0;
    result.tooLarge = (report.items ?? []).some((d) => d.code === 'file-too-large');
    result.afterOpen = procStatus(child.pid);
    await conn.sendNotification('textDocument/didClose', { textDocument: { uri: big.uri } });

    if (editFile) {
      // Two copies of the report, edited alike: one pulled as LSP clients pull
      // (textDocument/diagnostic), one as our VS Code client pulls (reportLint/diagnostics: the
      // changes to the list it holds, applied here as the client applies them). The two alternate
      // edit by edit, so that the server's warm-up and the machine's load fall on both alike.
      const { DELTA_METHOD, applyDelta, moved } = loadDelta();
      const standard = await open(editFile);
      const delta = { uri: pathToFileURL(join(dirname(editFile), `delta-${basename(editFile)}`)).href };
      await conn.sendNotification('textDocument/didOpen', { textDocument: { uri: delta.uri, languageId: 'plaintext', version: 1, text: standard.text } });
      const pulls = {
        standard: { uri: standard.uri, version: 1, pull: (uri, previousResultId) => diagnostics(uri, previousResultId), samples: [], cpu: [], early: [], answers: {} },
        delta: { uri: delta.uri, version: 1, pull: (uri, previousResultId) => withTimeout(conn.sendRequest(DELTA_METHOD, { textDocument: { uri }, previousResultId }), 120_000, DELTA_METHOD), samples: [], cpu: [], early: [], answers: {} },
      };
      for (const p of Object.values(pulls)) {
        const first = await p.pull(p.uri);
        p.resultId = first.resultId;
        p.held = first.items;
      }
      const lines = standard.text.split('\n');
      const rand = prng(7);
      // Warm-up edits first, as for the in-process re-check (the server settles after some tens of
      // edits); the first 50 are timed apart.
      for (let i = 0; i < warmup + edits; i++) {
        const line = Math.floor(rand() * lines.length);
        const character = Math.floor(rand() * (lines[line].length + 1));
        const order = i % 2 ? [pulls.delta, pulls.standard] : [pulls.standard, pulls.delta];
        for (const p of order) {
          p.version++;
          const c = procCpuMs(child.pid);
          const t = performance.now();
          await conn.sendNotification('textDocument/didChange', {
            textDocument: { uri: p.uri, version: p.version },
            contentChanges: [{ range: { start: { line, character }, end: { line, character } }, text: '的' }],
          });
          const answer = await p.pull(p.uri, p.resultId);
          if (answer.kind === 'full') p.held = answer.items;
          else if (answer.kind === 'delta') {
            const before = p.held;
            p.held = applyDelta(before, answer.ops, (k) => before[k], (k, by) => moved(before[k], by), (d) => d);
            if (!p.held) throw new Error('a delta that does not fit the list held');
          }
          p.resultId = answer.resultId;
          const ms = performance.now() - t;
          if (i < warmup) {
            if (i < 50) p.early.push(ms);
            continue;
          }
          p.samples.push(ms);
          p.cpu.push(procCpuMs(child.pid) - c);
          p.answers[answer.kind] = (p.answers[answer.kind] ?? 0) + 1;
        }
      }
      if (JSON.stringify(pulls.delta.held) !== JSON.stringify(pulls.standard.held)) throw new Error('the list rebuilt from deltas differs from the standard pull\'s');
      const summary = (p) => ({ ...summarize(p.samples, p.cpu), warmup, unchanged: p.answers.unchanged ?? 0, answers: p.answers, firstEdits: p.early.length ? summarize(p.early) : null });
      result.edit = summary(pulls.standard);
      result.editDelta = summary(pulls.delta);
      result.editDiagnostics = pulls.standard.held.length;
    }
    const warnings = logs.filter((l) => /warning|budget|fail/i.test(l));
    result.budgetWarnings = warnings.filter((l) => /budget/.test(l)).length;
    result.logs = warnings.slice(0, 5);
    await withTimeout(conn.sendRequest('shutdown'), 10_000, 'shutdown').catch(() => undefined);
    await conn.sendNotification('exit').catch(() => undefined);
  } catch (e) {
    result.error = `${e.message}${stderr ? `; stderr: ${stderr.slice(0, 500)}` : ''}`;
  } finally {
    conn.dispose();
    if (child.exitCode === null) child.kill();
  }
  return result;
}
