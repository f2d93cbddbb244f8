// An esbuild plugin that parses the engine's YAML data files at build time: `import x from
// './data/terms.yaml'` becomes the parsed value, so the engine does not parse YAML when it starts
// (read it with `dataOf` from server/src/engine/data.ts, which also accepts the text).
import { readFile } from 'fs/promises';
import { parse } from 'yaml';

export const yamlDataPlugin = {
  name: 'yaml-data',
  setup(build) {
    build.onLoad({ filter: /\.ya?ml$/ }, async (args) => {
      const value = parse(await readFile(args.path, 'utf8'));
      // JSON.parse of a string literal is faster for V8 than an object literal of the same data.
      return { contents: `export default JSON.parse(${JSON.stringify(JSON.stringify(value))});`, loader: 'js' };
    });
  },
};
