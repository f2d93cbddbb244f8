// One LSP session with the bundled server (dist/server.js over stdio), shared by the protocol tests.

import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import * as fs from 'node:fs';
import * as os from 'node:os';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';

const SERVER = path.resolve('dist/server.js');

/** A short work summary with a placeholder, a doubled 、, a numbering gap and no 落款 (our fixture). */
export const REPORT = [
  'XX镇2024年宣传工作总结',
  '2024年，镇党委认真做好宣传工作。现将有关情况报告如下：',
  '一、加强组织领导',
  '全年召开会议5次，不在、、网络平台发布信息。',
  '二、强化理论学习',
  '组织学习12次。',
  '四、做好舆情引导',
  '但还存在一些问题：一是宣传形式单一。',
  '下一步，我们将继续努力。',
].join('\n');

export interface Published {
  uri: string;
  version?: number;
  diagnostics: any[];
}

export interface Session {
  conn: MessageConnection;
  child: ChildProcess;
  published: Published[];
  /** The URIs of the `reportLint/status` notifications received (the server sends one after each check). */
  statuses: string[];
  /** What the server answered `initialize` with. */
  capabilities: any;
  waitForPush(uri: string, predicate: (p: Published) => boolean): Promise<Published>;
  /** The server still answers: a request that reads the document's state gets a reply. */
  assertAlive(uri: string): Promise<void>;
  close(): Promise<void>;
}

/** Starts the bundled server and initializes it as an editor would (pull or push diagnostics). */
export async function startSession(opts: { pull: boolean; rootDir: string; locale?: string; settings?: Record<string, unknown>; trusted?: boolean; ruleLinks?: 'client'; resolveCodeActions?: boolean }): Promise<Session> {
  const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const conn = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const published: Published[] = [];
  const waiters: { uri: string; predicate: (p: Published) => boolean; resolve: (p: Published) => void }[] = [];
  conn.onNotification('textDocument/publishDiagnostics', (p: Published) => {
    published.push(p);
    for (const w of waiters.splice(0)) {
      if (w.uri === p.uri && w.predicate(p)) w.resolve(p);
      else waiters.push(w);
    }
  });
  conn.onNotification('window/logMessage', () => undefined);
  const statuses: string[] = [];
  conn.onNotification('reportLint/status', (p: { uri: string }) => void statuses.push(p.uri));
  conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => opts.settings ?? null));
  conn.onRequest('workspace/diagnostic/refresh', () => null);
  conn.onRequest('client/registerCapability', () => null);
  conn.listen();
  const initialized: { capabilities: any } = await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(opts.rootDir).href,
    workspaceFolders: [{ uri: pathToFileURL(opts.rootDir).href, name: 'ws' }],
    locale: opts.locale ?? 'en',
    initializationOptions: { trusted: opts.trusted ?? true, ...(opts.ruleLinks ? { ruleLinks: opts.ruleLinks } : {}) },
    capabilities: {
      workspace: { configuration: true },
      textDocument: {
        ...(opts.pull ? { diagnostic: { dynamicRegistration: false }, publishDiagnostics: {} } : { publishDiagnostics: { versionSupport: true } }),
        // As vscode-languageclient does: code actions' edits resolved when picked.
        ...(opts.resolveCodeActions ? { codeAction: { dataSupport: true, resolveSupport: { properties: ['edit'] } } } : {}),
      },
    },
  });
  await conn.sendNotification('initialized', {});
  return {
    conn,
    capabilities: initialized.capabilities,
    statuses,
    child,
    published,
    waitForPush(uri, predicate) {
      const have = published.filter((p) => p.uri === uri).pop();
      if (have && predicate(have)) return Promise.resolve(have);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching diagnostics for ${uri} within 20 s`)), 20_000);
        waiters.push({ uri, predicate, resolve: (p) => (clearTimeout(timer), resolve(p)) });
      });
    },
    async assertAlive(uri) {
      assert.equal(child.exitCode, null, 'the server process exited');
      const status = await conn.sendRequest('reportLint/status', { uri });
      assert.notEqual(status, undefined);
    },
    async close() {
      await conn.sendRequest('shutdown');
      await conn.sendNotification('exit');
      conn.dispose();
      child.kill();
    },
  };
}

/** A temporary folder holding the given files. */
export function tempWorkspace(files: Record<string, string | Buffer>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'report-lint-proto-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

