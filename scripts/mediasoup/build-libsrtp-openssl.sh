#!/usr/bin/env bash
# Build libsrtp2 from Debian's own source package against OpenSSL, as a static library, offline.
#
# Debian builds its libsrtp2 against NSS (`--enable-nss`), whose AES-CM and HMAC contexts are
# rebuilt for every packet: encrypting an SRTP packet cost the mediasoup worker more than
# forwarding it. The same 2.5.0 source with `--enable-openssl` uses OpenSSL's EVP (AES-NI, SHA
# extensions, AES-GCM). Only the static library and headers are installed, into a private prefix,
# so nothing else on the machine changes (Janus keeps Debian's shared libsrtp2).
#   SRTP_PREFIX  where to install (include/srtp2/*.h, lib/libsrtp2.a, lib/pkgconfig/libsrtp2.pc)
# Needs root (apt-get) the first time: a deb-src entry for the suite the machine already uses.
set -euo pipefail
SRTP_PREFIX="${SRTP_PREFIX:?set SRTP_PREFIX}"
if [ -f "$SRTP_PREFIX/lib/libsrtp2.a" ] && [ -f "$SRTP_PREFIX/lib/pkgconfig/libsrtp2.pc" ]; then
  echo "libsrtp2 (OpenSSL) already built: $SRTP_PREFIX"; exit 0
fi

# 1. Tools to fetch and build a Debian source package.
DEPS="dpkg-dev gcc make pkg-config libssl-dev"
if ! dpkg -s $DEPS >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $DEPS >/dev/null
fi

# 2. A deb-src entry on the mirror the machine's own sources name (no other host), then the source.
if ! apt-get source --print-uris -qq libsrtp2 2>/dev/null | grep -q "libsrtp2_.*\.dsc"; then
  MIRROR="$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.sources /etc/apt/sources.list.d/*.list 2>/dev/null \
    | grep -v '^[[:space:]]*#' | grep -oE 'https?://[^ ]+/debian/?( |$)' | tr -d ' ' | sed 's#/$##' | head -n1 || true)"
  SUITE="$(. /etc/os-release && echo "$VERSION_CODENAME")"
  [ -n "$MIRROR" ] && [ -n "$SUITE" ] || { echo "no Debian mirror found in /etc/apt/sources.list*" >&2; exit 1; }
  printf 'Types: deb-src\nURIs: %s\nSuites: %s\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
    "$MIRROR" "$SUITE" > /etc/apt/sources.list.d/hoinghi-src.sources
  apt-get update -qq
fi
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
(cd "$WORK" && apt-get source -qq libsrtp2 >/dev/null 2>&1) || { echo "apt-get source libsrtp2 failed" >&2; exit 1; }
SRC="$(ls -d "$WORK"/libsrtp2-*/ | head -n1)"
grep -q "^AC_INIT(\[libsrtp2\], \[2\." "$SRC/configure.ac" || { echo "unexpected libsrtp2 source in $SRC" >&2; exit 1; }

# 3. Configure against OpenSSL (Debian's patches are applied by apt-get source), static library only.
cd "$SRC"
./configure -q --enable-openssl --prefix="$SRTP_PREFIX" >/dev/null
make -s -j "$(nproc)" libsrtp2.a >/dev/null
grep -q '^#define OPENSSL 1' crypto/include/config.h
make -s install >/dev/null
echo "built libsrtp2 $(sed -n 's/^AC_INIT(\[libsrtp2\], \[\([0-9.]*\)\].*/\1/p' configure.ac) (OpenSSL, static) into $SRTP_PREFIX"
