// Issue 9: "the client restarts a crashed server and says so". The extension host runs the language
// server as its child (`node …/dist/server.js --node-ipc …`); the test finds that child in /proc and
// kills it with SIGKILL (a crash, not a shutdown), then checks that
//   1. a new server process comes up (the extension reports the server stopped and running again,
//      waited on as an event; then a child with dist/server.js and another pid is there),
//   2. an edit made after the crash is checked (a new placeholder is reported), and
//   3. the extension's output channel says the server stopped (read from its log file, which the
//      code-server launcher keeps under its run dir; under other launchers that check is skipped).
// Runs last: it replaces the server the other suites use.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { EXTENSION_ID, FIRST_WAIT_MS, REPORT, WAIT_MS, fixture, linesOf, open, waitForDiagnostics } from './helpers';

/** Pids of this extension host's children whose command line holds dist/server.js. */
function serverChildren(): number[] {
  const found: number[] = [];
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== process.pid) continue;
      const cmd = fs.readFileSync(`/proc/${name}/cmdline`, 'utf8').replace(/\0/g, ' ');
      if (/dist[\\/]server\.js/.test(cmd)) found.push(Number(name));
    } catch { /* the process ended while we looked */ }
  }
  return found;
}

const alive = (pid: number) => fs.existsSync(`/proc/${pid}/stat`) && !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));

/**
 * Resolves with the joined text of `files` as soon as it matches `said`: checked now and on every
 * change VS Code makes to one of them (fs.watch), rejected after `timeoutMs`. An event, not a poll.
 */
function whenFilesSay(files: string[], said: RegExp, what: string, timeoutMs = WAIT_MS): Promise<string> {
  return new Promise((resolve, reject) => {
    const read = () => files.map((f) => { try { return fs.readFileSync(f, 'utf8'); } catch { return ''; } }).join('\n');
    let done = false;
    const watchers: fs.FSWatcher[] = [];
    const finish = (err?: Error, text?: string) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      for (const w of watchers) w.close();
      err ? reject(err) : resolve(text!);
    };
    const check = () => {
      const text = read();
      if (said.test(text)) finish(undefined, text);
    };
    const timer = setTimeout(() => finish(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)), timeoutMs);
    for (const f of files) watchers.push(fs.watch(f, check));
    check(); // it may be there already
  });
}

/** The extension's log files (its LogOutputChannel "report-lint") under the launcher's run dir. */
function channelLogs(): string[] | undefined {
  const bridge = process.env.REPORT_LINT_E2E_BRIDGE;
  if (!bridge || !fs.existsSync(bridge)) return undefined;
  const root = path.join(path.dirname(bridge), 'user-data', 'logs');
  const out: string[] = [];
  const walk = (d: string) => {
    if (!fs.existsSync(d)) return;
    for (const n of fs.readdirSync(d)) {
      const p = path.join(d, n);
      if (fs.statSync(p).isDirectory()) walk(p);
      else if (/report-lint\.log$/.test(n)) out.push(p);
    }
  };
  walk(root);
  return out;
}

export function restartSuite(): void {
  suite('crash recovery', function () {
    suiteTeardown(async () => {
      await open(REPORT);
      await vscode.commands.executeCommand('workbench.action.files.revert');
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    });

    test('the client restarts a killed server, the next edit is checked, and the output channel says the server stopped', async function () {
      if (process.platform !== 'linux' || !fs.existsSync('/proc/self/stat')) {
        console.log('    (crash: no /proc to find the server process here, skipped)');
        this.skip();
      }
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      const editor = await open(REPORT);
      const uri = fixture(REPORT);
      await waitForDiagnostics(uri, (d) => d.length > 0, 'the report checked before the crash', FIRST_WAIT_MS);
      const [victim, ...others] = serverChildren();
      assert.ok(victim, `no child of the extension host (pid ${process.pid}) runs dist/server.js`);
      assert.deepStrictEqual(others, [], 'exactly one server process');

      // The extension says when the server stops and when it runs again: waited on, not polled.
      const api = vscode.extensions.getExtension<{ onServerState: vscode.Event<'running' | 'stopped'> }>(EXTENSION_ID)!.exports;
      const restarted = new Promise<void>((resolve, reject) => {
        let stopped = false;
        const timer = setTimeout(() => { sub.dispose(); reject(new Error(`timed out after ${FIRST_WAIT_MS} ms waiting for the server to stop and run again`)); }, FIRST_WAIT_MS);
        const sub = api.onServerState((s) => {
          if (s === 'stopped') stopped = true;
          else if (stopped) { sub.dispose(); clearTimeout(timer); resolve(); }
        });
      });
      process.kill(victim, 'SIGKILL');
      await restarted;
      assert.ok(!alive(victim), `server pid ${victim} is gone after SIGKILL`);
      const successor = serverChildren().find((p) => p !== victim);
      assert.ok(successor, 'a new dist/server.js child runs after the crash');
      console.log(`    server ${victim} killed; the client started ${successor}`);

      // an edit after the crash: a new unfilled placeholder on a new last line must be reported
      const last = editor.document.lineCount - 1;
      assert.ok(await editor.edit((b) => b.insert(editor.document.lineAt(last).range.end, '\n负责人：XX')), 'edit failed');
      const newLine = editor.document.lineCount - 1;
      await waitForDiagnostics(uri, (d) => linesOf(d, 'placeholder').includes(newLine),
        `a placeholder finding on the line added after the crash (${newLine})`, FIRST_WAIT_MS);

      const logs = channelLogs();
      if (!logs) {
        console.log('    (output channel: no launcher run dir to read its log from; the diagnostics above show the restart)');
        return;
      }
      assert.ok(logs.length > 0, 'the output channel "report-lint" has a log file under the launcher\'s run dir');
      const said = /report-lint server stopped|Connection to server got closed/;
      // The channel's log files exist by now (the extension logged its activation); VS Code appends to them.
      const text = await whenFilesSay(logs, said, 'the output channel "report-lint" to say the server stopped').catch((e: Error) => {
        const all = logs.map((f) => `${f}:\n${fs.readFileSync(f, 'utf8')}`).join('\n');
        throw new Error(`${e.message}; log files: ${JSON.stringify(logs)}\n${all.slice(-2000)}`);
      });
      const line = text.split('\n').find((l) => said.test(l))!;
      console.log(`    output channel: "${line.trim()}"`);
    });
  });
}
