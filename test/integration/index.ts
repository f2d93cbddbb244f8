// extensionTestsPath entry: VS Code's extension host loads this module and awaits run().
// Bundled by esbuild to out/test/integration/index.js with `vscode` and `mocha` external. The suites
// are imported statically (the bundle has no files to glob) and registered after Mocha's pre-require
// has put the tdd globals (suite/test/...) in place.
// One suite, two launchers: test/e2e/run-integration.mjs (code-server + Chromium, offline) and
// test/e2e/run-electron.mjs (@vscode/test-electron, where VS Code can be downloaded or is given).
import Mocha from 'mocha';
import { configSuite } from './config.test';
import { laterSuite } from './later.test';
import { reportSuite } from './report.test';
import { statusBarSuite } from './statusbar.test';
import { undoSuite } from './undo.test';
import { restartSuite } from './restart.test';
import { perfSuite } from './perf.test';
import { templatesSuite } from './templates.test';

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'tdd',
    color: false,
    reporter: 'spec',
    timeout: Number(process.env.REPORT_LINT_E2E_TEST_TIMEOUT_MS || 180000),
    grep: process.env.REPORT_LINT_E2E_GREP || undefined,
  });
  mocha.suite.emit('pre-require', globalThis, 'test/integration/index.ts', mocha);
  reportSuite();
  configSuite();
  statusBarSuite();
  laterSuite();
  undoSuite();
  templatesSuite();
  perfSuite();
  restartSuite(); // last: it kills and replaces the language server
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        const s = runner.stats;
        // a closing line CI can read: 'N passed, N failed, N skipped'
        console.log(`integration: ${s?.passes ?? 0} passed, ${failures} failed, ${s?.pending ?? 0} skipped`);
        failures > 0 ? reject(new Error(`${failures} integration test(s) failed`)) : resolve();
      });
    } catch (e) {
      reject(e);
    }
  });
}
