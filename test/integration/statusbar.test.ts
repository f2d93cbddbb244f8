// The status-bar item shows the number of findings of the active report (and the profile). Extension
// code cannot read another extension's status-bar item, so the launcher reads the workbench DOM for us
// (see askBridge). Under launchers without that bridge (test-electron) this test is skipped, with a note.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { REPORT, WAIT_MS, askBridge, bridgeDir, fixture, open, ours, waitForDiagnostics } from './helpers';

interface StatusAnswer { ok: boolean; items: string[]; matched?: string }

export function statusBarSuite(): void {
  suite('status bar and commands', function () {
    test('shows the count of findings of the active report', async function () {
      if (!bridgeDir()) {
        console.log('    (status bar: no launcher bridge here, skipped; run-integration.mjs reads the DOM)');
        this.skip();
      }
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await open(REPORT);
      const diags = await waitForDiagnostics(fixture(REPORT), (d) => d.length > 0, 'findings of the example report');
      const count = ours(fixture(REPORT)).length || diags.length;
      const answer = await askBridge<StatusAnswer>('statusbar', { number: count, profile: 'zh-work-summary' }, WAIT_MS + 15000);
      assert.ok(answer.ok, `no status-bar item shows ${count} (the number of findings on ${REPORT}); items: ${JSON.stringify(answer.items)}`);
      console.log(`    status bar: "${answer.matched}"`);
    });

    test('reportLint.toggleForFile turns checking off and on again for the current file', async () => {
      await open(REPORT);
      const uri = fixture(REPORT);
      const before = (await waitForDiagnostics(uri, (d) => d.length > 0, 'findings before toggling')).length;
      await vscode.commands.executeCommand('reportLint.toggleForFile');
      await waitForDiagnostics(uri, (d) => d.length === 0, 'no findings after toggling checking off');
      await vscode.commands.executeCommand('reportLint.toggleForFile');
      await waitForDiagnostics(uri, (d) => d.length === before, `the ${before} findings back after toggling on`);
    });
  });
}
