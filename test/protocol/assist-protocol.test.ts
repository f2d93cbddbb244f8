// Writing help through the language server protocol: completion, document symbols, folding,
// code lens, the placeholder and renumber quick fixes, and fill-all — request in, exact edit out.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import * as fs from 'node:fs';
import * as os from 'node:os';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';

const SERVER = path.resolve('dist/server.js');

/** Starts the bundled server on a temp workspace holding `files`, opens `name`, runs `body`. */
async function withReport(files: Record<string, string>, name: string, body: (req: (method: string, params: object) => Promise<any>, uri: string, notify: (method: string, params: object) => Promise<void>) => Promise<void>): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'report-lint-assist-'));
  for (const [f, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, f), text);
  const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const conn = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  conn.onNotification(() => undefined);
  conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
  conn.onRequest(() => null);
  conn.listen();
  const uri = pathToFileURL(path.join(dir, name)).href;
  try {
    await conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(dir).href,
      workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'ws' }],
      locale: 'en',
      initializationOptions: { trusted: true },
      capabilities: { workspace: { configuration: true }, textDocument: { diagnostic: { dynamicRegistration: false }, publishDiagnostics: {} } },
    });
    await conn.sendNotification('initialized', {});
    await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text: files[name] } });
    await body((method, params) => conn.sendRequest(method, params), uri, (method, params) => conn.sendNotification(method, params));
  } finally {
    await conn.sendRequest('shutdown');
    await conn.sendNotification('exit');
    conn.dispose();
    child.kill();
  }
}

const at = (line: number, character: number) => ({ line, character });
const range = (l1: number, c1: number, l2: number, c2: number) => ({ start: at(l1, c1), end: at(l2, c2) });

const REPORT = [
  'XX镇2024年度工作总结', // 0
  '2024年，XX镇认真做好宣传工作。现将有关情况总结如下：', // 1
  '一、加强组织领导', // 2
  '一是压实责任；', // 3
  '二、强化理论学习', // 4
  '组织学习12次。', // 5
  '四、做好舆情引导', // 6
  '开展活动。', // 7
  '', // 8
].join('\n');

test('completion, document symbols, folding ranges and code lens on one report', async () => {
  await withReport({ '工作总结.txt': REPORT }, '工作总结.txt', async (req, uri, notify) => {
    // The next marker at a line start.
    const markers: any[] = await req('textDocument/completion', { textDocument: { uri }, position: at(8, 0) });
    assert.deepEqual(markers.sort((a, b) => a.sortText.localeCompare(b.sortText)).map((i) => [i.label, i.textEdit]), [
      ['五、', { range: range(8, 0, 8, 0), newText: '五、' }],
      ['（一）', { range: range(8, 0, 8, 0), newText: '（一）' }],
      ['1.', { range: range(8, 0, 8, 0), newText: '1.' }],
    ]);
    // The next 一是 item after typing ；.
    const item: any[] = await req('textDocument/completion', { textDocument: { uri }, position: at(3, 7), context: { triggerKind: 2, triggerCharacter: '；' } });
    assert.deepEqual(item.map((i) => [i.label, i.textEdit]), [['二是', { range: range(3, 7, 3, 7), newText: '二是' }]]);

    // The outline and its folding.
    const symbols: any[] = await req('textDocument/documentSymbol', { textDocument: { uri } });
    const brief = (list: any[]): unknown[] => list.map((s) => [s.name, s.range.start.line, s.range.end.line, ...(s.children?.length ? [brief(s.children)] : [])]);
    assert.deepEqual(brief(symbols), [
      ['XX镇2024年度工作总结', 0, 0],
      ['Opening overview (paragraph)', 1, 1],
      ['一、加强组织领导', 2, 3],
      ['二、强化理论学习', 4, 5],
      ['四、做好舆情引导', 6, 7],
    ]);
    const folds: any[] = await req('textDocument/foldingRange', { textDocument: { uri } });
    assert.deepEqual(folds.map((f) => [f.startLine, f.endLine]), [[2, 3], [4, 5], [6, 7]]);

    // 字数 of the report and of each section.
    const lenses: any[] = await req('textDocument/codeLens', { textDocument: { uri } });
    assert.deepEqual(lenses.map((l) => [l.range.start.line, l.command.title]), [
      [0, '77 characters in all'],
      [1, 'Opening overview: 25 characters'],
      [2, 'Main work and results: 43 characters'],
    ]);

    // After typing 五、 the profile's missing sections are offered by name.
    await notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: range(8, 0, 8, 0), text: '五、' }] });
    const sections: any[] = await req('textDocument/completion', { textDocument: { uri }, position: at(8, 2), context: { triggerKind: 2, triggerCharacter: '、' } });
    assert.deepEqual(sections.map((i) => [i.label, i.textEdit]).sort(), [
      ['下一步工作打算', { range: range(8, 2, 8, 2), newText: '下一步工作打算' }],
      ['存在的问题', { range: range(8, 2, 8, 2), newText: '存在的问题' }],
      ['经验体会', { range: range(8, 2, 8, 2), newText: '经验体会' }],
    ]);
  });
});

const CONFIG = 'variables:\n  单位: 红河镇\nfill:\n  XX镇: 单位\n';

test('quick fixes from variables and a renumber fix; fill-all as one edit list', async () => {
  await withReport({ '工作总结.txt': REPORT, '.reportlint.yaml': CONFIG }, '工作总结.txt', async (req, uri) => {
    await req('textDocument/diagnostic', { textDocument: { uri } });
    const actions: any[] = await req('textDocument/codeAction', { textDocument: { uri }, range: range(0, 0, 0, 1), context: { diagnostics: [] } });
    const one = actions.find((a) => a.title === 'Replace with "红河镇" (variable 单位)');
    assert.ok(one, actions.map((a) => a.title).join(' | '));
    assert.deepEqual(one.edit.changes[uri], [{ range: range(0, 0, 0, 3), newText: '红河镇' }]);
    const all = actions.find((a) => a.title === 'Replace all 2 occurrences of "XX镇" with "红河镇"');
    assert.deepEqual(all.edit.changes[uri], [
      { range: range(0, 0, 0, 3), newText: '红河镇' },
      { range: range(1, 6, 1, 9), newText: '红河镇' },
    ]);
    const renumber: any[] = await req('textDocument/codeAction', { textDocument: { uri }, range: range(6, 0, 6, 1), context: { diagnostics: [] } });
    const fix = renumber.find((a) => a.title === 'Renumber from here (1 marker)');
    assert.ok(fix, renumber.map((a) => a.title).join(' | '));
    assert.deepEqual(fix.edit.changes[uri], [{ range: range(6, 0, 6, 2), newText: '三、' }]);
    const filled = await req('reportLint/fillPlaceholders', { uri });
    assert.deepEqual(filled, {
      version: 1,
      edits: [
        { range: range(0, 0, 0, 3), newText: '红河镇' },
        { range: range(1, 6, 1, 9), newText: '红河镇' },
      ],
    });
  });
});
