// Regenerates schemas/reportlint.schema.json from CONFIG_SCHEMA (the one source); a unit test fails on drift.
import * as esbuild from 'esbuild';
import { yamlDataPlugin } from './yaml-plugin.mjs';
import { writeFileSync, mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { createRequire } from 'module';

const out = join(mkdtempSync(join(tmpdir(), 'report-lint-schema-')), 'config.cjs');
await esbuild.build({ entryPoints: ['server/src/engine/config.ts'], bundle: true, platform: 'node', format: 'cjs', outfile: out, plugins: [yamlDataPlugin], logLevel: 'warning' });
const { configJsonSchema } = createRequire(import.meta.url)(out);
writeFileSync('schemas/reportlint.schema.json', JSON.stringify(configJsonSchema(), null, 2) + '\n');
console.log('wrote schemas/reportlint.schema.json');
