// Bundles the engine's renderer for the browser and export scripts (they run as plain Node ESM).
import * as esbuild from 'esbuild';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { pathToFileURL } from 'url';

const root = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '../..');

/** Imports { lint, parseReport, render… } from the TypeScript sources. */
export async function loadEngine() {
  const dir = mkdtempSync(join(tmpdir(), 'report-lint-render-'));
  const outfile = join(dir, 'engine.cjs');
  await esbuild.build({
    stdin: {
      contents: "export * from './server/src/engine'; export * from './server/src/engine/render';",
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    loader: { '.yaml': 'text' },
    outfile,
    logLevel: 'warning',
  });
  const mod = await import(pathToFileURL(outfile).href);
  rmSync(dir, { recursive: true, force: true });
  return mod.default ?? mod;
}

export { root };
