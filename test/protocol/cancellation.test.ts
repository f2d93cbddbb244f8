// Cancellation is honoured: a request the editor cancelled before the server started its check
// is answered at once — ServerCancelled (with retriggerRequest) for a diagnostic pull (LSP 3.17),
// an empty result for the other requests — without running the lint, and the server goes on
// answering. Spoken to over stdio as an editor would (dist/server.js).
//
// Determinism: the server fetches a document's settings (workspace/configuration) before its
// first check. This client cancels the request from inside its configuration handler, so the
// cancel notification reaches the server before the settings do: the server must see it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import * as fs from 'node:fs';
import * as os from 'node:os';
import { pathToFileURL } from 'node:url';
import { CancellationTokenSource, ResponseError } from 'vscode-jsonrpc/node';
import { startSession, REPORT, type Session } from './lsp-session';

/** LSPErrorCodes.ServerCancelled and ErrorCodes / LSPErrorCodes.RequestCancelled. */
const SERVER_CANCELLED = -32802;
const REQUEST_CANCELLED = -32800;

interface CancellationSession extends Session {
  /** Runs once, inside the client's answer to the next workspace/configuration request for `uri`. */
  onConfiguration(uri: string, hook: () => void): void;
  open(uri: string, text: string): Promise<void>;
}

/** A pull-diagnostics session whose configuration answers can run a hook (to cancel a request). */
async function startCancellationSession(rootDir: string): Promise<CancellationSession> {
  const s = await startSession({ pull: true, rootDir });
  const hooks = new Map<string, () => void>();
  // This replaces the shared session's handler for the same method.
  s.conn.onRequest('workspace/configuration', (p: { items: { scopeUri?: string }[] }) => {
    for (const item of p.items) {
      const hook = item.scopeUri ? hooks.get(item.scopeUri) : undefined;
      if (hook) {
        hooks.delete(item.scopeUri!);
        hook();
      }
    }
    return p.items.map(() => null);
  });
  return Object.assign(s, {
    onConfiguration: (uri: string, hook: () => void) => void hooks.set(uri, hook),
    open: (uri: string, text: string) => s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'report', version: 1, text } }),
  });
}


/** About 2 MB (UTF-8): the report above, then ordinary paragraphs. */
function largeReport(): string {
  const paragraph = '全镇各村组织开展政策宣讲活动，群众参与热情较高，取得了较好效果。\n';
  return REPORT + '\n' + paragraph.repeat(Math.ceil((2 * 1024 * 1024) / Buffer.byteLength(paragraph)));
}

const summarize = (ds: any[]) => ds.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character}`).sort();

/** The request's outcome: its result, or the error it ended with. */
async function settle<T>(p: Promise<T>): Promise<{ result?: T; error?: ResponseError<unknown> }> {
  try {
    return { result: await p };
  } catch (e) {
    assert.ok(e instanceof ResponseError, `the request failed with something other than a response error: ${e}`);
    return { error: e };
  }
}

function workspace(): { dir: string; uri: (name: string) => string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'report-lint-cancel-'));
  return { dir, uri: (name) => pathToFileURL(path.join(dir, name)).href };
}

test('a diagnostic pull cancelled before the check answers ServerCancelled with retriggerRequest, skips the lint, and the next pull is complete', async () => {
  const ws = workspace();
  const uri = ws.uri('q3.report');
  const s = await startCancellationSession(ws.dir);
  try {
    await s.open(uri, REPORT);
    const cts = new CancellationTokenSource();
    s.onConfiguration(uri, () => cts.cancel());
    const first = await settle(s.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } }, cts.token));
    assert.equal(first.result, undefined, 'a cancelled pull gets no report');
    assert.equal(first.error?.code, SERVER_CANCELLED);
    assert.deepEqual(first.error?.data, { retriggerRequest: true });
    // A check sends its status before the reply: none came, so the lint did not run.
    assert.deepEqual(s.statuses, []);

    const second: any = await s.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
    assert.equal(second.kind, 'full');
    assert.deepEqual(summarize(second.items), ['duplicate-punctuation@3:11', 'heading-numbering@6:0', 'placeholder@0:0', 'required-section@0:0']);
    assert.deepEqual(s.statuses, [uri]);
  } finally {
    await s.close();
  }
});

test('a diagnostic pull on a 2 MB report cancelled at once ends cancelled or complete, and the server answers the next pull', async () => {
  const ws = workspace();
  const uri = ws.uri('big.report');
  const text = largeReport();
  assert.ok(Buffer.byteLength(text) >= 2 * 1024 * 1024);
  const s = await startCancellationSession(ws.dir);
  try {
    await s.open(uri, text);
    const cts = new CancellationTokenSource();
    const pending = s.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } }, cts.token);
    cts.cancel();
    const first = await settle<any>(pending);

    const second: any = await s.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
    assert.equal(second.kind, 'full');
    const expected = ['duplicate-punctuation@3:11', 'heading-numbering@6:0', 'placeholder@0:0'];
    assert.deepEqual(summarize(second.items).filter((d) => expected.includes(d)), expected);
    if (first.error) {
      // Cancelled: by our check (ServerCancelled), or by the connection before dispatch.
      assert.ok([SERVER_CANCELLED, REQUEST_CANCELLED].includes(first.error.code), `unexpected error ${first.error.code}: ${first.error.message}`);
    } else {
      // The server had already started the lint: it answers with the whole report.
      assert.equal(first.result.kind, 'full');
      assert.deepEqual(first.result.items, second.items);
    }
  } finally {
    await s.close();
  }
});

test('code actions, completion, symbols and hover cancelled before the check answer empty; uncancelled they do not', async () => {
  const ws = workspace();
  const s = await startCancellationSession(ws.dir);
  try {
    const requests: { name: string; method: string; params: (uri: string) => object; empty: unknown }[] = [
      { name: 'code actions', method: 'textDocument/codeAction', params: (uri) => ({ textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 2 } }, context: { diagnostics: [] } }), empty: [] },
      { name: 'completion', method: 'textDocument/completion', params: (uri) => ({ textDocument: { uri }, position: { line: 9, character: 0 } }), empty: [] },
      { name: 'symbols', method: 'textDocument/documentSymbol', params: (uri) => ({ textDocument: { uri } }), empty: [] },
      { name: 'hover', method: 'textDocument/hover', params: (uri) => ({ textDocument: { uri }, position: { line: 5, character: 5 } }), empty: null },
    ];
    for (const [i, r] of requests.entries()) {
      // A document of its own: its settings are not fetched yet, so the hook runs.
      const uri = ws.uri(`r${i}.report`);
      await s.open(uri, `${REPORT}\n`);
      const cts = new CancellationTokenSource();
      s.onConfiguration(uri, () => cts.cancel());
      const cancelled = await settle(s.conn.sendRequest(r.method, r.params(uri), cts.token));
      assert.equal(cancelled.error, undefined, `${r.name}: answered, not failed`);
      assert.deepEqual(cancelled.result, r.empty, `${r.name}: empty when cancelled`);
      assert.ok(!s.statuses.includes(uri), `${r.name}: no check ran`);
      const answered = await s.conn.sendRequest(r.method, r.params(uri));
      if (r.name !== 'hover') assert.ok(Array.isArray(answered) && answered.length > 0, `${r.name}: answered uncancelled`);
      assert.ok(s.statuses.includes(uri), `${r.name}: checked when not cancelled`);
    }
  } finally {
    await s.close();
  }
});
