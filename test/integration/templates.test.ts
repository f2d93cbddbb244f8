// "Report: New report from template…" in the real editor: the skeleton comes from the extension's
// snippets/report.code-snippets.json (read from the installed extension, not bundled).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { EXTENSION_ID } from './helpers';

export function templatesSuite(): void {
  suite('new report from template', function () {
    suiteTeardown(async () => {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    });

    test('reportLint.newFromTemplate zh-work-summary opens an untitled report holding the 工作总结 skeleton', async () => {
      const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
      await ext.activate();
      const snippets = JSON.parse(fs.readFileSync(path.join(ext.extensionPath, 'snippets', 'report.code-snippets.json'), 'utf8')) as Record<string, { body: string[] }>;
      const body = snippets['工作总结 Work summary (skeleton)'].body;
      const editor = await vscode.commands.executeCommand<vscode.TextEditor | undefined>('reportLint.newFromTemplate', 'zh-work-summary');
      assert.ok(editor, 'the command resolves to the new editor');
      const doc = editor.document;
      assert.strictEqual(doc.isUntitled, true, 'an untitled document');
      assert.strictEqual(doc.languageId, 'report');
      const text = doc.getText();
      // The snippet's fixed text is there with its fields filled by their defaults (e.g. ${1:XX镇} → XX镇).
      assert.ok(text.includes('一、主要做法和成效'), `the skeleton's first heading is there; got:\n${text.slice(0, 300)}`);
      assert.ok(body.includes('一、主要做法和成效'), 'the heading comes from the snippets file');
      assert.match(text.split('\n')[0], /^XX镇\d{4}年度XX工作总结$/, 'the title line with its defaults and the current year');
    });
  });
}
