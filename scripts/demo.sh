#!/usr/bin/env bash
# The whole platform with demo data on this machine: packages, services, build,
# database + migrations + the seed-004 conference, then the meeting service
# (which serves the web app), the media gateway and the worker.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-system.sh
bash scripts/install-deps.sh
export PATH="$PWD/node_modules/.bin:$PATH"   # Node 24 from the npm registry's `node` package
npm run --silent build

# Development mode: the development secrets from the repository are accepted only with NODE_ENV exactly
# `development` or `test`; anything else (unset too) is production and needs JWT_SECRET, MEDIA_TOKEN_SECRET and BALLOT_SEAL_KEY.
export NODE_ENV=development

export PORT="${PORT:-3000}"
export MEETING_INTERNAL_URL="${MEETING_INTERNAL_URL:-http://127.0.0.1:$PORT}"   # the gateway reads the floor holder there
npm run --silent seed:demo

pids=()
trap 'kill "${pids[@]}" 2>/dev/null; wait' EXIT INT TERM
node dist/apps/media/src/main.js & pids+=($!)
node dist/apps/worker/src/main.js & pids+=($!)
node dist/apps/meeting/src/main.js & pids+=($!)
for _ in $(seq 1 60); do curl -sf "http://localhost:$PORT/api/health" >/dev/null && break; sleep 1; done
echo
echo "hoinghi is running: http://localhost:$PORT  (API docs: http://localhost:$PORT/api/docs)"
echo "Log in as chutri (chair) or vanhanh.sadec (operator at Sa Đéc); password hoinghi2026. Ctrl-C stops."
wait -n "${pids[@]}"
