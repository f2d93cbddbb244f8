// Bundles the client, the server, the CLI and the test suites. `--watch` rebuilds on change,
// `--production` minifies and drops source maps.
import * as esbuild from 'esbuild';
import { readdirSync, existsSync, rmSync } from 'fs';
import { join } from 'path';
import { readFileSync } from 'fs';
import { yamlDataPlugin } from './scripts/yaml-plugin.mjs';

const version = JSON.parse(readFileSync('package.json', 'utf8')).version;

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  // The engine's YAML data is parsed at build time (scripts/yaml-plugin.mjs).
  plugins: [yamlDataPlugin],
  logLevel: 'warning',
  define: { __VERSION__: JSON.stringify(version) },
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

const builds = [
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  { ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js', plugins: [yamlDataPlugin, docxAsSeparateFile] },
  { ...common, entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' }, plugins: [yamlDataPlugin, docxAsSeparateFile] },
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
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
