// The two `semver` functions vscode-languageclient calls, for the one kind of range it passes them.
//
// vscode-languageclient/node checks `semverSatisfies(semverParse(vscode.version), '^1.91.0')` when
// the client starts (REQUIRED_VSCODE_VERSION, always a caret range: "do not change format"). The
// whole `semver` package is ≈ 20 KB of the minified client bundle for that one check, so the build
// (esbuild.mjs, `semverLite`) resolves `semver/functions/parse` and `semver/functions/satisfies`
// to these instead. test/unit/semver-lite.test.ts compares them with the real package.
// A range of any other form throws: a library update that changes it fails loudly at start-up
// (and in the integration suite), never passes a check it should not.

export interface SemVerLite {
  major: number;
  minor: number;
  patch: number;
  prerelease: (string | number)[];
  build: string[];
  version: string;
}

const NUM = '(0|[1-9]\\d*)';
const PRE_ID = '(?:0|[1-9]\\d*|\\d*[a-zA-Z-][a-zA-Z0-9-]*)';
const FULL = new RegExp(`^v?${NUM}\\.${NUM}\\.${NUM}(?:-(${PRE_ID}(?:\\.${PRE_ID})*))?(?:\\+([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?$`);
const CARET = /^\^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;
const MAX = Number.MAX_SAFE_INTEGER;

/** `semver.parse(version)` (strict mode): the version, or null when it is not a valid one. */
export function parse(version: unknown): SemVerLite | null {
  if (version && typeof version === 'object' && 'major' in version) return version as SemVerLite;
  if (typeof version !== 'string' || version.length > 256) return null;
  const m = FULL.exec(version.trim());
  if (!m) return null;
  const [major, minor, patch] = [+m[1], +m[2], +m[3]];
  if (major > MAX || minor > MAX || patch > MAX) return null;
  const prerelease = m[4] ? m[4].split('.').map((id) => (/^\d+$/.test(id) && +id <= MAX ? +id : id)) : [];
  return { major, minor, patch, prerelease, build: m[5] ? m[5].split('.') : [], version: `${major}.${minor}.${patch}${prerelease.length ? `-${prerelease.join('.')}` : ''}` };
}

const cmp = (a: [number, number, number], b: [number, number, number]): number => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

/**
 * `semver.satisfies(version, range)` for a caret range `^M.m.p` (no pre-release in the range, the
 * default options): false for a pre-release version, as semver says when the range names none.
 */
export function satisfies(version: unknown, range: string): boolean {
  const r = CARET.exec(range);
  if (!r) throw new Error(`semver-lite: unsupported range ${JSON.stringify(range)} (only ^major.minor.patch)`);
  const v = parse(version);
  if (!v) return false;
  if (v.prerelease.length > 0) return false;
  const low: [number, number, number] = [+r[1], +r[2], +r[3]];
  const high: [number, number, number] = low[0] > 0 ? [low[0] + 1, 0, 0] : low[1] > 0 ? [0, low[1] + 1, 0] : [0, 0, low[2] + 1];
  const t: [number, number, number] = [v.major, v.minor, v.patch];
  return cmp(t, low) >= 0 && cmp(t, high) < 0;
}
