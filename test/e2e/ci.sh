#!/usr/bin/env bash
# The real-client stage of CI (called by .ci/run after the unit tests; also fine by hand):
#   install (apt + test/e2e npm ci, skipped when already done) -> build if needed -> integration suite in
#   code-server -> Neovim LSP check -> browser UI check -> package the .vsix -> demo smoke test.
# Every step runs even when an earlier one failed; the exit code is non-zero if any failed.
# Steps can be left out with E2E_SKIP="ui demo" (names: integration neovim ui demo).
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
cd "$REPO"
SKIP=" ${E2E_SKIP:-} "
passed=0; failed=0; failed_names=()
step() { # step NAME COMMAND...
  local name=$1; shift
  if [[ "$SKIP" == *" $name "* ]]; then echo "== e2e $name: skipped (E2E_SKIP)"; return; fi
  echo "== e2e $name: $*"
  local t0=$SECONDS
  if "$@"; then passed=$((passed + 1)); echo "== e2e $name: ok ($((SECONDS - t0))s)"
  else failed=$((failed + 1)); failed_names+=("$name"); echo "== e2e $name: FAILED ($((SECONDS - t0))s)"; fi
}

t0=$SECONDS
bash "$HERE/install.sh" || { echo "== e2e install FAILED"; exit 1; }
echo "== e2e install: $((SECONDS - t0))s"
if [ ! -f dist/client.js ] || [ ! -f dist/server.js ]; then npm run build || exit 1; fi

step integration node "$HERE/run-integration.mjs"
step neovim node "$HERE/neovim-check.mjs"
step ui node "$HERE/ui-check.mjs"
if [[ "$SKIP" != *" demo "* ]]; then
  # the packaged extension, installed as a user would, served by code-server (then the dev build is restored)
  demo_smoke() {
    if ! npm run package >/dev/null; then echo "   npm run package failed (vsce, above): no .vsix to demo"; npm run build >/dev/null; return 1; fi
    node "$HERE/demo.mjs" --smoke; local rc=$?
    npm run build >/dev/null # back to the development build
    return $rc
  }
  step demo demo_smoke
fi

echo "== e2e total $((SECONDS - t0))s${failed_names[*]:+; failed: ${failed_names[*]}}"
echo "e2e: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
