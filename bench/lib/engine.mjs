// Bundles the engine (server/src/engine/index.ts, a pure library) with esbuild into a temp file and
// requires it, plus what the bench looks for that the engine may or may not have yet:
// `extractFigures` (server/src/engine/figures), the rules that use the figures, and an incremental API.
import { existsSync, readFileSync, readdirSync } from 'fs';
import { join, relative } from 'path';
import { createRequire } from 'module';
import * as esbuild from 'esbuild';
import { yamlDataPlugin } from '../../scripts/yaml-plugin.mjs';

const require = createRequire(import.meta.url);

/** The file under server/src/engine/figures that exports `extractFigures`, index.ts first. */
export function findExtractFigures(root) {
  const dir = join(root, 'server', 'src', 'engine', 'figures');
  if (!existsSync(dir)) return undefined;
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts')).sort((a, b) => (a === 'index.ts' ? -1 : b === 'index.ts' ? 1 : a.localeCompare(b)));
  for (const f of files) {
    const src = readFileSync(join(dir, f), 'utf8');
    if (/export\s+(?:async\s+)?function\s+extractFigures\b|export\s+(?:const|let)\s+extractFigures\b|export\s*\{[^}]*\bextractFigures\b/.test(src)) return join(dir, f);
  }
  return undefined;
}

/** Ids of the registered rules whose source imports the figures module (`../figures…`). */
export function figureRuleIds(root) {
  const dir = join(root, 'server', 'src', 'engine', 'rules');
  const ids = [];
  if (!existsSync(dir)) return ids;
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.ts'))) {
    const src = readFileSync(join(dir, f), 'utf8');
    if (!/from\s+['"]\.\.\/figures/.test(src)) continue;
    for (const m of src.matchAll(/\bid:\s*['"]([a-z0-9-]+)['"]/g)) ids.push(m[1]);
  }
  return ids;
}

/** Bundles and loads the engine. `sourcemap` helps the profile name modules. */
export async function loadEngine(root, outfile, { sourcemap = false } = {}) {
  const figuresFile = findExtractFigures(root);
  let contents = `export * from './server/src/engine/index.ts';\n`;
  if (figuresFile) contents += `export { extractFigures as __benchExtractFigures } from './${relative(root, figuresFile).split('\\').join('/')}';\n`;
  await esbuild.build({
    stdin: { contents, resolveDir: root, sourcefile: 'bench-engine-entry.ts', loader: 'ts' },
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap,
    plugins: [yamlDataPlugin],
    logLevel: 'warning',
  });
  delete require.cache[outfile];
  const engine = require(outfile);
  return { engine, figuresFile: figuresFile ? relative(root, figuresFile) : undefined, extractFigures: engine.__benchExtractFigures };
}

/**
 * The incremental API, if the engine has one. Shapes recognised (first match wins):
 *   createLinter(options?) → { lint(text, options) | update(text, options?) } returning a LintResult
 *   new Linter(options)    → same
 *   lint(text, { ...options, previous }) where `previous` is the last LintResult (declared in LintOptions)
 * Options are passed both when creating and on each call; extra arguments are ignored by JS.
 * Returns { kind, start(options) → { check(text) → LintResult } } or undefined.
 */
export function incrementalApi(engine, root) {
  const viaInstance = (make) => (options) => {
    const inst = make(options);
    const fn = typeof inst.update === 'function' ? inst.update : typeof inst.lint === 'function' ? inst.lint : undefined;
    if (!fn) throw new Error('linter instance has neither update(text) nor lint(text, options)');
    return { check: (text) => fn.call(inst, text, options) };
  };
  const method = (inst) => (typeof inst?.update === 'function' ? 'update' : 'lint');
  if (typeof engine.createLinter === 'function') {
    return { kind: `createLinter().${method(engine.createLinter({ format: 'plain' }))}(text, options)`, start: viaInstance((o) => engine.createLinter(o)) };
  }
  if (typeof engine.Linter === 'function') {
    return { kind: `new Linter(options).${method(new engine.Linter({ format: 'plain' }))}(text, options)`, start: viaInstance((o) => new engine.Linter(o)) };
  }
  const lintSrc = join(root, 'server', 'src', 'engine', 'lint.ts');
  if (existsSync(lintSrc)) {
    const src = readFileSync(lintSrc, 'utf8');
    const opts = /export\s+interface\s+LintOptions\s*\{([\s\S]*?)\n\}/.exec(src);
    if (opts && /\bprevious\??\s*:/.test(opts[1])) {
      return {
        kind: 'lint(text, { previous })',
        start: (options) => {
          let previous;
          return { check: (text) => (previous = engine.lint(text, { ...options, previous })) };
        },
      };
    }
  }
  return undefined;
}
