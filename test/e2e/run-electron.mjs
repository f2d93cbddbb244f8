#!/usr/bin/env node
// The second launcher of the same integration suite: @vscode/test-electron (a root devDependency), for
// machines where desktop VS Code can be downloaded or is already installed. It cannot run on the
// offline CI machine (no VS Code download there): use run-integration.mjs (code-server) there.
//
// usage: node test/e2e/run-electron.mjs
//   VSCODE_EXECUTABLE_PATH=/path/to/code   use an installed VS Code instead of downloading one
//   VSCODE_VERSION=1.100.3                 version to download (default: the one code-server pins)
// The status-bar test skips itself here (it needs the browser bridge of run-integration.mjs).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { REPO, copyWorkspace, ensureSuiteBuilt, makeRunDir } from './lib.mjs';

const TESTS = path.join(REPO, 'out', 'test', 'integration', 'index.js');
await ensureSuiteBuilt(TESTS, 'electron');
const { runTests } = createRequire(path.join(REPO, 'package.json'))('@vscode/test-electron');
const runDir = makeRunDir('electron');
const ws = copyWorkspace(runDir);
let code = 1;
try {
  await runTests({
    version: process.env.VSCODE_VERSION || '1.100.3',
    vscodeExecutablePath: process.env.VSCODE_EXECUTABLE_PATH || undefined,
    extensionDevelopmentPath: REPO,
    extensionTestsPath: TESTS,
    launchArgs: [ws, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes',
      '--user-data-dir', path.join(runDir, 'user-data'), '--extensions-dir', path.join(runDir, 'extensions')],
    extensionTestsEnv: { REPORT_LINT_E2E_BRIDGE: '' },
  });
  code = 0;
} catch (e) {
  console.error(`test-electron: ${e.message || e}`);
} finally {
  if (code === 0) fs.rmSync(runDir, { recursive: true, force: true });
}
process.exit(code);
