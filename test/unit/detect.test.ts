// Which files are reports (extension, name, config, title line) and how their bytes are decoded.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decideReport, decodeReportBytes, formatOf } from '../../server/src/engine';

test('report extensions are always reports', () => {
  assert.deepEqual(decideReport('docs/q3.report.md', '', {}), { isReport: true, reason: 'extension' });
  assert.deepEqual(decideReport('q3.report', '', {}), { isReport: true, reason: 'extension' });
  assert.deepEqual(decideReport('Q3.REPORT.TXT', '', {}), { isReport: true, reason: 'extension' });
});

test('a name with 总结/报告/述职/汇报/report is a report; the include list can change that', () => {
  for (const name of ['2024年工作总结.txt', '调研报告.md', '个人述职.txt', '工作汇报.md', 'Weekly-Report.md']) {
    assert.deepEqual(decideReport(`dir/${name}`, '', {}), { isReport: true, reason: 'name' }, name);
  }
  assert.deepEqual(decideReport('notes.md', '', { include: ['notes'] }), { isReport: true, reason: 'name' });
  // Only the file's own name counts, not its folder.
  assert.deepEqual(decideReport('报告/notes.md', 'hello', {}), { isReport: false, reason: 'none' });
});

test('a .reportlint.yaml that applies makes any text file a report', () => {
  assert.deepEqual(decideReport('notes.md', 'hello', { hasConfig: true }), { isReport: true, reason: 'config' });
});

test('a title line naming a report genre makes a file a report', () => {
  assert.deepEqual(decideReport('a.txt', '\ufeff东风镇2024年度意识形态工作总结\n正文', {}), { isReport: true, reason: 'title' });
  assert.deepEqual(decideReport('a.md', '---\ntags: x\n---\n# 关于2024年工作情况的报告\n', {}), { isReport: true, reason: 'title' });
  assert.deepEqual(decideReport('a.txt', '政 府 工 作 报 告\n', {}), { isReport: true, reason: 'title' });
  assert.deepEqual(decideReport('a.md', '# Q3 Status Report\n', {}), { isReport: true, reason: 'title' });
  assert.deepEqual(decideReport('a.md', '# 读书笔记\n今天读了一份报告。', {}), { isReport: false, reason: 'none' });
  // A sentence that ends in 报告 is not a title.
  assert.deepEqual(decideReport('a.txt', '请大家认真阅读这份报告，', {}), { isReport: false, reason: 'none' });
});

test('format follows the extension', () => {
  assert.equal(formatOf('a.report.md'), 'markdown');
  assert.equal(formatOf('a.markdown'), 'markdown');
  assert.equal(formatOf('a.txt'), 'plain');
  assert.equal(formatOf('a.report'), 'plain');
});

const utf8 = (s: string) => Array.from(new TextEncoder().encode(s));
const decode = (bytes: number[]) => {
  const d = decodeReportBytes(new Uint8Array(bytes));
  return { text: d.text, encoding: d.encoding };
};

test('decoding: UTF-8 with and without BOM', () => {
  assert.deepEqual(decode(utf8('你好')), { text: '你好', encoding: 'utf-8' });
  assert.deepEqual(decode([0xef, 0xbb, 0xbf, ...utf8('你好')]), { text: '你好', encoding: 'utf-8' });
});

test('decoding: UTF-16LE and UTF-16BE with BOM', () => {
  // 你 = U+4F60, 好 = U+597D
  assert.deepEqual(decode([0xff, 0xfe, 0x60, 0x4f, 0x7d, 0x59]), { text: '你好', encoding: 'utf-16le' });
  assert.deepEqual(decode([0xfe, 0xff, 0x4f, 0x60, 0x59, 0x7d]), { text: '你好', encoding: 'utf-16be' });
});

test('decoding: GB18030/GBK bytes are detected', () => {
  // 你好 = C4 E3 BA C3 in GBK; "总结" = D7 DC BD E1
  assert.deepEqual(decode([0xc4, 0xe3, 0xba, 0xc3, 0x0a, 0xd7, 0xdc, 0xbd, 0xe1]), { text: '你好\n总结', encoding: 'gb18030' });
});

test('decoding: bytes with NUL and no UTF-16 BOM are binary', () => {
  assert.equal(decodeReportBytes(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00])).binary, true);
});

test('decoding: strict UTF-8 — what is not valid UTF-8 is read as GB18030', () => {
  // 𠮷 (a surrogate pair in UTF-16) is valid four-byte UTF-8.
  assert.deepEqual(decode(utf8('𠮷野家\r\n')), { text: '𠮷野家\r\n', encoding: 'utf-8' });
  // Overlong "/", an encoded surrogate, a code point above U+10FFFF, a sequence cut off at the end.
  for (const bad of [[0x61, 0xc0, 0xaf], [0x61, 0xed, 0xa0, 0x80], [0x61, 0xf4, 0x90, 0x80, 0x80], [...utf8('你好'), 0xe4, 0xbd]]) {
    assert.equal(decode(bad).encoding, 'gb18030', bad.map((b) => b.toString(16)).join(' '));
  }
  assert.deepEqual(decode([]), { text: '', encoding: 'utf-8' });
});

test('decoding: the BOM is reported and dropped, as the UTF-8 decoder drops it', () => {
  assert.deepEqual(decodeReportBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('总结')])), { text: '总结', encoding: 'utf-8', bom: true });
  assert.deepEqual(decodeReportBytes(new Uint8Array(utf8('总结'))), { text: '总结', encoding: 'utf-8', bom: false });
  // A second BOM right after the first goes too (TextDecoder's behaviour, kept); one later stays.
  assert.equal(decodeReportBytes(new Uint8Array([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf, 0x61])).text, 'a');
  assert.equal(decodeReportBytes(new Uint8Array(utf8('a\ufeffb'))).text, 'a\ufeffb');
});

test('decoding: a view into a larger buffer decodes only its own bytes', () => {
  const whole = new Uint8Array([0xff, ...utf8('工作报告'), 0xff]);
  assert.deepEqual(decode(Array.from(whole.subarray(1, whole.length - 1))), { text: '工作报告', encoding: 'utf-8' });
  assert.deepEqual(decodeReportBytes(whole.subarray(1, whole.length - 1)), { text: '工作报告', encoding: 'utf-8', bom: false });
});
