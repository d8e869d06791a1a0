#!/usr/bin/env bash
# Every test, on a fresh clone: system packages and services, npm packages, builds,
# then jest (unit + end-to-end against real PostgreSQL, Redis, mediasoup and Chromium)
# with a throwaway database.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-system.sh
bash scripts/install-deps.sh
export PATH="$PWD/node_modules/.bin:$PATH"   # Node 24 from the npm registry's `node` package
echo "node $(node --version)"
npm run --silent build

# Test mode: development secrets allowed (NODE_ENV exactly `test`; anything else but `development` is production).
export NODE_ENV=test
export TEST_DATABASE_URL="${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/hoinghi_test}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"
# --runInBand: the machine has two cores, and the servers under test need one.
exec npx jest --runInBand "$@"
