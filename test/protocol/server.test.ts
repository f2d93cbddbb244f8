// Speaks LSP to the bundled server (dist/server.js) over stdio, as an editor would.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import * as fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { startSession, tempWorkspace, REPORT, type Session } from './lsp-session';

/** The diagnostics last pushed for `uri` once they satisfy `predicate`. */
async function pushedDiagnostics(s: Session, uri: string, predicate: (d: any[]) => boolean): Promise<any[]> {
  return (await s.waitForPush(uri, (p) => predicate(p.diagnostics))).diagnostics;
}


const summarize = (ds: any[]) => ds.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character}`).sort();

test('pull diagnostics: exact findings, source, code and docs link', async () => {
  const dir = tempWorkspace({ '工作总结.txt': REPORT });
  const uri = pathToFileURL(path.join(dir, '工作总结.txt')).href;
  const s = await startSession({ pull: true, rootDir: dir });
  try {
    await s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text: REPORT } });
    const report: any = await s.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
    assert.equal(report.kind, 'full');
    assert.deepEqual(summarize(report.items), [
      'duplicate-punctuation@3:11',
      'heading-numbering@6:0',
      'placeholder@0:0',
      'required-section@0:0',
    ]);
    const ph = report.items.find((d: any) => d.code === 'placeholder');
    assert.equal(ph.source, 'report-lint');
    assert.equal(ph.severity, 2);
    assert.deepEqual(ph.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 2 } });
    assert.match(ph.codeDescription.href, /docs\/rules\/placeholder\.md$/);
    const rs = report.items.find((d: any) => d.code === 'required-section');
    assert.equal(rs.severity, 3, 'the missing 落款 is info');
    // No pushes in pull mode: one validation per version, delivered by the pull.
    assert.equal(s.published.some((p) => p.uri === uri), false);
  } finally {
    await s.close();
  }
});

test('a client that adds rule links itself gets diagnostics without source and link; configuration problems keep their source', async () => {
  const dir = tempWorkspace({ '工作总结.txt': REPORT, '.reportlint.yaml': 'rules:\n  placeholder: loud\n' });
  const uri = pathToFileURL(path.join(dir, '工作总结.txt')).href;
  const s = await startSession({ pull: true, rootDir: dir, ruleLinks: 'client' });
  try {
    await s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text: REPORT } });
    const report: any = await s.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
    const ph = report.items.find((d: any) => d.code === 'placeholder');
    assert.deepEqual(ph, { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 2 } }, severity: 2, code: 'placeholder', message: ph.message });
    assert.equal(report.items.some((d: any) => 'source' in d || 'codeDescription' in d), false);
    const config = await s.waitForPush(pathToFileURL(path.join(dir, '.reportlint.yaml')).href, (p) => p.diagnostics.length > 0);
    assert.equal(config.diagnostics[0].source, 'report-lint');
    assert.equal(config.diagnostics[0].code, 'config');
  } finally {
    await s.close();
  }
});

test('incremental edit removes a placeholder finding; quick fix and fix-all edits', async () => {
  const dir = tempWorkspace({ '工作总结.txt': REPORT });
  const uri = pathToFileURL(path.join(dir, '工作总结.txt')).href;
  const s = await startSession({ pull: true, rootDir: dir });
  try {
    await s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text: REPORT } });
    await s.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 2 } }, text: '红河' }],
    });
    const report: any = await s.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
    assert.equal(report.items.some((d: any) => d.code === 'placeholder'), false);
    const actions: any[] = await s.conn.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 3, character: 12 }, end: { line: 3, character: 14 } },
      context: { diagnostics: [] },
    });
    const keepOne = actions.find((a) => a.title === 'Keep one "、"');
    assert.ok(keepOne, `titles: ${actions.map((a) => a.title).join(' | ')}`);
    assert.deepEqual(keepOne.edit.changes[uri], [{ range: { start: { line: 3, character: 11 }, end: { line: 3, character: 13 } }, newText: '、' }]);
    const disableLine = actions.find((a) => a.title === 'Disable duplicate-punctuation for this line');
    assert.deepEqual(disableLine.edit.changes[uri][0].newText, '<!-- report-lint-disable-next-line duplicate-punctuation -->\n');
    const fixAll: any[] = await s.conn.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll.reportLint'] },
    });
    assert.equal(fixAll.length, 1);
    assert.equal(fixAll[0].kind, 'source.fixAll.reportLint');
    assert.deepEqual(fixAll[0].edit.changes[uri], [{ range: { start: { line: 3, character: 11 }, end: { line: 3, character: 13 } }, newText: '、' }]);
  } finally {
    await s.close();
  }
});

test('a client that resolves code actions gets fix-all without its edits at the cursor, and the edits of the report as it is on resolve', async () => {
  const dir = tempWorkspace({ '工作总结.txt': REPORT });
  const uri = pathToFileURL(path.join(dir, '工作总结.txt')).href;
  const s = await startSession({ pull: true, rootDir: dir, resolveCodeActions: true });
  try {
    await s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text: REPORT } });
    await s.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
    // The light bulb's request at the cursor: every kind, fix-all offered without its edits.
    const atCursor: any[] = await s.conn.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], triggerKind: 2 },
    });
    const offered = atCursor.find((a) => a.kind === 'source.fixAll.reportLint');
    assert.deepEqual(offered, { title: 'Fix all auto-fixable problems (report-lint)', kind: 'source.fixAll.reportLint', data: { uri } });
    // Typed before picking it: a second doubled mark on line 6; the edits are those of the report now.
    await s.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 5, character: 0 }, end: { line: 5, character: 0 } }, text: '。。' }],
    });
    const resolved: any = await s.conn.sendRequest('codeAction/resolve', offered);
    assert.deepEqual(resolved.edit.changes[uri], [
      { range: { start: { line: 3, character: 11 }, end: { line: 3, character: 13 } }, newText: '、' },
      { range: { start: { line: 5, character: 0 }, end: { line: 5, character: 2 } }, newText: '。' },
    ]);
    // Quick fixes keep their edits (they are small and the one picked is applied at once).
    const quick: any[] = await s.conn.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 3, character: 12 }, end: { line: 3, character: 14 } },
      context: { diagnostics: [], only: ['quickfix'] },
    });
    assert.deepEqual(quick.find((a) => a.title === 'Keep one "、"').edit.changes[uri], [{ range: { start: { line: 3, character: 11 }, end: { line: 3, character: 13 } }, newText: '、' }]);
  } finally {
    await s.close();
  }
});

type Change = { range: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string };

/**
 * Opens `start`, applies `edits` one by one as incremental changes, and after each compares the
 * pulled diagnostics with those of the same text opened afresh under another name. Returns the
 * diagnostics of the first pull and the final text.
 */
async function editsMatchFresh(start: string, edits: Change[]): Promise<{ first: any; text: string }> {
  const dir = tempWorkspace({ '工作总结.txt': start });
  const uri = pathToFileURL(path.join(dir, '工作总结.txt')).href;
  const freshUri = pathToFileURL(path.join(dir, '对照.report')).href;
  const s = await startSession({ pull: true, rootDir: dir });
  try {
    await s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text: start } });
    const first: any = await s.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
    let text = start;
    for (const [k, change] of edits.entries()) {
      await s.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: k + 2 }, contentChanges: [change] });
      const l = text.split('\n');
      const at = (p: { line: number; character: number }) => l.slice(0, p.line).reduce((n, x) => n + x.length + 1, 0) + p.character;
      text = text.slice(0, at(change.range.start)) + change.text + text.slice(at(change.range.end));
      const edited: any = await s.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
      await s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: freshUri, languageId: 'report', version: k + 1, text } });
      const fresh: any = await s.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri: freshUri } });
      await s.conn.sendNotification('textDocument/didClose', { textDocument: { uri: freshUri } });
      assert.ok(edited.items.length > 0);
      assert.deepEqual(edited.items, fresh.items, `after edit ${k + 1}`);
    }
    return { first, text };
  } finally {
    await s.close();
  }
}

/**
 * A pulling session (our client's initialization) with REPORT open as 工作总结.txt; `insert` types
 * text at a place as a new version. Closes the session after `body`.
 */
async function withOpenReport(body: (s: Session, uri: string, insert: (version: number, line: number, character: number, text: string) => Promise<void>) => Promise<void>): Promise<void> {
  const dir = tempWorkspace({ '工作总结.txt': REPORT });
  const uri = pathToFileURL(path.join(dir, '工作总结.txt')).href;
  const s = await startSession({ pull: true, rootDir: dir, ruleLinks: 'client' });
  const insert = (version: number, line: number, character: number, text: string) =>
    s.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: { line, character }, end: { line, character } }, text }] });
  try {
    await s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text: REPORT } });
    await body(s, uri, insert);
  } finally {
    await s.close();
  }
}

test('result ids: a pull after edits that leave every diagnostic where it was is answered "unchanged"', async () => {
  await withOpenReport(async (s, uri, insert) => {
    const pull = (previousResultId?: string): Promise<any> => s.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri }, previousResultId });
    const first = await pull();
    assert.equal(first.kind, 'full');
    assert.equal(typeof first.resultId, 'string');
    assert.ok(summarize(first.items).includes('duplicate-punctuation@3:11'));
    // a paragraph without findings
    await insert(2, 5, 2, '认真');
    assert.deepEqual(await pull(first.resultId), { kind: 'unchanged', resultId: first.resultId });
    // the end of the paragraph with 、、: checked again, its finding made anew, in the same place
    await insert(3, 3, REPORT.split('\n')[3].length, '及时');
    assert.deepEqual(await pull(first.resultId), { kind: 'unchanged', resultId: first.resultId });
    // a client that has no list yet gets the whole list
    const again = await pull();
    assert.equal(again.kind, 'full');
    assert.deepEqual(again.items, first.items);
    // a character before the 、、 moves its finding: the whole list, under a new id
    await insert(4, 3, 0, '共');
    const moved = await pull(again.resultId);
    assert.equal(moved.kind, 'full');
    assert.notEqual(moved.resultId, again.resultId);
    assert.deepEqual(summarize(moved.items), summarize(first.items).map((d) => d.replace('duplicate-punctuation@3:11', 'duplicate-punctuation@3:12')));
    // an id that is not the last one given gets the whole list
    const stale = await pull(again.resultId);
    assert.equal(stale.kind, 'full');
    assert.deepEqual(stale.items, moved.items);
  });
});

test('diagnostics deltas: our client\'s pull is answered with the changes to the list it has', async () => {
  await withOpenReport(async (s, uri, insert) => {
    const pull = (previousResultId?: string): Promise<any> => s.conn.sendRequest('reportLint/diagnostics', { textDocument: { uri }, previousResultId });
    /** The steps, each as "keep n", "keep n moved k", "drop n" or "add" and the findings added. */
    const steps = (ops: any[]) => ops.map((o) => ('add' in o ? `add ${summarize(o.add).join(' ')}` : 'drop' in o ? `drop ${o.drop}` : `keep ${o.keep}${o.lines ? ` moved ${o.lines}` : ''}`));
    const first = await pull();
    assert.equal(first.kind, 'full');
    assert.deepEqual(summarize(first.items), ['duplicate-punctuation@3:11', 'heading-numbering@6:0', 'placeholder@0:0', 'required-section@0:0']);
    // a placeholder typed on line 5, between the 、、 of line 3 and the numbering gap of line 6
    await insert(2, 5, 0, 'XX');
    const added = await pull(first.resultId);
    assert.equal(added.kind, 'delta');
    assert.notEqual(added.resultId, first.resultId);
    assert.deepEqual(steps(added.ops), ['keep 3', 'add placeholder@5:0', 'keep 1']);
    // a line typed under the title moves every finding below it by one line: nothing is sent again
    await insert(3, 1, 0, '\n');
    const movedDown = await pull(added.resultId);
    assert.deepEqual(steps(movedDown.ops), ['keep 2', 'keep 3 moved 1']);
    // the placeholder deleted again
    await s.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 4 }, contentChanges: [{ range: { start: { line: 6, character: 0 }, end: { line: 6, character: 2 } }, text: '' }] });
    const dropped = await pull(movedDown.resultId);
    assert.deepEqual(steps(dropped.ops), ['keep 3', 'drop 1', 'keep 1']);
    // nothing changed since: unchanged, as for the standard pull
    assert.deepEqual(await pull(dropped.resultId), { kind: 'unchanged', resultId: dropped.resultId });
    // a list the server did not give last (or none) gets the whole list
    const stale = await pull(first.resultId);
    assert.equal(stale.kind, 'full');
    assert.deepEqual(summarize(stale.items), ['duplicate-punctuation@4:11', 'heading-numbering@7:0', 'placeholder@0:0', 'required-section@0:0']);
    // the standard pull never answers with steps
    await insert(5, 6, 0, 'XX');
    const standard: any = await s.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri }, previousResultId: stale.resultId });
    assert.equal(standard.kind, 'full');
    assert.equal(standard.items.length, 5);
  });
});

test('opening a report: the requests that come together share one check, and the diagnostics are answered first', async () => {
  await withOpenReport(async (s, uri, insert) => {
    // What VS Code asks for when it opens a file, in the order it tends to: outline first.
    const answered: string[] = [];
    const ask = (method: string) => s.conn.sendRequest(method, { textDocument: { uri } }).then((r) => (answered.push(method), r));
    const [symbols, , , diagnostics]: any[] = await Promise.all([
      ask('textDocument/documentSymbol'),
      ask('textDocument/foldingRange'),
      ask('textDocument/codeLens'),
      ask('textDocument/diagnostic'),
    ]);
    assert.equal(answered[0], 'textDocument/diagnostic', `answered in the order ${answered.join(', ')}`);
    assert.deepEqual(summarize(diagnostics.items), ['duplicate-punctuation@3:11', 'heading-numbering@6:0', 'placeholder@0:0', 'required-section@0:0']);
    assert.equal(symbols[0].name, 'XX镇2024年宣传工作总结');
    // One check of version 1: the server sends a status after each check, before its answers.
    assert.equal(s.statuses.filter((u) => u === uri).length, 1);
    // Typing a 、 brings a completion request and the pull together: one check of version 2.
    await insert(2, 5, 4, '、');
    await Promise.all([
      s.conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 5, character: 5 }, context: { triggerKind: 2, triggerCharacter: '、' } }),
      s.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } }),
    ]);
    assert.equal(s.statuses.filter((u) => u === uri).length, 2);
  });
});

test('result ids name the server process: a restarted server never answers with an id the last one gave', async () => {
  const dir = tempWorkspace({ '工作总结.txt': REPORT });
  const uri = pathToFileURL(path.join(dir, '工作总结.txt')).href;
  const ids: string[] = [];
  for (let run = 0; run < 2; run++) {
    const s = await startSession({ pull: true, rootDir: dir, ruleLinks: 'client' });
    try {
      await s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text: REPORT } });
      const first: any = await s.conn.sendRequest('reportLint/diagnostics', { textDocument: { uri } });
      ids.push(first.resultId);
      // a list the earlier process gave is not taken for this one's
      if (run === 1) assert.equal(((await s.conn.sendRequest('reportLint/diagnostics', { textDocument: { uri }, previousResultId: ids[0] })) as any).kind, 'full');
    } finally {
      await s.close();
    }
  }
  assert.notEqual(ids[0], ids[1]);
});

test('capabilities: diagnostics deltas offered to clients that pull (experimental); no file operations or notebooks', async () => {
  const dir = tempWorkspace({ '工作总结.txt': REPORT });
  for (const pull of [true, false]) {
    const s = await startSession({ pull, rootDir: dir });
    try {
      assert.equal(s.capabilities?.experimental?.reportLintDiagnosticDeltas, pull ? true : undefined);
      // Our client bundles no glob matcher (esbuild.mjs, no-minimatch): no file operations, no notebooks.
      assert.equal(s.capabilities?.workspace?.fileOperations, undefined);
      assert.equal(s.capabilities?.notebookDocumentSync, undefined);
    } finally {
      await s.close();
    }
  }
});

test('after edits above, below and between findings, the diagnostics equal those of the text opened afresh', async () => {
  // Edits that move findings by lines and by columns, and one that leaves the earlier ones be.
  await editsMatchFresh(REPORT, [
    { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: '新增一行XX内容。\n' },
    { range: { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } }, text: '前缀' },
    { range: { start: { line: 9, character: 0 }, end: { line: 9, character: 2 } }, text: '' },
    { range: { start: { line: 0, character: 2 }, end: { line: 0, character: 2 } }, text: '\n' },
  ]);
});

test('after deleting a stretch with many findings and editing past it, the diagnostics equal those of the text opened afresh', async () => {
  // Sixty findings; the deletion removes forty of them at once, more than the server looks ahead
  // when it pairs the findings of two checks.
  const body = Array.from({ length: 30 }, (_, i) => `${i + 1}. 本月XX镇完成任务XX项。`).join('\n');
  const { first, text } = await editsMatchFresh(`2024年XX工作总结\n\n${body}\n`, [
    { range: { start: { line: 4, character: 0 }, end: { line: 24, character: 0 } }, text: '' },
    { range: { start: { line: 6, character: 3 }, end: { line: 6, character: 3 } }, text: '的' },
    { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: '\n' },
  ]);
  assert.ok(first.items.filter((d: any) => d.code === 'placeholder').length >= 60);
  assert.equal(text.split('\n').filter((x) => x.includes('XX镇')).length, 10);
});

test('push fallback for clients without pull support, Chinese messages, ordinary notes ignored', async () => {
  const dir = tempWorkspace({ '工作总结.txt': REPORT, 'notes.md': '# Notes\n\nXX is fine here.\n' });
  const uri = pathToFileURL(path.join(dir, '工作总结.txt')).href;
  const notes = pathToFileURL(path.join(dir, 'notes.md')).href;
  const s = await startSession({ pull: false, rootDir: dir, locale: 'zh-cn' });
  try {
    await s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text: REPORT } });
    await s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: notes, languageId: 'markdown', version: 1, text: '# Notes\n\nXX is fine here.\n' } });
    const ds = await pushedDiagnostics(s, uri, (d) => d.length > 0);
    assert.deepEqual(summarize(ds), ['duplicate-punctuation@3:11', 'heading-numbering@6:0', 'placeholder@0:0', 'required-section@0:0']);
    assert.equal(ds.find((d) => d.code === 'placeholder').message, '占位符“XX”未填写，请替换为实际内容。');
    const notesDs = await pushedDiagnostics(s, notes, () => true);
    assert.deepEqual(notesDs, []);
  } finally {
    await s.close();
  }
});

test('a malformed .reportlint.yaml is reported on the config file, defaults used', async () => {
  const dir = tempWorkspace({ '.reportlint.yaml': 'rules:\n  placeholder: warning\n    bad: indent\n', 'sub/述职报告.txt': '个人述职报告\nXX同志任职以来。\n' });
  const uri = pathToFileURL(path.join(dir, 'sub/述职报告.txt')).href;
  const cfgUri = pathToFileURL(path.join(dir, '.reportlint.yaml')).href;
  const s = await startSession({ pull: true, rootDir: dir });
  try {
    await s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text: '个人述职报告\nXX同志任职以来。\n' } });
    const report: any = await s.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
    assert.ok(report.items.some((d: any) => d.code === 'placeholder' && d.range.start.line === 1));
    const cfg = await pushedDiagnostics(s, cfgUri, (d) => d.length > 0);
    assert.equal(cfg[0].source, 'report-lint');
    assert.equal(cfg[0].code, 'config');
    assert.equal(cfg[0].range.start.line, 1);
    assert.match(cfg[0].message, /YAML syntax error/);
  } finally {
    await s.close();
  }
});

test('an untrusted workspace: regexes in .reportlint.yaml are reported and left out, plain strings apply', async () => {
  const cfg = "placeholders:\n  extra: ['待定', '/某[甲乙]/']\n";
  const text = '个人述职报告\n张某甲同志任职以来，时间待定。\n';
  const dir = tempWorkspace({ '.reportlint.yaml': cfg, '述职报告.txt': text });
  const uri = pathToFileURL(path.join(dir, '述职报告.txt')).href;
  const cfgUri = pathToFileURL(path.join(dir, '.reportlint.yaml')).href;
  const s = await startSession({ pull: true, rootDir: dir, trusted: false });
  try {
    await s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text } });
    const report: any = await s.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
    const placeholders = report.items.filter((d: any) => d.code === 'placeholder').map((d: any) => text.split('\n')[d.range.start.line].slice(d.range.start.character, d.range.end.character));
    assert.deepEqual(placeholders, ['待定']);
    const cfgDiags = await pushedDiagnostics(s, cfgUri, (d) => d.length > 0);
    assert.deepEqual(cfgDiags.map((d: any) => [d.range.start.line, d.range.start.character, d.severity]), [[1, 16, 2]]);
    assert.match(cfgDiags[0].message, /not allowed in an untrusted workspace/);
  } finally {
    await s.close();
  }
});

test('hover on a figure shows the computation; reportLint/figures returns figures with ranges', async () => {
  const text = '红河镇2024年工作总结\n2024年，全镇农民人均可支配收入达到18650元，比上年的17300元增长12.5%。\n';
  const dir = tempWorkspace({ 'fig.report.txt': text });
  const uri = pathToFileURL(path.join(dir, 'fig.report.txt')).href;
  const s = await startSession({ pull: true, rootDir: dir });
  try {
    await s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'report', version: 1, text } });
    const report: any = await s.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
    const pm = report.items.find((d: any) => d.code === 'percentage-mismatch');
    assert.deepEqual([pm.range.start.line, pm.range.start.character, pm.message], [1, 38, '17300 → 18650 is +7.8%, stated 12.5%.']);
    const hover: any = await s.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 40 } });
    assert.match(hover.contents.value, /17300 → 18650/);
    const figures: any = await s.conn.sendRequest('reportLint/figures', { uri });
    const values = figures.figures.map((f: any) => [f.value, f.unit, f.range.start.line]);
    assert.deepEqual(values.filter((v: any[]) => v[0] === 18650 || v[0] === 17300), [[18650, '元', 1], [17300, '元', 1]]);
  } finally {
    await s.close();
  }
});

test('editing .reportlint.yaml re-checks open reports: the server asks the client to pull again', async () => {
  const text = '个人述职报告\nXX同志任职以来，时间待定。\n';
  const dir = tempWorkspace({ '.reportlint.yaml': 'rules:\n  placeholder: warning\n', '述职报告.txt': text });
  const uri = pathToFileURL(path.join(dir, '述职报告.txt')).href;
  const cfgUri = pathToFileURL(path.join(dir, '.reportlint.yaml')).href;
  const s = await startSession({ pull: true, rootDir: dir });
  let refreshed!: () => void;
  const refresh = new Promise<void>((resolve) => (refreshed = resolve));
  s.conn.onRequest('workspace/diagnostic/refresh', () => {
    refreshed();
    return null;
  });
  try {
    await s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text } });
    const before: any = await s.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
    assert.deepEqual(before.items.filter((d: any) => d.code === 'placeholder').map((d: any) => d.severity), [2]);
    fs.writeFileSync(path.join(dir, '.reportlint.yaml'), 'rules:\n  placeholder: error\nplaceholders:\n  extra: [待定]\n');
    await s.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: cfgUri, type: 2 }] });
    await refresh;
    const after: any = await s.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
    assert.deepEqual(after.items.filter((d: any) => d.code === 'placeholder').map((d: any) => [d.range.start.character, d.severity]), [[0, 1], [11, 1]]);
  } finally {
    await s.close();
  }
});
