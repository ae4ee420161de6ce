#!/usr/bin/env bash
# Installs code-server 4.100.3 (VS Code 1.100.3, the last release on Node 20) from the npm registry into a
# cache folder outside the clone, so `npm ci` never hits its native builds and re-runs reuse it.
# See /work/shared/recipes/offline-vscode-testing.md for why each step exists.
set -euo pipefail

CS_VERSION=4.100.3
RG_PKG_VERSION=1.15.11   # @vscode/ripgrep pinned by code-server's lib/vscode/npm-shrinkwrap.json
RG_ASSET=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz   # what its postinstall would download
DIR="${GRANITE_CODE_SERVER_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/granite-analytics/code-server-$CS_VERSION}"
APT_PKGS=(chromium libkrb5-dev fonts-noto-cjk fonts-noto-color-emoji)

if [ -f "$DIR/.installed" ]; then
  echo "code-server $CS_VERSION: already installed in $DIR"
  exit 0
fi

# Serialise concurrent installs (parallel runs on one machine) and re-check once we hold the lock.
mkdir -p "$DIR"
exec 9>"$DIR/.install.lock"
flock 9
if [ -f "$DIR/.installed" ]; then
  echo "code-server $CS_VERSION: installed by a concurrent run in $DIR"
  exit 0
fi

# System packages: Chromium drives the web workbench; libkrb5-dev lets the kerberos addon compile.
if [ ! -x /usr/bin/chromium ] || [ ! -f /usr/include/gssapi/gssapi.h ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "installing system packages: ${APT_PKGS[*]} (apt-get, about 1-2 min)"
    if ! { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y "${APT_PKGS[@]}"; } \
        >"$DIR/apt.log" 2>&1; then
      echo "apt-get failed; last lines of $DIR/apt.log:" >&2
      tail -n 30 "$DIR/apt.log" >&2
      exit 1
    fi
  else
    echo "Missing system packages (chromium, libkrb5-dev). Run:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y ${APT_PKGS[*]}" >&2
    exit 1
  fi
fi

start=$(date +%s)
rm -rf "$DIR/tmp" "$DIR/node_modules" "$DIR/package.json"
mkdir -p "$DIR/tmp"
LOG="$DIR/install.log"
: >"$LOG"
echo "installing code-server $CS_VERSION into $DIR (native builds, about 70-80 s; log: $LOG)"

fail() {
  echo "code-server install failed ($1); last lines of $LOG:" >&2
  tail -n 40 "$LOG" >&2
  exit 1
}

cd "$DIR"
echo '{"private":true}' >package.json

# ripgrep's postinstall asks GitHub for a release (unreachable); seed its download cache with the
# static rg binary that the npm registry ships.
npm install --no-save --no-package-lock --no-audit --no-fund @vscode/ripgrep-linux-x64@1.18.0 >>"$LOG" 2>&1 \
  || fail "ripgrep binary"
mkdir -p "tmp/vscode-ripgrep-cache-$RG_PKG_VERSION"
tar czf "tmp/vscode-ripgrep-cache-$RG_PKG_VERSION/$RG_ASSET" -C node_modules/@vscode/ripgrep-linux-x64/bin rg \
  || fail "ripgrep cache tarball"

# npm_config_yes: node-pty's postinstall runs `npx node-gyp` (would be cancelled without a TTY).
# npm_config_unsafe_perm: code-server's postinstall refuses to run as root otherwise.
TMPDIR="$DIR/tmp" npm_config_yes=true npm_config_unsafe_perm=true \
  npm install --no-package-lock --no-audit --no-fund "code-server@$CS_VERSION" >>"$LOG" 2>&1 \
  || fail "npm install code-server@$CS_VERSION"

[ -f node_modules/code-server/out/node/entry.js ] || fail "entry.js missing"
rm -rf "$DIR/tmp"
touch "$DIR/.installed"
echo "code-server $CS_VERSION installed in $DIR in $(( $(date +%s) - start )) s"
