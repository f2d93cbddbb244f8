// Issue 6: renumbering and fill-all are ONE edit each, so that one `undo` restores the text exactly.
// Fixtures: renumber/编号跳号.report.txt (一、二、四、五、: a gap before 四、) and fill/ (a .reportlint.yaml
// with variables {单位: 红河镇} and fill {xx镇: 单位}, and a report holding xx镇 five times).
import * as assert from 'assert';
import * as vscode from 'vscode';
import { codeActionsAt, fixture, linesOf, open, ruleOf, waitForDiagnostics } from './helpers';

export const RENUMBER_REPORT = 'renumber/编号跳号.report.txt';
export const FILL_REPORT = 'fill/待填写.report.txt';

/** Resolves when the document's text satisfies `accept` (checked now and on each change); bounded. */
function waitForText(doc: vscode.TextDocument, accept: (t: string) => boolean, what: string, timeoutMs = 30000): Promise<void> {
  return new Promise((resolve, reject) => {
    if (accept(doc.getText())) return resolve();
    const sub = vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document === doc && accept(doc.getText())) { sub.dispose(); clearTimeout(timer); resolve(); }
    });
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; the text now:\n${doc.getText()}`));
    }, timeoutMs);
  });
}

async function revertAndClose(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.files.revert');
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

export function undoSuite(): void {
  suite('one edit, one undo (renumbering, fill-all)', function () {
    teardown(revertAndClose);

    test('"Renumber from here" on 四、 makes 四→三 and 五→四, and one undo restores the text exactly', async () => {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      const editor = await open(RENUMBER_REPORT);
      const doc = editor.document;
      const uri = fixture(RENUMBER_REPORT);
      const before = doc.getText();
      const lineOf = (prefix: string) => doc.getText().split(/\r?\n/).findIndex((l) => l.startsWith(prefix));
      const siLine = lineOf('四、');
      assert.ok(siLine > 0, 'the fixture has a 四、 heading');
      const diags = await waitForDiagnostics(uri, (d) => linesOf(d, 'heading-numbering').includes(siLine), `a heading-numbering finding on line ${siLine} (四、)`);
      const finding = diags.find((d) => ruleOf(d) === 'heading-numbering' && d.range.start.line === siLine)!;

      const actions = await codeActionsAt(uri, finding.range);
      const renumber = actions.find((a) => /Renumber from here|从此处起重新编号/.test(a.title));
      assert.ok(renumber, `no "Renumber from here" action on the 四、 finding; offered: ${JSON.stringify(actions.map((a) => a.title))}`);
      assert.ok(renumber.edit, 'the renumber action carries its edit');
      assert.ok(await vscode.workspace.applyEdit(renumber.edit), 'applyEdit failed');

      const expected = before.replace('\n四、存在的问题', '\n三、存在的问题').replace('\n五、下一步工作打算', '\n四、下一步工作打算');
      assert.notStrictEqual(expected, before, 'the fixture holds the headings the test renumbers');
      assert.strictEqual(doc.getText(), expected, 'after renumbering: 四、→三、 and 五、→四、, nothing else changed');

      await vscode.window.showTextDocument(doc); // undo acts on the active editor
      await vscode.commands.executeCommand('undo');
      await waitForText(doc, (t) => t === before, 'one undo to restore the text before renumbering');
      assert.strictEqual(doc.getText(), before, 'one undo restores the text exactly');
      await waitForDiagnostics(uri, (d) => linesOf(d, 'heading-numbering').includes(siLine), 'the gap reported again after undo');
    });

    test('reportLint.fillPlaceholders replaces every xx镇 with 红河镇, the findings go, and one undo restores all', async () => {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      const editor = await open(FILL_REPORT);
      const doc = editor.document;
      const uri = fixture(FILL_REPORT);
      const before = doc.getText();
      const n = before.split('xx镇').length - 1;
      assert.ok(n >= 3, `the fixture holds several xx镇 (found ${n})`);
      await waitForDiagnostics(uri, (d) => linesOf(d, 'placeholder').length >= n, `${n} placeholder findings before filling`);

      await vscode.commands.executeCommand('reportLint.fillPlaceholders');
      const filled = before.split('xx镇').join('红河镇');
      await waitForText(doc, (t) => t === filled, 'every xx镇 replaced by 红河镇 (and nothing else changed)');
      await waitForDiagnostics(uri, (d) => linesOf(d, 'placeholder').length === 0, 'no placeholder finding left after filling');

      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('undo');
      await waitForText(doc, (t) => t === before, 'one undo to restore every xx镇');
      assert.strictEqual(doc.getText(), before, 'one undo restores the text exactly');
      await waitForDiagnostics(uri, (d) => linesOf(d, 'placeholder').length >= n, 'the placeholder findings back after undo');
    });
  });
}
