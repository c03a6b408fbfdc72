#!/usr/bin/env bash
# Proves a plugin can be removed with `rm -r`: for each plugin folder given (default: every
# folder of plugins/), a scratch copy of the checkout (the files a fresh clone holds, with this
# checkout's node_modules linked in) loses that folder, then must pass, within a time bound:
# codegen, both typechecks, lint, the unit and functional suites, and `migration:status` /
# `migration:run` on a database the plugin had migrated. Run by .ci/run after `npm test`.
#
#   bash bin/check-plugin-removal.sh [plugins/<id> ...]
#   PLUGIN_REMOVAL_TIMEOUT=1800 (seconds per plugin)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/provision.sh"

provision_node
provision_dependencies
provision_temporal
start_redis_if_needed

cd "$PORTAL_ROOT"
limit="${PLUGIN_REMOVAL_TIMEOUT:-1800}"

if [ "$#" -gt 0 ]; then
  folders=("$@")
else
  folders=()
  for manifest in plugins/*/plugin.json; do
    [ -e "$manifest" ] && folders+=("$(dirname "$manifest")")
  done
fi
if [ "${#folders[@]}" -eq 0 ]; then
  say "no plugin in plugins/: nothing to remove"
  exit 0
fi

for folder in "${folders[@]}"; do
  folder="${folder%/}"
  id="$(basename "$folder")"
  [ -f "$folder/plugin.json" ] || { echo "$folder holds no plugin.json" >&2; exit 1; }
  scratch="$(mktemp -d "${TMPDIR:-/tmp}/portal-without-$id.XXXXXX")"
  say "removing $folder in a scratch copy ($scratch)"
  # What a fresh clone holds (tracked and new files, minus ignored ones), then node_modules.
  git ls-files -z --cached --others --exclude-standard |
    while IFS= read -r -d '' file; do
      [ -e "$file" ] && printf '%s\0' "$file"
    done |
    tar --null -T - -cf - | tar -C "$scratch" -xf -
  ln -s "$PORTAL_ROOT/node_modules" "$scratch/node_modules"

  (
    cd "$scratch"
    export NODE_ENV=test
    # A database the plugin migrated, kept for after its removal.
    export SQLITE_PATH="$scratch/tmp/with-plugin.sqlite3"
    mkdir -p tmp
    node ace codegen >/dev/null
    node ace migration:run --force >/dev/null
    unset SQLITE_PATH

    rm -r "$folder"
    say "[$id removed] migration:status and migration:run on the database it had migrated"
    SQLITE_PATH="$scratch/tmp/with-plugin.sqlite3" node ace migration:status
    SQLITE_PATH="$scratch/tmp/with-plugin.sqlite3" node ace migration:run --force
    say "[$id removed] codegen, typecheck, lint"
    node ace codegen >/dev/null
    node_modules/.bin/tsc --noEmit
    node_modules/.bin/vue-tsc --noEmit --project resources/tsconfig.json
    node_modules/.bin/eslint .
    say "[$id removed] unit and functional suites (at most ${limit}s)"
    timeout --kill-after=30 "$limit" node ace test unit functional
  )
  rm -rf "$scratch"
  say "$id: the rest builds and passes without it"
done
