#!/usr/bin/env node
// `npm run test:neovim`: a second real LSP client. Headless Neovim (Debian's; 0.7+ has the built-in
// client) opens the example report of test/fixtures/workspace, starts the bundled server
// `node dist/server.js --stdio` through vim.lsp.start_client (see neovim-check.lua), waits (bounded)
// for textDocument/publishDiagnostics (the server pushes when the client has no pull support), writes
// what it received as JSON, and quits. This script asserts the exact rule ids and lines.
//
// usage: node test/e2e/neovim-check.mjs [--server FILE] [--keep]
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { E2E_DIR, REPO, copyWorkspace, makeRunDir } from './lib.mjs';

const args = process.argv.slice(2);
const opt = (name) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const SERVER = path.resolve(opt('--server') || path.join(REPO, 'dist', 'server.js'));
const TIMEOUT_MS = Number(process.env.REPORT_LINT_NVIM_TIMEOUT_MS || 30000);
const REPORT = '2024年工作总结.report.txt';
// exact findings (0-based lines, LSP severities 1 error 2 warning 3 info) of the fixture report
const EXPECTED = [
  ['placeholder', 0, 2], ['required-section', 0, 3], ['placeholder', 6, 2], ['artifact', 7, 2],
  ['duplicate-punctuation', 7, 2], ['placeholder', 11, 2], ['heading-numbering', 13, 2],
];
const t0 = Date.now();
const lap = (m) => console.log(`[neovim +${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}`);

const v = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
if (v.status !== 0) { console.error('nvim not found: run bash test/e2e/install.sh (apt-get install neovim)'); process.exit(2); }
const m = /NVIM v(\d+)\.(\d+)\.(\d+)/.exec(v.stdout);
if (!m || Number(m[1]) === 0 && Number(m[2]) < 7) { console.error(`Neovim 0.7+ needed, found ${v.stdout.split('\n')[0]}`); process.exit(2); }
if (!fs.existsSync(SERVER)) { console.error(`${SERVER} is missing: run npm run build`); process.exit(2); }
lap(`${v.stdout.split('\n')[0]}, server ${path.relative(REPO, SERVER)}`);

const runDir = makeRunDir('nvim');
const ws = copyWorkspace(runDir);
const outFile = path.join(runDir, 'diagnostics.json');
const xdg = (n) => path.join(runDir, 'xdg', n);
const child = spawn('nvim', ['--headless', '-n', '-i', 'NONE', '-u', path.join(E2E_DIR, 'neovim-check.lua')], {
  cwd: ws,
  detached: true, // own process group: nvim and the server it starts are stopped together
  stdio: ['ignore', 'pipe', 'pipe'],
  env: {
    ...process.env,
    RL_SERVER: SERVER, RL_FILE: path.join(ws, REPORT), RL_ROOT: ws, RL_OUT: outFile, RL_TIMEOUT_MS: String(TIMEOUT_MS),
    XDG_CONFIG_HOME: xdg('config'), XDG_DATA_HOME: xdg('data'), XDG_STATE_HOME: xdg('state'), XDG_CACHE_HOME: xdg('cache'),
  },
});
let output = '';
child.stdout.on('data', (d) => (output += d));
child.stderr.on('data', (d) => (output += d));
const killGroup = (sig) => { try { process.kill(-child.pid, sig); } catch {} };
const hard = setTimeout(() => { console.error('[neovim] HARD TIMEOUT: killing nvim'); killGroup('SIGKILL'); }, TIMEOUT_MS + 15000);
process.on('exit', () => killGroup('SIGKILL'));
const code = await new Promise((r) => child.on('exit', (c, s) => r(c ?? s)));
clearTimeout(hard);
killGroup('SIGTERM'); // the server, should it outlive its client
lap(`nvim exited (${code})`);

const failures = [];
let passed = 0;
const check = (ok, what) => { console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${what}`); ok ? passed++ : failures.push(what); };
let res;
try { res = JSON.parse(fs.readFileSync(outFile, 'utf8')); } catch (e) { res = undefined; }
check(!!res, 'nvim wrote the diagnostics it received');
if (res) {
  check(res.status === 'ok', `publishDiagnostics with findings arrived within ${TIMEOUT_MS} ms (status: ${res.status})`);
  const rule = (d) => (d.code === undefined ? '' : String(d.code));
  const got = res.diagnostics.map((d) => `${rule(d)}@${d.range.start.line}/${d.severity}`).sort();
  const want = EXPECTED.map(([r, l, s]) => `${r}@${l}/${s}`).sort();
  check(JSON.stringify(got) === JSON.stringify(want), `exact findings (rule@line/severity)\n      want ${want.join(' ')}\n      got  ${got.join(' ')}`);
  check(res.diagnostics.every((d) => d.source === 'report-lint'), 'every diagnostic has source "report-lint"');
  check(res.diagnostics.every((d) => d.codeDescription && d.codeDescription.href.endsWith(`/docs/rules/${rule(d)}.md`)),
    'every diagnostic links codeDescription to docs/rules/<id>.md');
}
if (failures.length) {
  console.log(`  nvim output:\n${output.trim().split('\n').map((l) => `    ${l}`).join('\n') || '    (none)'}`);
  console.log(`  state kept: ${runDir}`);
} else if (!args.includes('--keep')) fs.rmSync(runDir, { recursive: true, force: true });
lap(failures.length ? 'FAILED' : 'PASSED');
console.log(`neovim: ${passed} passed, ${failures.length} failed`);
process.exit(failures.length ? 1 : 0);
