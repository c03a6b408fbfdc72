#!/usr/bin/env bash
# bench/documents-list: see bench/documents-list/bench.ts.
#
#   bash bench/documents-list/run.sh            # 1,000,000 documents (database portal_bench_docs)
#   bash bench/documents-list/run.sh --large    # 10,000,000 documents (database portal_bench_docs_10m)
#
# Uses its own PostgreSQL database (created when missing, data kept between runs), Redis
# database 3 and ports 4333 (application) and 4334 (baseline), so it never touches the demo's or
# the tests' data. Knobs: BENCH_SECONDS, BENCH_WARMUP_SECONDS, BENCH_CONNECTIONS, BENCH_ONLY
# (a regular expression on scenario keys), BENCH_DOCUMENTS (another size), BENCH_SKIP_BUILD=1,
# BENCH_PROFILE=1 (CPU profile of the application server in tmp/bench/profiles; =all: of the
# baseline server too).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../../bin/provision.sh"
provision_node
provision_dependencies
provision_env_file
start_redis_if_needed
cd "$PORTAL_ROOT"

documents="${BENCH_DOCUMENTS:-}"
for arg in "$@"; do
  [ "$arg" = "--large" ] && documents="${documents:-10000000}"
done
documents="${documents:-1000000}"
case "$documents" in
  1000000) database=portal_bench_docs ;;
  10000000) database=portal_bench_docs_10m ;;
  *) database="portal_bench_docs_$documents" ;;
esac

export NODE_ENV=production LOG_LEVEL=error LOG_PRETTY=false SESSION_DRIVER=cookie
export HOST=127.0.0.1 PORT=4333 BASELINE_PORT=4334 APP_URL=http://localhost:4333 TENANT_BASE_DOMAIN=localhost
export DB_CONNECTION=pg PG_HOST="${PG_HOST:-127.0.0.1}" PG_PORT="${PG_PORT:-5432}"
export PG_USER="${PG_USER:-postgres}" PG_PASSWORD="${PG_PASSWORD:-}" PG_DB_NAME="$database"
export REDIS_URL=redis://127.0.0.1:6379/3 QUEUE_PREFIX=portal-bench-docs
export BENCH_DOCUMENTS="$documents"

export PGPASSWORD="$PG_PASSWORD"
psql_args=(-h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -v ON_ERROR_STOP=1 -qAt)
if [ -z "$(psql "${psql_args[@]}" -d postgres -c "select 1 from pg_database where datname = '$database'")" ]; then
  say "creating the PostgreSQL database $database"
  createdb -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" "$database"
fi

if [ -z "${BENCH_SKIP_BUILD:-}" ] || [ ! -f build/bench/documents-list/servers/app_server.js ]; then
  say "building the application for production (node ace build)"
  build_for_production
fi
cp .env build/.env
say "migrating $database"
(cd build && node ace migration:run --force --compact-output >/dev/null)
say "measuring"
node --import=@poppinss/ts-exec bench/documents-list/bench.ts "$@"
