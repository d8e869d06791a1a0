#!/usr/bin/env bash
# Makes a fresh machine ready: Debian packages the project needs, and local
# PostgreSQL and Redis running (unless DATABASE_URL / REDIS_URL point elsewhere).
set -euo pipefail

# chromium: browser tests and the worker's PDFs; ffmpeg: media recording and benchmarks; fonts-noto-core:
# Vietnamese in screenshots; fonts-liberation2: Liberation Serif 2, metric-compatible with Times New Roman
# and covering Vietnamese (the 1.x of fonts-liberation does not), embedded in the minutes' PDFs;
# poppler-utils (pdftotext, pdffonts, pdfsig, pdftoppm) and openssl: the documents' tests.
PACKAGES=(chromium ffmpeg fonts-noto-core fonts-liberation2 poppler-utils openssl curl)
missing=()
for p in "${PACKAGES[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing Debian packages: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

is_local() { [[ -z "${1:-}" || "$1" == *"127.0.0.1"* || "$1" == *"localhost"* ]]; }

if is_local "${DATABASE_URL:-}" && ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  echo "starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -1)" main start
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
fi

if is_local "${REDIS_URL:-}" && ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  echo "starting Redis"
  mkdir -p /var/lib/redis /var/log/redis
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log
  for _ in $(seq 1 30); do redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1 && break; sleep 1; done
fi
