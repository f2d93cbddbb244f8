// The `report-lint` command (bundled to dist/cli-launch.js): runs the CLI bundle, dist/cli.js,
// from a V8 code cache when it has one.
//
// A CLI process compiles its bundle anew on every run: parsing it, then compiling each function on
// its first call (≈ 75 M instructions, 20 ms, of a 1 MB check). Node 20 has no compile cache for
// modules (module.enableCompileCache is Node 22), so this launcher compiles the bundle itself with
// vm.Script and `cachedData`, the bytecode V8 serialised at the end of an earlier run
// (script.createCachedData(), which includes every function compiled by then), and runs it as
// Node would run it as a CommonJS module (exports, require, module, __filename, __dirname).
//
// The cache is a file per user, written at the end of a check (exit status 0 or 1; not after
// --help, --export or a usage error, which compile too little of the bundle) that had no usable
// cache, in
//   $REPORT_LINT_CACHE_DIR (empty: no cache), else $XDG_CACHE_HOME/report-lint or
//   ~/.cache/report-lint (Linux), ~/Library/Caches/report-lint (macOS), %LOCALAPPDATA%\report-lint\Cache.
// It is used only when everything it was made from is the same: the bundle's exact bytes (the
// cache holds a copy, compared byte for byte: cheaper than hashing them), Node's and V8's
// versions, the architecture, the V8 flags (our own, Node's command line and NODE_OPTIONS) and
// the bundle's path; V8 checks its version and flags again, and with --verify-snapshot-checksum
// the checksum of the data (a torn or altered file is rejected, not run). The file must belong to
// the user and be writable by nobody else. A cache that is missing, stale, foreign, unreadable or
// rejected is ignored: the bundle is compiled from its source as `node dist/cli.js` would, and a
// directory that cannot be written is left alone; nothing is printed either way. A write also
// removes the oldest caches beyond the four newest (other Node versions or flags) and temporary
// files left by a process that died while writing.
// Named imports: esbuild reads them off require()'s result (no namespace object copied).
import { closeSync, fstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'fs';
import { isAbsolute, join } from 'path';
import { Script } from 'vm';
import { CLI_V8_FLAGS, setV8Flags } from './cli-v8';

const MAGIC = 'report-lint V8 code cache 1\n';
// --verify-snapshot-checksum makes V8 write a checksum into the cached data and verify it before
// using it (off by default in release builds: a corrupt cache would crash the process).
const FLAGS = `${CLI_V8_FLAGS} --verify-snapshot-checksum`;

function cacheDir(): string | undefined {
  const env = process.env;
  const own = env.REPORT_LINT_CACHE_DIR;
  if (own !== undefined) return own && isAbsolute(own) ? own : undefined;
  if (process.platform === 'win32') return env.LOCALAPPDATA ? join(env.LOCALAPPDATA, 'report-lint', 'Cache') : undefined;
  if (process.platform === 'darwin') return env.HOME ? join(env.HOME, 'Library', 'Caches', 'report-lint') : undefined;
  const xdg = env.XDG_CACHE_HOME;
  if (xdg && isAbsolute(xdg)) return join(xdg, 'report-lint');
  return env.HOME ? join(env.HOME, '.cache', 'report-lint') : undefined;
}

/** FNV-1a of a short string, as 8 hex digits: the cache file's name (its header is compared whole). */
function fnv(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** The file's bytes when it belongs to this user and nobody else may write it; else undefined. */
function readOwnFile(file: string): Buffer | undefined {
  try {
    const fd = openSync(file, 'r');
    try {
      const st = fstatSync(fd);
      const uid = process.getuid?.();
      if (!st.isFile() || (uid !== undefined && (st.uid !== uid || (st.mode & 0o022) !== 0))) return undefined;
      return readFileSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
}

function writeCache(dir: string, file: string, header: Buffer, bundle: Buffer, data: Buffer): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const fd = openSync(tmp, 'w', 0o600);
    try {
      for (const b of [header, bundle, data]) {
        let done = 0;
        while (done < b.length) done += writeSync(fd, b, done, b.length - done);
      }
    } finally {
      closeSync(fd);
    }
    // Whole or not at all: a reader never sees a half-written file.
    renameSync(tmp, file);
    pruneCaches(dir, file);
  } catch {
    try {
      unlinkSync(tmp);
    } catch {
      // nothing was written
    }
  }
}

// Caches kept in the directory: one per Node version, flags and install path in use (a new version
// of Node or of these flags writes a file of its own); past this many, the oldest written go.
const KEEP_CACHES = 4;
const CACHE_NAME = /^cli-[0-9a-f]{8}\.v8cache$/;
// A temporary file this old is the remains of a process that died while writing.
const STALE_TMP_MS = 60 * 60 * 1000;

/** Removes all but the KEEP_CACHES newest cache files, and stale temporary ones; runs after a write (rare). */
function pruneCaches(dir: string, written: string): void {
  const caches: { file: string; mtime: number }[] = [];
  const now = Date.now();
  for (const name of readdirSync(dir)) {
    const file = join(dir, name);
    try {
      if (CACHE_NAME.test(name)) {
        if (file !== written) caches.push({ file, mtime: statSync(file).mtimeMs });
      } else if (name.startsWith('cli-') && name.endsWith('.tmp') && now - statSync(file).mtimeMs > STALE_TMP_MS) unlinkSync(file);
    } catch {
      // gone meanwhile, or not ours to remove
    }
  }
  caches.sort((a, b) => b.mtime - a.mtime);
  for (const { file } of caches.slice(KEEP_CACHES - 1)) {
    try {
      unlinkSync(file);
    } catch {
      // another process removed it, or it is not ours
    }
  }
}

function launch(): void {
  const bundlePath = join(__dirname, 'cli.js');
  setV8Flags(FLAGS);
  const bundle = readFileSync(bundlePath);
  // Compiled as the body of a function, where a #! line is not allowed: made a // comment of the
  // same length, so that lines and columns (stack traces, the source map) stay those of the file.
  const source = bundle[0] === 0x23 && bundle[1] === 0x21 ? '//' + bundle.toString('utf8', 2) : bundle.toString('utf8');

  const dir = cacheDir();
  let cacheFile: string | undefined;
  let header: Buffer | undefined;
  let cachedData: Buffer | undefined;
  if (dir) {
    const key = JSON.stringify([process.version, process.versions.v8, process.arch, FLAGS, process.execArgv, process.env.NODE_OPTIONS ?? '', bundlePath]);
    cacheFile = join(dir, `cli-${fnv(key)}.v8cache`);
    header = Buffer.from(`${MAGIC}${key}\n${bundle.length}\n`, 'utf8');
    const cache = readOwnFile(cacheFile);
    const start = header.length + bundle.length;
    if (cache && cache.length > start && cache.subarray(0, header.length).equals(header) && cache.subarray(header.length, start).equals(bundle)) {
      cachedData = cache.subarray(start);
    }
  }

  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: bundlePath, cachedData });
  if (cacheFile && header && (cachedData === undefined || script.cachedDataRejected)) {
    // A cache made after a check of even a few lines holds nearly all that a 1 MB check compiles
    // (≈ 3 M instructions short of one made after that check; one made after --help, 35 M).
    // Serialising costs ≈ 15 M instructions: a run that had a cache does not refresh it.
    const checked = !process.argv.slice(2).some((a) => a === '--help' || a === '-h' || a === '--export' || a.startsWith('--export='));
    const file = cacheFile;
    const head = header;
    process.once('exit', (code) => {
      if (!checked || (code !== 0 && code !== 1)) return;
      try {
        writeCache(dir as string, file, head, bundle, script.createCachedData());
      } catch {
        // no cache this time
      }
    });
  }
  // The bundle runs as this module: `require.main === module` holds in it as it does when Node
  // runs dist/cli.js itself, and its require() resolves ./docx-lib.js etc. from dist/ as there.
  (script.runInThisContext() as (...a: unknown[]) => void)(module.exports, require, module, bundlePath, __dirname);
}

launch();
