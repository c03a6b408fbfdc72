#!/usr/bin/env bash
# Smoke test of `npm start` from a fresh copy of this checkout (see bin/smoke-start.js).
# Run by .ci/run before the suites; run it by hand the same way: bash bin/smoke-start.sh
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/provision.sh"

provision_node
exec node "$PORTAL_ROOT/bin/smoke-start.js" "$@"
