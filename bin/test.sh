#!/usr/bin/env bash
# `npm test`: provisions what the suite needs, then typechecks and runs every
# suite (unit, functional, workflows, browser) against real services. Extra arguments go
# to `node ace test` (e.g. `npm test -- functional --files=tests/functional/identity/*`).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/provision.sh"

provision_node
provision_dependencies
provision_temporal
provision_chromium
start_redis_if_needed

cd "$PORTAL_ROOT"
say "generating route and page types"
NODE_ENV=test node ace codegen >/dev/null
say "typechecking (server)"
node_modules/.bin/tsc --noEmit
say "typechecking (Vue pages)"
node_modules/.bin/vue-tsc --noEmit --project resources/tsconfig.json
say "linting (a plugin imports the core through #core/* only)"
node_modules/.bin/eslint .
say "running the test suites"
node ace test "$@"
