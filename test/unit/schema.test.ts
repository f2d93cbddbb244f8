// The JSON schema contributed to VS Code is generated from CONFIG_SCHEMA; this fails when they drift.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { configJsonSchema } from '../../server/src/engine';

test('schemas/reportlint.schema.json matches CONFIG_SCHEMA (run `npm run schema` after changing it)', () => {
  const committed = JSON.parse(fs.readFileSync('schemas/reportlint.schema.json', 'utf8'));
  assert.deepEqual(committed, configJsonSchema());
});
