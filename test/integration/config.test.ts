// A malformed .reportlint.yaml: its error is shown on the config file itself, and the report next to
// it is still checked with the defaults (the broken file says `placeholder: off`, which must not apply).
import * as assert from 'assert';
import * as vscode from 'vscode';
import { SUB_CONFIG, SUB_REPORT, describeDiags, fixture, linesOf, open, ours, waitForDiagnostics } from './helpers';

export function configSuite(): void {
  suite('a malformed .reportlint.yaml', function () {
    test('the report beside it is checked with the defaults', async () => {
      await open(SUB_REPORT);
      // 某某村2024年工作总结: the 某某 on line 0 is a placeholder although the broken config turns placeholder off
      await waitForDiagnostics(fixture(SUB_REPORT), (d) => linesOf(d, 'placeholder').join(',') === '0',
        'a placeholder on line 0 (某某) of the sub-folder report');
    });

    test('its error is a diagnostic on the config file, at the line of the error', async () => {
      await open(SUB_REPORT);
      const cfg = fixture(SUB_CONFIG);
      // yaml reports the bad indentation at line 4, column 16 (1-based) => 0-based line 3
      const diags = await waitForDiagnostics(cfg, (d) => d.length > 0, 'a report-lint diagnostic on sub/.reportlint.yaml');
      const atError = diags.filter((d) => d.range.start.line === 3 || d.range.start.line === 4);
      assert.ok(atError.length > 0, `the config error must point at line 4 (0-based 3), got:\n${describeDiags(diags)}`);
      assert.ok(atError.some((d) => d.severity === vscode.DiagnosticSeverity.Error || d.severity === vscode.DiagnosticSeverity.Warning),
        `a broken config is an error or warning, got:\n${describeDiags(diags)}`);
      assert.deepStrictEqual(ours(fixture('notes.md')), [], 'the sub-folder config must not affect notes.md');
    });
  });
}
