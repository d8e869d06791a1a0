#!/usr/bin/env bash
# Gives node_modules/mediasoup a working C++ worker. Runs as npm postinstall.
#
# mediasoup's own install downloads a prebuilt worker from GitHub (or builds
# one with meson subprojects it downloads). Air-gapped networks have neither,
# so when GitHub is unreachable we build the worker from the npm tarball
# against Debian's libraries (libsrtp2 rebuilt from Debian's source against
# OpenSSL), once, cached outside the repository and keyed by version and build
# scripts, then link it where mediasoup looks for it.
#
#   HOINGHI_MEDIASOUP_BUILD  auto (default) | upstream | offline
#   HOINGHI_CACHE            cache root (default ~/.cache/hoinghi)
set -euo pipefail
cd "$(dirname "$0")/.."

PKG=node_modules/mediasoup
[ -f "$PKG/package.json" ] || { echo "mediasoup not installed; skipping worker"; exit 0; }
VERSION="$(node -p "require('./$PKG/package.json').version")"
TARGET="$PKG/worker/out/Release/mediasoup-worker"

if [ -x "$TARGET" ] && [ ! -L "$TARGET" ]; then
  echo "mediasoup-worker $VERSION present (upstream build)"; exit 0
fi

MODE="${HOINGHI_MEDIASOUP_BUILD:-auto}"
if [ "$MODE" = auto ]; then
  if curl -sfI --max-time 5 https://github.com >/dev/null 2>&1; then MODE=upstream; else MODE=offline; fi
fi

if [ "$MODE" = upstream ]; then
  echo "mediasoup-worker: using mediasoup's own install (prebuilt download or source build)"
  (cd "$PKG" && node npm-scripts.mjs postinstall)
  exit 0
fi

CACHE="${HOINGHI_CACHE:-$HOME/.cache/hoinghi}/mediasoup"
# Keyed by version and by the build scripts themselves: a change to how the worker is built (e.g. which
# libsrtp it links) builds a new binary beside the old one instead of reusing or overwriting it.
KEY="$(cat scripts/mediasoup/*.sh | sha256sum | cut -c1-12)"
BIN="$CACHE/mediasoup-worker-$VERSION-$KEY"
if [ ! -x "$BIN" ]; then
  echo "mediasoup-worker $VERSION: building offline into $BIN (about 4 minutes, once per machine)"
  MS_VERSION="$VERSION" MS_OUT="$CACHE" MS_BIN="$BIN" bash scripts/mediasoup/build-worker-offline.sh
fi
mkdir -p "$(dirname "$TARGET")"
ln -sf "$BIN" "$TARGET"
echo "mediasoup-worker $VERSION linked from $BIN"
