// client/src/semver-lite.ts stands in for `semver` in the client bundle (the one version check
// vscode-languageclient makes): it must answer as the real package does.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { parse, satisfies } from '../../client/src/semver-lite';

// The real package, from node_modules at run time (it has no bundled types).
interface RealSemVer { major: number; minor: number; patch: number; prerelease: (string | number)[]; build: string[]; version: string }
const req = createRequire(__filename);
const realParse = req('semver/functions/parse') as (v: string) => RealSemVer | null;
const realSatisfies = req('semver/functions/satisfies') as (v: string | RealSemVer, r: string) => boolean;

const VERSIONS = [
  '1.91.0', '1.91.1', '1.90.9', '1.100.3', '1.101.0-insider', '2.0.0', '2.0.0-alpha.1', '1.91.0-rc.1', '0.9.0', '0.0.1',
  '1.0.0+build.5', 'v1.95.2', ' 1.95.2 ', '1.95', '1.95.2.1', '01.2.3', '1.2.03', '1.2.3-01', '1.2.3-0a', 'abc', '', '1.2.3-',
];
const RANGES = ['^1.91.0', '^1.0.0', '^0.9.0', '^0.0.1', '^2.0.0'];

test('semver-lite.parse agrees with semver.parse', () => {
  for (const v of VERSIONS) {
    const real = realParse(v);
    const lite = parse(v);
    assert.equal(lite === null, real === null, v);
    if (real && lite) {
      assert.deepEqual([lite.major, lite.minor, lite.patch, lite.prerelease, lite.build, lite.version], [real.major, real.minor, real.patch, real.prerelease, real.build, real.version], v);
    }
  }
});

test('semver-lite.satisfies agrees with semver.satisfies on caret ranges, as vscode-languageclient calls it', () => {
  for (const r of RANGES) {
    for (const v of VERSIONS) {
      assert.equal(satisfies(v, r), realSatisfies(v, r), `${v} ${r}`);
      // The client clears the pre-release of VS Code's version before the check.
      const real = realParse(v);
      const lite = parse(v);
      if (real && lite) {
        real.prerelease = [];
        lite.prerelease = [];
        assert.equal(satisfies(lite, r), realSatisfies(real, r), `${v} (pre-release cleared) ${r}`);
      }
    }
  }
});

test('semver-lite.satisfies refuses a range it does not implement', () => {
  assert.throws(() => satisfies('1.2.3', '>=1.0.0'), /unsupported range/);
  assert.throws(() => satisfies('1.2.3', '^1.2'), /unsupported range/);
});
