#!/usr/bin/env bash
# bench/zip: see bench/zip/bench.ts. Generates its PDFs under tmp/bench/zip (once; about 500 MB
# with the 5,000-file check) and uses its own fs disk there, so it never touches the demo's or
# the tests' files. Needs no database, Redis or port.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../../bin/provision.sh"
provision_node
provision_dependencies
provision_env_file
cd "$PORTAL_ROOT"

# The baseline (zip -0) and the archive checks (unzip, zipinfo) need Info-ZIP's tools.
if ! command -v zip >/dev/null || ! command -v unzip >/dev/null || ! command -v zipinfo >/dev/null; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  command -v apt-get >/dev/null || die "bench/zip needs zip and unzip (Info-ZIP): install them."
  say "installing Debian's zip and unzip for the baseline"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends zip unzip >/dev/null \
    || { $sudo apt-get update >/dev/null && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends zip unzip >/dev/null; } \
    || die "Could not install zip and unzip with apt-get; install them by hand."
fi

export NODE_ENV=production LOG_LEVEL=error LOG_PRETTY=false
export DRIVE_DISK=fs DRIVE_FS_ROOT="$PORTAL_ROOT/tmp/bench/zip/drive"
mkdir -p tmp/bench/zip
say "measuring"
node --import=@poppinss/ts-exec bench/zip/bench.ts
