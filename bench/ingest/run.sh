#!/usr/bin/env bash
# bench/ingest: see bench/ingest/bench.ts.
#
#   bash bench/ingest/run.sh                     # 50,000 documents of about 100 KB
#   bash bench/ingest/run.sh --documents 2000    # a small try first (or BENCH_DOCUMENTS=2000)
#
# Uses its own PostgreSQL database (portal_bench_ingest, dropped and created again every run),
# Redis database 5 with the prefix portal-bench-ingest (emptied every run), files under
# tmp/bench/ingest (the generated PDFs are kept between runs, the stored copies removed after
# each), port 4336 for the application and 2527 for the SMTP sink, and its own production build
# (tmp/bench/ingest/build), so it never touches the demo's, the tests' or the other benchmarks'
# data, ports or build. Needs about 2 x 5 GB free for the default size (the PDFs, then their
# copy by the baseline or by the import). Knobs: see bench/ingest/bench.ts; BENCH_SKIP_BUILD=1
# reuses the last build.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../../bin/provision.sh"
provision_node
provision_dependencies
provision_env_file
start_redis_if_needed
cd "$PORTAL_ROOT"

database=portal_bench_ingest
export NODE_ENV=production LOG_LEVEL=error LOG_PRETTY=false SESSION_DRIVER=cookie
export HOST=127.0.0.1 PORT=4336 APP_URL=http://localhost:4336 TENANT_BASE_DOMAIN=localhost
export DB_CONNECTION=pg PG_HOST="${PG_HOST:-127.0.0.1}" PG_PORT="${PG_PORT:-5432}"
export PG_USER="${PG_USER:-postgres}" PG_PASSWORD="${PG_PASSWORD:-}" PG_DB_NAME="$database"
export REDIS_URL=redis://127.0.0.1:6379/5 QUEUE_PREFIX=portal-bench-ingest
export SMTP_HOST=127.0.0.1 SMTP_PORT=2527 SMTP_SECURE=false SMTP_USERNAME= SMTP_PASSWORD=
export DRIVE_DISK=fs DRIVE_FS_ROOT="$PORTAL_ROOT/tmp/bench/ingest/storage"
build="$PORTAL_ROOT/tmp/bench/ingest/build"
mkdir -p tmp/bench/ingest

export PGPASSWORD="$PG_PASSWORD"
command -v psql >/dev/null || die "bench/ingest needs psql (the baseline's \\copy): install postgresql-client."
say "creating the PostgreSQL database $database (dropped first)"
dropdb -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" --if-exists --force "$database"
createdb -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" "$database"

if [ -z "${BENCH_SKIP_BUILD:-}" ] || [ ! -f "$build/ace.js" ]; then
  # Its own output folder (bench/ingest/tsconfig.build.json): build/ may be in use by another
  # benchmark running at the same time.
  say "building the application for production (node ace build) into tmp/bench/ingest/build"
  build_for_production --tsconfig bench/ingest/tsconfig.build.json
fi
cp .env "$build/.env"
say "migrating $database"
(cd "$build" && node ace migration:run --force --compact-output >/dev/null)
say "measuring"
node --import=@poppinss/ts-exec bench/ingest/bench.ts "$@"
