#!/usr/bin/env bash
# Idempotent install of everything the real-client checks need, on a fresh Debian machine that
# reaches only the npm registry and Debian apt (see shared docs/E2E.md):
#   apt: chromium (driven by playwright-core; no browser download), ripgrep (seeds @vscode/ripgrep),
#        libkrb5-dev libsecret-1-dev pkg-config (native modules of code-server), neovim (2nd LSP client),
#        fonts-wqy-microhei (a small CJK font, so that screenshots show Chinese rather than boxes)
#   npm: code-server@4.100.3 + playwright-core, pinned by test/e2e/package-lock.json (npm ci).
# Reruns skip whatever is already in place, so a warm rerun takes about a second.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$HERE"
t0=$(date +%s)
log() { echo "[e2e:install +$(( $(date +%s) - t0 ))s] $*"; }

# ---- 1. Debian packages ----------------------------------------------------------------------
APT_PKGS=(chromium ripgrep libkrb5-dev libsecret-1-dev pkg-config neovim fonts-wqy-microhei)
missing=()
for p in "${APT_PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  log "apt-get install ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  log "apt packages present"
fi
command -v chromium >/dev/null && command -v rg >/dev/null && command -v nvim >/dev/null

# ---- 2. seed @vscode/ripgrep's download cache with Debian's rg -----------------------------------
# Its postinstall would fetch rg from the internet; it looks in $TMPDIR/vscode-ripgrep-cache-<ver>/ first.
export TMPDIR="$HERE/tmp"
RG_CACHE="$TMPDIR/vscode-ripgrep-cache-1.15.11"
RG_TGZ="$RG_CACHE/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
if [ ! -s "$RG_TGZ" ]; then
  log "seeding ripgrep cache"
  mkdir -p "$RG_CACHE" "$TMPDIR/rgpkg"
  cp /usr/bin/rg "$TMPDIR/rgpkg/rg"
  tar czf "$RG_TGZ" -C "$TMPDIR/rgpkg" rg
fi

# ---- 3. npm ci in test/e2e ---------------------------------------------------------------------
export npm_config_unsafe_perm=true   # code-server's postinstall refuses to run as root otherwise
export npm_config_yes=true           # node-pty's postinstall runs `npx node-gyp`
export npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false
STAMP="node_modules/.e2e-install-stamp"
want="$(sha256sum package-lock.json 2>/dev/null | cut -d' ' -f1 || true)"
have="$(cat "$STAMP" 2>/dev/null || true)"
if [ -n "$want" ] && [ "$want" = "$have" ] \
   && [ -x node_modules/.bin/code-server ] && [ -d node_modules/code-server/lib/vscode/node_modules ] \
   && [ -d node_modules/playwright-core ]; then
  log "node_modules up to date (code-server $(node -p 'require("./node_modules/code-server/package.json").version'))"
else
  if [ -f package-lock.json ]; then
    log "npm ci (code-server builds native modules from source; ~2 min)"
    npm ci --no-audit --no-fund --loglevel=error
  else
    log "no lockfile yet: npm install (creates package-lock.json)"
    npm install --no-audit --no-fund --loglevel=error
  fi
  test -d node_modules/code-server/lib/vscode/node_modules || { echo "code-server postinstall did not complete" >&2; exit 1; }
  sha256sum package-lock.json | cut -d' ' -f1 > "$STAMP"
fi
log "done"
