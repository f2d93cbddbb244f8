// Features of later issues. Each test runs only once its feature exists in the manifest (a contributed
// command); until then it is reported as pending, never as passed.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { REPORT, open, waitForTabs } from './helpers';

async function hasCommand(id: string): Promise<boolean> {
  return (await vscode.commands.getCommands(true)).includes(id);
}

export function laterSuite(): void {
  suite('later features (run when they exist)', function () {
    test('reportLint.openPreview opens a webview beside the report', async function () {
      if (!(await hasCommand('reportLint.openPreview'))) {
        console.log('    (preview: command reportLint.openPreview not contributed yet, pending)');
        this.skip();
      }
      await open(REPORT);
      await vscode.commands.executeCommand('reportLint.openPreview');
      const isWebview = (t: vscode.Tab) => t.input instanceof vscode.TabInputWebview;
      await waitForTabs(() => vscode.window.tabGroups.all.some((g) => g.tabs.some(isWebview)), 'a preview webview tab');
      const tab = vscode.window.tabGroups.all.flatMap((g) => g.tabs).find(isWebview)!;
      assert.ok(tab.label.length > 0, 'the preview tab has a title');
    });
  });
}
