#!/usr/bin/env bash
# npm packages (and, through postinstall, the mediasoup worker) when missing or stale.
set -euo pipefail
cd "$(dirname "$0")/.."
stamp=node_modules/.hoinghi-lock
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  # Not `npm ci`: this registry has no other-platform builds of optional packages (@swc/core-darwin-*, …),
  # so the lock cannot list them and `npm ci` refuses it. `npm install` installs the locked versions.
  npm install --no-audit --no-fund
  cp package-lock.json "$stamp"
else
  bash scripts/install-mediasoup-worker.sh   # worker cache may be new on this machine
fi
