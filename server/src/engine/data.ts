// The engine's data files (`./data/**/*.yaml`). The builds parse them at build time (the esbuild
// plugin in scripts/yaml-plugin.mjs turns an import into the parsed value); a build that still
// loads them as text gets the string, which is parsed here, so both give the same data.

import { parse as parseYaml } from 'yaml';

/** The value of an imported data file: as parsed at build time, or parsed now from its text. */
export function dataOf<T>(source: unknown): T {
  return (typeof source === 'string' ? parseYaml(source) : source) as T;
}
