#!/usr/bin/env bash
# Installs code-server 4.100.3 (VS Code 1.100.3, the last release on Node 20) from the npm registry into a
# cache folder outside the clone, so `npm ci` never hits its native builds and re-runs reuse it.
# docs/testing-in-vscode.md explains why each step exists.
set -euo pipefail

CS_VERSION=4.100.3
RG_PKG_VERSION=1.15.11   # @vscode/ripgrep pinned by code-server's lib/vscode/npm-shrinkwrap.json
RG_ASSET=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz   # what its postinstall would download
DIR="${GRANITE_CODE_SERVER_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/granite-analytics/code-server-$CS_VERSION}"

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

# The kerberos addon compiles against libkrb5-dev's headers; scripts/prepare-machine.mjs installs them.
if [ ! -f /usr/include/gssapi/gssapi.h ]; then
  echo "code-server's native build needs Debian's libkrb5-dev. Run: sudo apt-get update && sudo apt-get install -y libkrb5-dev" >&2
  exit 1
fi

# node-gyp builds against Node's own headers when it is told where they are; otherwise it downloads them
# from nodejs.org, which this network does not reach. Some machines set this in the user's ~/.npmrc only,
# so it is set here for every user.
if [ -z "${npm_config_nodedir:-}" ]; then
  node_prefix=$(dirname "$(dirname "$(command -v node)")")
  if [ -f "$node_prefix/include/node/node.h" ]; then export npm_config_nodedir="$node_prefix"; fi
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
