#!/usr/bin/env node
// `npm run demo`: the product in a browser, for a newcomer without VS Code. Installs the packaged
// extension (report-lint.vsix, made by `npm run package`) into a fresh, isolated code-server
// (VS Code 1.100.3, from npm) on 127.0.0.1, opens a copy of examples/ and prints the URL. Stays up
// until Ctrl-C, then stops its process group and removes its temp state.
//
// usage: node test/e2e/demo.mjs [--vsix FILE] [--port N] [--folder DIR] [--smoke]
//   --smoke  start, check that the page and the installed extension answer, stop (for CI)
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import {
  REPO, codeServerCli, hardTimeout, lap, makeRunDir, onSignals, requireInstalled, startCodeServer, workbenchUrl,
} from './lib.mjs';

const TAG = 'demo';
const args = process.argv.slice(2);
const opt = (name) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const VSIX = path.resolve(opt('--vsix') || path.join(REPO, 'report-lint.vsix'));
const FOLDER = path.resolve(opt('--folder') || path.join(REPO, 'examples'));
const SMOKE = args.includes('--smoke');

requireInstalled();
if (!fs.existsSync(VSIX)) {
  console.error(`${path.relative(process.cwd(), VSIX) || VSIX} is missing: run \`npm run package\` at the repo root first`);
  process.exit(2);
}
if (!fs.existsSync(FOLDER)) { console.error(`${FOLDER} does not exist`); process.exit(2); }

const runDir = makeRunDir('demo');
let cs;
let stopping = false;
const cleanup = async () => {
  stopping = true;
  if (cs) await cs.stop();
  fs.rmSync(runDir, { recursive: true, force: true });
};
onSignals(async () => { console.log('\nstopping code-server'); await cleanup(); });
if (SMOKE) hardTimeout(TAG, 120, cleanup);

// a copy, so that the demo never edits the repo's examples
const ws = path.join(runDir, path.basename(FOLDER));
fs.cpSync(FOLDER, ws, { recursive: true });
const installed = await codeServerCli(runDir, ['--install-extension', VSIX]);
lap(TAG, installed.trim().split('\n').pop());
const list = await codeServerCli(runDir, ['--list-extensions', '--show-versions']);
if (!/report-lint\.report-lint@/.test(list)) {
  console.error(`the extension is not listed after installing ${VSIX}:\n${list}`);
  await cleanup();
  process.exit(1);
}
cs = await startCodeServer(runDir, { tag: TAG, port: opt('--port') });
// open the first example report of the folder, as a newcomer would
const first = fs.readdirSync(ws).filter((f) => /\.report(\.(md|txt))?$|总结|报告/.test(f)).sort()[0];
const url = workbenchUrl(cs, ws, first ? [['openFile', `vscode-remote://${cs.authority}${path.join(ws, first)}`]] : []);

if (SMOKE) {
  const status = await new Promise((resolve) => http.get(url, (r) => { r.resume(); resolve(r.statusCode); }).on('error', () => resolve(0)));
  lap(TAG, `GET ${url} -> ${status}; installed: ${list.trim().split('\n').filter((l) => l.includes('report-lint')).join(', ')}`);
  await cleanup();
  console.log(`demo: ${status === 200 ? 1 : 0} passed, ${status === 200 ? 0 : 1} failed`);
  process.exit(status === 200 ? 0 : 1);
}

console.log(`
  report-lint demo: VS Code ${'1.100.3'} in your browser, with report-lint installed from ${path.basename(VSIX)}
  open:  ${url}
  (listening on 127.0.0.1 only; from another machine use an SSH tunnel: ssh -L ${cs.port}:127.0.0.1:${cs.port} ...)
  Ctrl-C stops it.
`);
cs.child.on('exit', async (code) => {
  if (stopping) return;
  console.error(`code-server exited (${code})`);
  await cleanup();
  process.exit(1);
});
