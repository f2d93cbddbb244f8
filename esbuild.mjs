// Bundles the client, the server, the CLI and the test suites. `--watch` rebuilds on change,
// `--production` minifies and drops source maps.
import * as esbuild from 'esbuild';
import { readdirSync, existsSync, rmSync } from 'fs';
import { join, resolve } from 'path';
import { readFileSync, writeFileSync, chmodSync } from 'fs';
import { yamlDataPlugin } from './scripts/yaml-plugin.mjs';

const version = JSON.parse(readFileSync('package.json', 'utf8')).version;

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
// `--analyze`: print what each of dist/client.js and dist/server.js is made of (esbuild metafile).
const analyze = process.argv.includes('--analyze');

// Bundle size (issue 8: client + server ≤ 1 MB minified). What is cut, and why it is the same code:

// `yaml` (the .reportlint.yaml reader) as its ES-module build (`yaml/browser`, the same sources as
// its CommonJS dist/, warnings via console.warn instead of process.emitWarning): esbuild can drop
// the parts we never reach from ES modules, not from CommonJS. ≈ 17 KB.
const yamlEsm = {
  name: 'yaml-esm',
  setup(build) {
    build.onResolve({ filter: /^yaml$/ }, () => ({ path: resolve('node_modules/yaml/browser/index.js') }));
  },
};

// markdown-it constructs a linkify-it matcher in every instance, used only when the `linkify`
// option is on; the engine's two instances (model.ts, render/layout.ts) turn it off. A stand-in
// that throws if ever called replaces it (≈ 11 KB): turning linkify on would fail loudly in tests.
const noLinkify = {
  name: 'no-linkify',
  setup(build) {
    build.onResolve({ filter: /^linkify-it$/ }, () => ({ path: 'linkify-it', namespace: 'no-linkify' }));
    build.onLoad({ filter: /.*/, namespace: 'no-linkify' }, () => ({
      contents: `const off = () => { throw new Error('report-lint: markdown-it linkify is not bundled (the engine parses with linkify: false)'); };
export class LinkifyIt { test() { return off(); } pretest() { return off(); } match() { return off(); } matchAtStart() { return off(); } testSchemaAt() { return off(); } add() { return off(); } set() { return this; } tlds() { return off(); } normalize() { return off(); } onCompile() {} }
export default LinkifyIt;`,
      loader: 'js',
    }));
  },
};

// vscode-languageclient/node needs `semver` for one check (VS Code's version against a caret
// range): client/src/semver-lite.ts implements those two functions (≈ 20 KB less).
const semverLite = {
  name: 'semver-lite',
  setup(build) {
    build.onResolve({ filter: /^semver\/functions\/(parse|satisfies)$/ }, (args) => ({ path: args.path.slice('semver/functions/'.length), namespace: 'semver-lite' }));
    build.onLoad({ filter: /.*/, namespace: 'semver-lite' }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(resolve('client/src/semver-lite.ts'))}).${args.path};`,
      loader: 'js',
      resolveDir: resolve('client/src'),
    }));
  },
};

// vscode-languageclient matches glob patterns with minimatch (≈ 26 KB with brace-expansion) in three
// places only: document selectors with a `pattern`, notebook selectors, and the file operations a
// server may register. Our selectors are by language and scheme (client/src/lsp.ts), and the server
// registers no notebook sync and no file operations (a protocol test pins its capabilities). A
// stand-in that throws if ever called replaces it, so that using a pattern fails loudly.
const noMinimatch = {
  name: 'no-minimatch',
  setup(build) {
    build.onResolve({ filter: /^minimatch$/ }, () => ({ path: 'minimatch', namespace: 'no-minimatch' }));
    build.onLoad({ filter: /.*/, namespace: 'no-minimatch' }, () => ({
      contents: `class Minimatch { constructor() { throw new Error('report-lint: glob patterns in document selectors and file operations are not supported (minimatch is not bundled)'); } }
module.exports = { Minimatch };`,
      loader: 'js',
    }));
  },
};

// The engine's YAML data is parsed at build time (scripts/yaml-plugin.mjs).
const enginePlugins = [yamlEsm, noLinkify, yamlDataPlugin];

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  // Chinese text (messages, word lists) as UTF-8 rather than \uXXXX escapes: 3 bytes a character
  // instead of 6 (≈ 26 KB). Node and VS Code read the bundles as UTF-8.
  charset: 'utf8',
  plugins: enginePlugins,
  logLevel: 'warning',
  define: { __VERSION__: JSON.stringify(version) },
  metafile: analyze,
};

const testFiles = (dir) =>
  existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.test.ts')).map((f) => join(dir, f)) : [];

// The `docx` package (the Word writer) ships as its own file, dist/docx-lib.js, which the server
// and the CLI require on the first export only.
const docxAsSeparateFile = {
  name: 'docx-separate',
  setup(build) {
    build.onResolve({ filter: /^docx$/ }, () => ({ path: './docx-lib.js', external: true }));
  },
};

const lspAsSeparateFile = {
  name: 'lsp-separate',
  setup(build) {
    build.onResolve({ filter: /^\.\/lsp$/ }, () => ({ path: './lsp.js', external: true }));
  },
};

// markdown-it for the CLI in its own file, dist/markdown-it-lib.js, loaded the first time a
// Markdown file is parsed: a plain-text check neither reads, compiles nor initialises it (≈ 2 % of
// the instructions of a 1 MB plain-text check). The engine constructs its instances when its modules
// load (model.ts, render/layout.ts), so each is a stand-in that builds the real instance, with the
// same options, on first use.
const lazyMarkdownIt = {
  name: 'lazy-markdown-it',
  setup(build) {
    build.onResolve({ filter: /^markdown-it$/ }, (args) =>
      args.namespace === 'lazy-markdown-it' ? { path: './markdown-it-lib.js', external: true } : { path: 'markdown-it', namespace: 'lazy-markdown-it' },
    );
    build.onLoad({ filter: /.*/, namespace: 'lazy-markdown-it' }, () => ({
      contents: `let Real;
export default function MarkdownIt(options) {
  let instance;
  const real = () => (instance ??= new (Real ??= require('markdown-it').default)(options));
  return new Proxy({}, {
    get: (_, key) => { const i = real(); const v = i[key]; return typeof v === 'function' ? v.bind(i) : v; },
    set: (_, key, value) => { real()[key] = value; return true; },
    has: (_, key) => key in real(),
  });
}`,
      loader: 'js',
    }));
  },
};

// The `yaml` library for the CLI likewise (dist/yaml-lib.js): the engine's data is parsed at build
// time, so only a .reportlint.yaml needs it; a check without one never loads it (≈ 1.5 % of the
// instructions of a 1 MB check). The stand-in forwards the names the engine imports (a new name
// fails the build: add it to YAML_NAMES); visit's REMOVE/BREAK/SKIP are the library's own symbols.
const YAML_NAMES = ['parse', 'parseDocument', 'visit', 'isMap', 'isSeq', 'isScalar', 'LineCounter'];
const lazyYaml = {
  name: 'lazy-yaml',
  setup(build) {
    build.onResolve({ filter: /^yaml$/ }, (args) =>
      args.namespace === 'lazy-yaml' ? { path: './yaml-lib.js', external: true } : { path: 'yaml', namespace: 'lazy-yaml' },
    );
    build.onLoad({ filter: /.*/, namespace: 'lazy-yaml' }, () => ({
      contents: `let lib;
const y = () => (lib ??= require('yaml'));
export const parse = (...a) => y().parse(...a);
export const parseDocument = (...a) => y().parseDocument(...a);
export const isMap = (n) => y().isMap(n);
export const isSeq = (n) => y().isSeq(n);
export const isScalar = (n) => y().isScalar(n);
export function visit(...a) { return y().visit(...a); }
for (const k of ['BREAK', 'SKIP', 'REMOVE']) Object.defineProperty(visit, k, { get: () => y().visit[k] });
export function LineCounter() { return new (y().LineCounter)(); }`,
      loader: 'js',
    }));
  },
};

const builds = [
  // The client in two files: dist/client.js (activation) and dist/lsp.js (vscode-languageclient),
  // which client.js requires once activation has returned.
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'], plugins: [...enginePlugins, lspAsSeparateFile] },
  { ...common, entryPoints: ['client/src/lsp.ts'], outfile: 'dist/lsp.js', external: ['vscode'], plugins: [...enginePlugins, semverLite, noMinimatch] },
  { ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js', plugins: [...enginePlugins, docxAsSeparateFile] },
  // The CLI is a one-shot process that compiles its whole bundle on every run: minified in the dev
  // build too (whitespace and syntax; names kept, so CPU profiles stay readable), ≈ 1 % of its
  // instructions on a 1 MB report. The source map still maps it back.
  { ...common, entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' }, plugins: [lazyMarkdownIt, lazyYaml, ...enginePlugins, docxAsSeparateFile], ...(production ? {} : { minifyWhitespace: true, minifySyntax: true }) },
  // The `report-lint` bin: runs dist/cli.js from a V8 code cache when it has one (see cli-launch.ts).
  { ...common, entryPoints: ['server/src/cli-launch.ts'], outfile: 'dist/cli-launch.js', banner: { js: '#!/usr/bin/env node' }, plugins: [], sourcemap: false, minifyWhitespace: true, minifySyntax: true },
  { ...common, stdin: { contents: `export { ${YAML_NAMES.join(', ')} } from 'yaml';`, resolveDir: resolve('.'), sourcefile: 'yaml-lib.js' }, outfile: 'dist/yaml-lib.js', plugins: [yamlEsm], ...(production ? {} : { minifyWhitespace: true, minifySyntax: true }) },
  { ...common, stdin: { contents: "export { default } from 'markdown-it';", resolveDir: resolve('.'), sourcefile: 'markdown-it-lib.js' }, outfile: 'dist/markdown-it-lib.js', plugins: [noLinkify], ...(production ? {} : { minifyWhitespace: true, minifySyntax: true }) },
  { ...common, entryPoints: ['docx'], outfile: 'dist/docx-lib.js' },
];
if (!production) {
  // Stale bundles of deleted tests must not run.
  if (!watch) for (const d of ['out/test/unit', 'out/test/protocol']) rmSync(d, { recursive: true, force: true });
  builds.push({ ...common, entryPoints: [...testFiles('test/unit'), ...testFiles('test/protocol')], outdir: 'out/test', outbase: 'test', external: ['fast-check'] });
  if (existsSync('test/integration/index.ts')) {
    builds.push({ ...common, entryPoints: ['test/integration/index.ts'], outfile: 'out/test/integration/index.js', external: ['vscode', 'mocha'] });
  }
}

if (watch) {
  for (const b of builds) (await esbuild.context(b)).watch();
} else {
  const results = await Promise.all(builds.map((b) => esbuild.build(b)));
  chmodSync('dist/cli-launch.js', 0o755); // the bin, runnable as ./dist/cli-launch.js
  if (production) {
    // A second minifier pass (terser: compress twice, mangle) over what esbuild minified: ≈ 3% of
    // the client and the server (≈ 22 KB), same code. Licence comments stay; UTF-8 stays UTF-8.
    const { minify } = await import('terser');
    for (const outfile of ['dist/client.js', 'dist/lsp.js', 'dist/server.js', 'dist/cli.js']) {
      const code = readFileSync(outfile, 'utf8');
      const r = await minify(code, { ecma: 2020, module: false, compress: { passes: 2 }, mangle: true, format: { comments: /@license|@preserve|^!/, ascii_only: false } });
      if (typeof r.code !== 'string' || r.code.length >= code.length) continue;
      writeFileSync(outfile, r.code);
    }
  }
  if (analyze) {
    for (const [i, r] of results.entries()) {
      if (['dist/client.js', 'dist/lsp.js', 'dist/server.js'].includes(builds[i].outfile)) console.log(await esbuild.analyzeMetafile(r.metafile));
    }
  }
}
