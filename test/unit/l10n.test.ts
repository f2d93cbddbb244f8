// The client's runtime strings go through vscode.l10n.t with the English text as the key; the
// Chinese bundle (l10n/bundle.l10n.zh-cn.json) must translate every one of them, keep their
// {n} placeholders, and hold nothing the client no longer asks for.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'fs';
import { join } from 'path';

// Run from the repository root, as the protocol tests are.
const root = process.cwd();
const clientDir = join(root, 'client', 'src');
const bundle = JSON.parse(readFileSync(join(root, 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string>;

/** The first argument of every `l10n.t('…')` call in the client sources (single-quoted literals). */
function keysUsed(): Map<string, string> {
  const keys = new Map<string, string>();
  for (const f of readdirSync(clientDir).filter((n) => n.endsWith('.ts'))) {
    const src = readFileSync(join(clientDir, f), 'utf8');
    for (const m of src.matchAll(/\bl10n\.t\(\s*'((?:[^'\\\n]|\\.)*)'/g)) keys.set(m[1].replace(/\\'/g, "'"), f);
    // Every call takes a literal: a computed key escapes this check (and the l10n extractor).
    for (const m of src.matchAll(/\bl10n\.t\(\s*([^'\s])/g)) assert.fail(`${f}: l10n.t called with a non-literal key (${m[1]}…)`);
  }
  return keys;
}

const placeholders = (s: string) => [...s.matchAll(/\{\d+\}/g)].map((m) => m[0]).sort();

test('every runtime string of the client has a Chinese translation with the same placeholders', () => {
  const used = keysUsed();
  assert.ok(used.size >= 15, `found only ${used.size} l10n keys`);
  for (const [key, file] of used) {
    assert.ok(Object.hasOwn(bundle, key), `${file}: "${key}" is missing from l10n/bundle.l10n.zh-cn.json`);
    assert.deepEqual(placeholders(bundle[key]), placeholders(key), `placeholders of "${key}"`);
    assert.match(bundle[key], /[\u4e00-\u9fff]/, `"${key}" is not translated`);
  }
});

test('the Chinese bundle holds no key the client no longer uses', () => {
  const used = keysUsed();
  for (const key of Object.keys(bundle)) assert.ok(used.has(key), `unused key in the bundle: "${key}"`);
});

test('the client no longer picks strings with a zh flag', () => {
  for (const f of readdirSync(clientDir).filter((n) => n.endsWith('.ts'))) {
    const src = readFileSync(join(clientDir, f), 'utf8');
    assert.doesNotMatch(src, /\bzh(\(\))?\s*\?/, `${f} still chooses a string by language`);
  }
});
