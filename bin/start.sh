#!/usr/bin/env bash
# `npm start`: provisions, prepares the database with demo data, and runs the whole platform
# (Redis if needed, Temporal dev server, MailDev, worker, web server) until Ctrl-C.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/provision.sh"

provision_node
provision_dependencies
provision_temporal
provision_env_file
if ! redis_answers && ! command -v redis-server >/dev/null; then
  die "Redis is not running on 127.0.0.1:6379 and redis-server is not installed.
  Install it (Debian/Ubuntu: sudo apt-get install redis-server) or start your own Redis and set REDIS_URL."
fi

cd "$PORTAL_ROOT"
exec node bin/dev.js "$@"
