// The `report-lint` bin (dist/cli-launch.js) runs dist/cli.js from a V8 code cache kept per user.
// Whatever state that cache is in — missing, used, corrupt, torn, rejected by V8, made for another
// bundle, writable by others, in a directory that cannot be made — the command prints exactly what
// `node dist/cli.js` prints, with the same exit status and nothing on stderr.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const BIN = path.resolve('dist/cli-launch.js');
const CLI = path.resolve('dist/cli.js');

const REPORT = '2024年工作总结\n\n一、主要工作\n\n全年开展专题活动XX次，，成效明显。完成投资3.5亿元，同比增长12%。\n\n二、存在问题\n\n资金到位偏慢。\n';

function setup() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'report-lint-cli-cache-'));
  fs.writeFileSync(path.join(dir, 'a.report.txt'), REPORT);
  // Reports what the launcher's vm.Script was given and whether V8 took it.
  fs.writeFileSync(
    path.join(dir, 'spy.cjs'),
    "const vm = require('vm'); const S = vm.Script;\n" +
      'vm.Script = class extends S { constructor(src, o) { super(src, o); require(\'fs\').writeFileSync(process.env.SPY_OUT, JSON.stringify({ given: !!(o && o.cachedData), rejected: !!this.cachedDataRejected })); } };\n' +
      "process.on('exit', () => require('fs').writeFileSync(process.env.SPY_OUT + '.modules', JSON.stringify(process.moduleLoadList)));\n",
  );
  return { dir, cache: path.join(dir, 'cache') };
}

function run(cmd: string, args: string[], dir: string, env: Record<string, string | undefined> = {}) {
  const spyOut = path.join(dir, 'spy.json');
  fs.rmSync(spyOut, { force: true });
  const r = spawnSync(process.execPath, ['--require', path.join(dir, 'spy.cjs'), cmd, ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, LANG: 'C', REPORT_LINT_LANG: '', SPY_OUT: spyOut, ...env },
  });
  const spy = fs.existsSync(spyOut) ? (JSON.parse(fs.readFileSync(spyOut, 'utf8')) as { given: boolean; rejected: boolean }) : undefined;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, spy };
}

const cacheFiles = (cache: string) => (fs.existsSync(cache) ? fs.readdirSync(cache).filter((f) => f.endsWith('.v8cache')) : []);

test('the bin writes a cache after its first check and runs from it after; output as dist/cli.js prints it', () => {
  const { dir, cache } = setup();
  const args = ['--format', 'json', 'a.report.txt'];
  const plain = run(CLI, args, dir);
  assert.equal(plain.code, 1);
  assert.match(plain.stdout, /"rule": "placeholder"/);

  const first = run(BIN, args, dir, { REPORT_LINT_CACHE_DIR: cache });
  assert.deepEqual([first.code, first.stdout, first.stderr], [plain.code, plain.stdout, '']);
  assert.deepEqual(first.spy, { given: false, rejected: false });
  const [name] = cacheFiles(cache);
  assert.ok(name, 'a cache file was written');
  const file = path.join(cache, name);
  if (process.platform !== 'win32') {
    assert.equal(fs.statSync(cache).mode & 0o777, 0o700);
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
  }

  const second = run(BIN, args, dir, { REPORT_LINT_CACHE_DIR: cache });
  assert.deepEqual([second.code, second.stdout, second.stderr], [plain.code, plain.stdout, '']);
  assert.deepEqual(second.spy, { given: true, rejected: false });
  // Through the launcher too, a check loads neither the v8 module nor any stream (see cli-startup).
  const loaded = JSON.parse(fs.readFileSync(path.join(dir, 'spy.json.modules'), 'utf8')) as string[];
  assert.deepEqual(loaded.filter((m) => /^NativeModule (?:v8|stream|net|internal\/streams\/(?:readable|writable|duplex))$/.test(m)), []);
  for (const format of ['text', 'sarif', 'github']) {
    const a = run(CLI, ['--format', format, 'a.report.txt'], dir);
    const b = run(BIN, ['--format', format, 'a.report.txt'], dir, { REPORT_LINT_CACHE_DIR: cache });
    assert.deepEqual([b.code, b.stdout, b.stderr], [a.code, a.stdout, a.stderr], format);
  }
});

test('a corrupt, torn, rejected, stale or group-writable cache is not run: same output, nothing on stderr, the cache remade', () => {
  const { dir, cache } = setup();
  const args = ['--format', 'json', 'a.report.txt'];
  const plain = run(CLI, args, dir);
  run(BIN, args, dir, { REPORT_LINT_CACHE_DIR: cache });
  const [name] = cacheFiles(cache);
  const file = path.join(cache, name);
  const good = fs.readFileSync(file);
  const bundleLength = fs.statSync(CLI).size;
  // The file: a text header (ends with the bundle's length and a newline), the bundle's bytes, V8's data.
  const dataStart = good.indexOf(`\n${bundleLength}\n`) + `\n${bundleLength}\n`.length + bundleLength;
  assert.ok(dataStart > bundleLength && dataStart < good.length);

  const damaged: [string, (b: Buffer) => Buffer, { given: boolean; rejected: boolean }][] = [
    // Bytes of V8's payload altered: its checksum (--verify-snapshot-checksum) no longer matches.
    ['corrupt', (b) => { const c = Buffer.from(b); for (let i = dataStart + 4000; i < dataStart + 4400; i++) c[i] ^= 0x5a; return c; }, { given: true, rejected: true }],
    ['torn', (b) => b.subarray(0, dataStart + 1000), { given: true, rejected: true }],
    // V8's header: the flag hash (the fourth 32-bit word) of another configuration.
    ['other flags', (b) => { const c = Buffer.from(b); c[dataStart + 12] ^= 0xff; return c; }, { given: true, rejected: true }],
    ['not a cache', () => Buffer.from('hello'), { given: false, rejected: false }],
    // The bundle copy differs (another build of the same length): the data is never handed to V8.
    ['stale', (b) => { const c = Buffer.from(b); c[dataStart - 100] ^= 0x01; return c; }, { given: false, rejected: false }],
  ];
  for (const [what, damage, spy] of damaged) {
    fs.writeFileSync(file, damage(good), { mode: 0o600 });
    const r = run(BIN, args, dir, { REPORT_LINT_CACHE_DIR: cache });
    assert.deepEqual([r.code, r.stdout, r.stderr], [plain.code, plain.stdout, ''], what);
    assert.deepEqual(r.spy, spy, what);
    // Remade whole by that run, and used by the next.
    assert.deepEqual(run(BIN, args, dir, { REPORT_LINT_CACHE_DIR: cache }).spy, { given: true, rejected: false }, what);
  }

  if (process.platform !== 'win32') {
    fs.chmodSync(file, 0o666);
    const r = run(BIN, args, dir, { REPORT_LINT_CACHE_DIR: cache });
    assert.deepEqual([r.code, r.stdout, r.stderr], [plain.code, plain.stdout, '']);
    assert.deepEqual(r.spy, { given: false, rejected: false }, 'a file others may write is not trusted');
  }
});

test('no cache directory to be had, or the cache turned off: the check runs as dist/cli.js, silently, writing nothing', () => {
  const { dir } = setup();
  const args = ['--format', 'json', 'a.report.txt'];
  const plain = run(CLI, args, dir);
  // A regular file where the directory would be made.
  const blocker = path.join(dir, 'blocker');
  fs.writeFileSync(blocker, '');
  const blocked = run(BIN, args, dir, { REPORT_LINT_CACHE_DIR: path.join(blocker, 'cache') });
  assert.deepEqual([blocked.code, blocked.stdout, blocked.stderr], [plain.code, plain.stdout, '']);
  assert.deepEqual(blocked.spy, { given: false, rejected: false });

  const home = path.join(dir, 'home');
  fs.mkdirSync(home);
  const off = run(BIN, args, dir, { REPORT_LINT_CACHE_DIR: '', HOME: home, XDG_CACHE_HOME: undefined, LOCALAPPDATA: undefined });
  assert.deepEqual([off.code, off.stdout, off.stderr], [plain.code, plain.stdout, '']);
  assert.deepEqual(fs.readdirSync(home), []);
  assert.deepEqual(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp')), []);

  // Without REPORT_LINT_CACHE_DIR: $XDG_CACHE_HOME/report-lint.
  const xdg = path.join(dir, 'xdg');
  const viaXdg = run(BIN, args, dir, { REPORT_LINT_CACHE_DIR: undefined, XDG_CACHE_HOME: xdg, HOME: home });
  assert.deepEqual([viaXdg.code, viaXdg.stdout, viaXdg.stderr], [plain.code, plain.stdout, '']);
  if (process.platform === 'linux') assert.equal(cacheFiles(path.join(xdg, 'report-lint')).length, 1);
});

test('--help and a usage error leave no cache (too little of the bundle compiled); the help is the same', () => {
  const { dir, cache } = setup();
  const help = run(BIN, ['--help'], dir, { REPORT_LINT_CACHE_DIR: cache });
  assert.deepEqual([help.code, help.stdout, help.stderr], [0, run(CLI, ['--help'], dir).stdout, '']);
  const bad = run(BIN, ['--format', 'nope', 'a.report.txt'], dir, { REPORT_LINT_CACHE_DIR: cache });
  const badPlain = run(CLI, ['--format', 'nope', 'a.report.txt'], dir);
  assert.deepEqual([bad.code, bad.stdout, bad.stderr], [badPlain.code, badPlain.stdout, badPlain.stderr]);
  assert.equal(bad.code, 2);
  assert.deepEqual(cacheFiles(cache), []);
});

test('a write keeps the four newest caches and removes older ones and stale temporary files; nothing else is touched', () => {
  const { dir, cache } = setup();
  const args = ['--format', 'json', 'a.report.txt'];
  fs.mkdirSync(cache, { recursive: true, mode: 0o700 });
  // Caches of other Node versions or flags, written an hour, two hours … five hours ago.
  const hour = 60 * 60 * 1000;
  const old = ['cli-0000000a.v8cache', 'cli-0000000b.v8cache', 'cli-0000000c.v8cache', 'cli-0000000d.v8cache', 'cli-0000000e.v8cache'];
  old.forEach((name, i) => {
    const file = path.join(cache, name);
    fs.writeFileSync(file, 'x', { mode: 0o600 });
    const t = new Date(Date.now() - (i + 1) * hour);
    fs.utimesSync(file, t, t);
  });
  // A temporary file of a process that died while writing, one still being written, and a file of the user's.
  const stale = path.join(cache, 'cli-0000000a.v8cache.123.tmp');
  const fresh = path.join(cache, 'cli-0000000b.v8cache.456.tmp');
  for (const f of [stale, fresh]) fs.writeFileSync(f, 'x', { mode: 0o600 });
  const twoHoursAgo = new Date(Date.now() - 2 * hour);
  fs.utimesSync(stale, twoHoursAgo, twoHoursAgo);
  fs.writeFileSync(path.join(cache, 'notes.txt'), 'mine');

  const r = run(BIN, args, dir, { REPORT_LINT_CACHE_DIR: cache });
  assert.deepEqual([r.code, r.stderr], [1, '']);
  const written = cacheFiles(cache).filter((f) => !old.includes(f));
  assert.equal(written.length, 1, 'this run wrote its cache');
  assert.deepEqual(fs.readdirSync(cache).sort(), [...written, 'cli-0000000a.v8cache', 'cli-0000000b.v8cache', 'cli-0000000b.v8cache.456.tmp', 'cli-0000000c.v8cache', 'notes.txt'].sort());
  // A run that uses its cache writes nothing and removes nothing.
  const again = run(BIN, args, dir, { REPORT_LINT_CACHE_DIR: cache });
  assert.deepEqual(again.spy, { given: true, rejected: false });
  assert.equal(fs.readdirSync(cache).length, 6);
});
