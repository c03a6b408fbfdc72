#!/usr/bin/env bash
# bench/http: see bench/http/bench.ts. Uses its own SQLite file and Redis database so it never
# touches the demo's or the tests' data.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../../bin/provision.sh"
provision_node
provision_dependencies
provision_env_file
start_redis_if_needed
cd "$PORTAL_ROOT"

export NODE_ENV=production LOG_LEVEL=error LOG_PRETTY=false SESSION_DRIVER=cookie
export DB_CONNECTION=sqlite SQLITE_PATH="$PORTAL_ROOT/tmp/bench/http.sqlite3"
export REDIS_URL=redis://127.0.0.1:6379/2 QUEUE_PREFIX=portal-bench
mkdir -p tmp/bench

say "building the application for production (node ace build)"
build_for_production
cp .env build/.env
say "preparing the benchmark database"
(cd build && node ace migration:run --force --compact-output >/dev/null && node ace db:seed >/dev/null)
say "writing four bench plugins and enabling them for the demo tenant"
ids="$(node --import=@poppinss/ts-exec bench/http/plugins.ts)"
for id in $ids; do
  (cd build && PLUGINS_PATHS="plugins,$PORTAL_ROOT/tmp/bench/plugins" node ace plugin:enable "$id" --tenant demo >/dev/null)
done
say "measuring"
node --import=@poppinss/ts-exec bench/http/bench.ts
