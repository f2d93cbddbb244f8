// The server survives what editors send it: binary junk, huge documents, bursts of edits and a
// config file with a catastrophic regex. Spoken to over stdio as an editor would (dist/server.js).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startSession, tempWorkspace, type Session, type Published } from './lsp-session';

/** Fails when `promise` does not settle within `ms`: a hang detector for one request. */
async function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms)));
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const diagnose = (s: Session, uri: string): Promise<any> => within(20_000, `diagnostics for ${uri}`, s.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } }));

test('binary junk (NUL bytes) gets no findings, broken surrogates are checked, and the server stays up', async () => {
  const junk = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)).toString('latin1') + '\u0000XX镇工作总结\u0000';
  const surrogates = 'XX镇工作总结\n\ud800一、\udc00总体\ud83d情况XX\n二、𠮷\udfff\n';
  const dir = tempWorkspace({});
  const junkUri = pathToFileURL(path.join(dir, '工作总结.txt')).href;
  const brokenUri = pathToFileURL(path.join(dir, 'broken.report')).href;
  const s = await startSession({ pull: true, rootDir: dir });
  try {
    await s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: junkUri, languageId: 'plaintext', version: 1, text: junk } });
    assert.deepEqual((await diagnose(s, junkUri)).items, []);
    // The same junk announced as a report (language "report") is still skipped as binary.
    const asReport = pathToFileURL(path.join(dir, 'junk.report')).href;
    await s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: asReport, languageId: 'report', version: 1, text: junk } });
    assert.deepEqual((await diagnose(s, asReport)).items, []);
    // Lone surrogates are not binary: the text is checked and positions stay in UTF-16 units.
    await s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: brokenUri, languageId: 'report', version: 1, text: surrogates } });
    const items = (await diagnose(s, brokenUri)).items as any[];
    const placeholders = items.filter((d) => d.code === 'placeholder').map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.character}`);
    assert.deepEqual(placeholders, ['0:0-2', '1:9-11']);
    await s.assertAlive(junkUri);
  } finally {
    await s.close();
  }
});

test('a document over reportLint.maxFileSizeMB gets one info diagnostic, file-too-large, and no check', async () => {
  const dir = tempWorkspace({});
  const uri = pathToFileURL(path.join(dir, '工作总结.txt')).href;
  // 1.2 MB with a placeholder on every line: a check would report thousands.
  const text = 'XX镇工作总结\n' + 'XX town invested 5.2 billion yuan, up 8.3%、、\n'.repeat(28_000);
  assert.ok(Buffer.byteLength(text) > 1.1 * 1024 * 1024);
  const s = await startSession({ pull: true, rootDir: dir, settings: { maxFileSizeMB: 1 } });
  try {
    await s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text } });
    const items = (await diagnose(s, uri)).items as any[];
    assert.deepEqual(
      items.map((d) => [d.code, d.severity, d.range.start.line, d.source]),
      [['file-too-large', 3, 0, 'report-lint']],
    );
    assert.match(items[0].message, /larger than 1 MB/);
    // Below the limit again after an edit: checked as usual.
    await s.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: 'XX镇工作总结\n全年完成投资52亿元。\n' }] });
    const after = (await diagnose(s, uri)).items as any[];
    assert.ok(after.some((d) => d.code === 'placeholder') && !after.some((d) => d.code === 'file-too-large'));
    await s.assertAlive(uri);
  } finally {
    await s.close();
  }
});

test('rapid successive edits (versions 2..50) end with diagnostics for the last version only', async () => {
  const dir = tempWorkspace({});
  const uri = pathToFileURL(path.join(dir, '工作总结.txt')).href;
  // Version v has its placeholder at column v of line 1.
  const textOf = (v: number) => `XX镇工作总结\n${'好'.repeat(v)}XX\n`;
  const s = await startSession({ pull: false, rootDir: dir });
  try {
    await s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text: textOf(1) } });
    for (let v = 2; v <= 50; v++) {
      // Half the edits replace the whole text, half insert one character before the placeholder.
      const change = v % 2 ? { text: textOf(v) } : { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: '好' };
      await s.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [change] });
    }
    const last = await s.waitForPush(uri, (p) => p.version === 50);
    const columns = (p: Published) => p.diagnostics.filter((d) => d.code === 'placeholder' && d.range.start.line === 1).map((d) => d.range.start.character);
    assert.deepEqual(columns(last), [50]);
    await s.assertAlive(uri);
    const mine = s.published.filter((p) => p.uri === uri);
    assert.equal(mine[mine.length - 1].version, 50, 'nothing older is published after version 50');
    for (const p of mine) assert.deepEqual(columns(p), [p.version], `diagnostics of version ${p.version} describe that version`);
  } finally {
    await s.close();
  }
});

test('a .reportlint.yaml with (a+)+$ is reported on its line and the report is still checked promptly', async () => {
  const config = ['placeholders:', '  extra:', "    - '/(a+)+$/'", '    - 待定', ''].join('\n');
  // 30,000 a's then a mismatch: (a+)+$ would take longer than the universe has.
  const report = `XX镇工作总结\n${'a'.repeat(30_000)}!\n此项待定。\n`;
  const dir = tempWorkspace({ '.reportlint.yaml': config, '工作总结.txt': report });
  const uri = pathToFileURL(path.join(dir, '工作总结.txt')).href;
  const cfgUri = pathToFileURL(path.join(dir, '.reportlint.yaml')).href;
  const s = await startSession({ pull: true, rootDir: dir });
  try {
    await s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text: report } });
    const items = (await within(10_000, 'diagnostics with the unsafe config', s.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as any).items as any[];
    assert.deepEqual(
      items.filter((d) => d.code === 'placeholder').map((d) => `${d.range.start.line}:${d.range.start.character}`),
      ['0:0', '2:2'],
    );
    const cfg = await s.waitForPush(cfgUri, (p) => p.diagnostics.length > 0);
    assert.deepEqual(
      cfg.diagnostics.map((d) => [d.code, d.severity, d.range.start.line, d.range.start.character]),
      [['config', 1, 2, 6]],
    );
    assert.match(cfg.diagnostics[0].message, /unsafe regular expression \/\(a\+\)\+\$\//);
    await s.assertAlive(uri);
  } finally {
    await s.close();
  }
});

// Known bug (server.ts, computeCheck): the pre-check `text.length * 2 > limit` assumes at most
// 2 UTF-8 bytes per UTF-16 unit, but Chinese takes 3, so 0.5–0.75 M characters of Chinese
// (1.5–2.25 MB) pass a 1 MB limit unchecked. The fix is `text.length * 3 > limit`.
test('a Chinese document over the limit in UTF-8 bytes is caught too', async () => {
  const dir = tempWorkspace({});
  const uri = pathToFileURL(path.join(dir, '工作总结.txt')).href;
  const text = 'XX镇工作总结\n' + 'XX镇全年完成投资52亿元，同比增长8.3%。\n'.repeat(21_000);
  assert.ok(Buffer.byteLength(text) > 1024 * 1024 && text.length * 2 < 1024 * 1024);
  const s = await startSession({ pull: true, rootDir: dir, settings: { maxFileSizeMB: 1 } });
  try {
    await s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text } });
    const items = (await diagnose(s, uri)).items as any[];
    assert.deepEqual(items.map((d) => d.code), ['file-too-large']);
  } finally {
    await s.close();
  }
});
