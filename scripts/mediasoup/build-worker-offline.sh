#!/usr/bin/env bash
# Build mediasoup's C++ worker (adapted from the offline-build notes) from the npm tarball against Debian bookworm
# system libraries, with no GitHub/wrapdb downloads, and libsrtp2 built from Debian's source package
# against OpenSSL (build-libsrtp-openssl.sh: Debian's own libsrtp2 uses NSS, several times slower per
# packet). Needs root (apt-get).
#   MS_VERSION  mediasoup version (must equal the exact npm dependency version)
#   MS_OUT      output dir (also holds the meson venv and the static libsrtp2)
#   MS_BIN      the binary to produce (default $MS_OUT/mediasoup-worker-$MS_VERSION)
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
MS_VERSION="${MS_VERSION:-3.27.1}"
MS_OUT="${MS_OUT:-$PWD/.mediasoup-worker}"
mkdir -p "$MS_OUT" && MS_OUT="$(cd "$MS_OUT" && pwd)"
BIN="${MS_BIN:-$MS_OUT/mediasoup-worker-$MS_VERSION}"
if [ -x "$BIN" ]; then echo "already built: $BIN"; exit 0; fi

# 1. Debian build dependencies (their runtime libs come along as dependencies).
BUILD_DEPS="g++ pkg-config libuv1-dev libssl-dev libabsl-dev libflatbuffers-dev flatbuffers-compiler"
if ! dpkg -s $BUILD_DEPS >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $BUILD_DEPS >/dev/null
fi

# 2. meson >= 1.1 (Debian's 1.0.1 is too old for mediasoup's meson.build) and
#    ninja, from the local pip mirror, in a private venv.
if [ ! -x "$MS_OUT/venv/bin/meson" ]; then
  python3 -m venv "$MS_OUT/venv"
  "$MS_OUT/venv/bin/pip" install -q meson==1.12.1 ninja==1.13.2
fi
export PATH="$MS_OUT/venv/bin:$PATH"

# 2b. libsrtp2 2.5.0 from Debian's source package, against OpenSSL, static (about 10 s).
SRTP_PREFIX="$MS_OUT/libsrtp2-openssl"
SRTP_PREFIX="$SRTP_PREFIX" bash "$HERE/build-libsrtp-openssl.sh"
export PKG_CONFIG_PATH="$SRTP_PREFIX/lib/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"

# 3. Worker sources from the npm registry tarball.
SRC="$MS_OUT/src-$MS_VERSION"
rm -rf "$SRC" && mkdir -p "$SRC"
(cd "$SRC" && npm pack --silent "mediasoup@$MS_VERSION" >/dev/null && tar xzf "mediasoup-$MS_VERSION.tgz")
W="$SRC/package/worker"
mkdir -p "$W/compat/ankerl"

# 4a. ankerl::unordered_dense (header-only, not packaged in Debian) -> std containers.
cat > "$W/compat/ankerl/unordered_dense.h" <<'EOF'
// Stand-in for martinus/unordered_dense (not in Debian bookworm):
// ankerl::unordered_dense::{map,set,hash} -> std::unordered_{map,set}, std::hash.
#pragma once
#include <functional>
#include <memory>
#include <unordered_map>
#include <unordered_set>
#include <utility>
namespace ankerl { namespace unordered_dense {
template<class T, class Enable = void> struct hash : std::hash<T> {};
template<class K, class V, class H = hash<K>, class E = std::equal_to<K>,
         class A = std::allocator<std::pair<const K, V>>>
using map = std::unordered_map<K, V, H, E, A>;
template<class K, class H = hash<K>, class E = std::equal_to<K>, class A = std::allocator<K>>
using set = std::unordered_set<K, H, E, A>;
}} // namespace ankerl::unordered_dense
EOF

# 4b. The libsrtp3 API subset mediasoup uses, implemented on libsrtp2
#     2.5.0 (C++ inline overloads; libsrtp2's own C functions are unchanged).
cat > "$W/compat/srtp.h" <<'EOF'
#pragma once
#include <srtp2/srtp.h>
#include <climits>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>

// Error codes added in libsrtp3.
constexpr srtp_err_status_t srtp_err_status_buffer_small = static_cast<srtp_err_status_t>(28);
constexpr srtp_err_status_t srtp_err_status_cryptex_err  = static_cast<srtp_err_status_t>(29);

// libsrtp3 renamed srtp_remove_stream() to srtp_stream_remove().
inline srtp_err_status_t srtp_stream_remove(srtp_t session, uint32_t ssrc)
{
	return srtp_remove_stream(session, ssrc);
}

// libsrtp3's opaque policy handle, backed by a libsrtp2 policy struct.
struct ms_srtp3_policy
{
	struct srtp_policy_t p;
	unsigned char* keyBuf;
};
typedef ms_srtp3_policy* ms_srtp3_policy_handle;
#define srtp_policy_t ms_srtp3_policy_handle

inline srtp_err_status_t srtp_policy_create(ms_srtp3_policy_handle* policy)
{
	auto* h = static_cast<ms_srtp3_policy*>(std::calloc(1, sizeof(ms_srtp3_policy)));
	if (!h)
		return srtp_err_status_alloc_fail;
	*policy = h;
	return srtp_err_status_ok;
}

inline void srtp_policy_destroy(ms_srtp3_policy_handle policy)
{
	if (!policy)
		return;
	if (policy->keyBuf)
	{
		std::memset(policy->keyBuf, 0, SRTP_MAX_KEY_LEN);
		std::free(policy->keyBuf);
	}
	std::free(policy);
}

inline srtp_err_status_t srtp_policy_set_ssrc(ms_srtp3_policy_handle policy, srtp_ssrc_t ssrc)
{
	policy->p.ssrc = ssrc;
	return srtp_err_status_ok;
}

inline srtp_err_status_t srtp_policy_set_profile(ms_srtp3_policy_handle policy, srtp_profile_t profile)
{
	// For aes128_cm_sha1_32, libsrtp2 uses an 80-bit tag for RTCP (RFC 5764).
	srtp_err_status_t err = srtp_crypto_policy_set_from_profile_for_rtp(&policy->p.rtp, profile);
	if (err != srtp_err_status_ok)
		return err;
	return srtp_crypto_policy_set_from_profile_for_rtcp(&policy->p.rtcp, profile);
}

inline srtp_err_status_t srtp_policy_add_key(
  ms_srtp3_policy_handle policy, const uint8_t* key, size_t keyLen, const uint8_t* salt,
  size_t saltLen, const uint8_t* /*mki*/, size_t mkiLen)
{
	if (mkiLen != 0 || keyLen + saltLen > SRTP_MAX_KEY_LEN || policy->keyBuf)
		return srtp_err_status_bad_param;
	policy->keyBuf = static_cast<unsigned char*>(std::calloc(1, SRTP_MAX_KEY_LEN));
	if (!policy->keyBuf)
		return srtp_err_status_alloc_fail;
	std::memcpy(policy->keyBuf, key, keyLen); // libsrtp2 wants key || salt
	std::memcpy(policy->keyBuf + keyLen, salt, saltLen);
	policy->p.key = policy->keyBuf;
	return srtp_err_status_ok;
}

inline srtp_err_status_t srtp_policy_set_allow_repeat_tx(ms_srtp3_policy_handle policy, bool allow)
{
	policy->p.allow_repeat_tx = allow ? 1 : 0;
	return srtp_err_status_ok;
}

inline srtp_err_status_t srtp_policy_set_window_size(ms_srtp3_policy_handle policy, size_t size)
{
	policy->p.window_size = static_cast<unsigned long>(size);
	return srtp_err_status_ok;
}

inline srtp_err_status_t srtp_create(srtp_t* session, ms_srtp3_policy_handle policy)
{
	policy->p.next = nullptr;
	return srtp_create(session, &policy->p); // libsrtp2's srtp_create()
}

// libsrtp3 (in, inLen, out, *outLen) calls -> libsrtp2 in-place (buf, *len) calls.
namespace ms_srtp3_compat
{
	typedef srtp_err_status_t (*InPlaceFn)(srtp_t, void*, int*);
	inline srtp_err_status_t Run(
	  InPlaceFn fn, srtp_t ctx, const uint8_t* in, size_t inLen, uint8_t* out, size_t* outLen, size_t extra)
	{
		if (inLen > static_cast<size_t>(INT_MAX) || *outLen < inLen + extra)
			return srtp_err_status_bad_param;
		if (out != in)
			std::memmove(out, in, inLen);
		int len = static_cast<int>(inLen);
		const srtp_err_status_t err = fn(ctx, static_cast<void*>(out), &len);
		if (err == srtp_err_status_ok)
			*outLen = static_cast<size_t>(len);
		return err;
	}
} // namespace ms_srtp3_compat

inline srtp_err_status_t srtp_protect(
  srtp_t ctx, const uint8_t* rtp, size_t rtpLen, uint8_t* srtp, size_t* srtpLen, size_t /*mkiIndex*/)
{
	return ms_srtp3_compat::Run(
	  static_cast<ms_srtp3_compat::InPlaceFn>(&::srtp_protect), ctx, rtp, rtpLen, srtp, srtpLen, SRTP_MAX_TRAILER_LEN);
}

inline srtp_err_status_t srtp_unprotect(
  srtp_t ctx, const uint8_t* srtp, size_t srtpLen, uint8_t* rtp, size_t* rtpLen)
{
	return ms_srtp3_compat::Run(
	  static_cast<ms_srtp3_compat::InPlaceFn>(&::srtp_unprotect), ctx, srtp, srtpLen, rtp, rtpLen, 0);
}

inline srtp_err_status_t srtp_protect_rtcp(
  srtp_t ctx, const uint8_t* rtcp, size_t rtcpLen, uint8_t* srtcp, size_t* srtcpLen, size_t /*mkiIndex*/)
{
	return ms_srtp3_compat::Run(
	  static_cast<ms_srtp3_compat::InPlaceFn>(&::srtp_protect_rtcp), ctx, rtcp, rtcpLen, srtcp, srtcpLen,
	  SRTP_MAX_TRAILER_LEN + 4);
}

inline srtp_err_status_t srtp_unprotect_rtcp(
  srtp_t ctx, const uint8_t* srtcp, size_t srtcpLen, uint8_t* rtcp, size_t* rtcpLen)
{
	return ms_srtp3_compat::Run(
	  static_cast<ms_srtp3_compat::InPlaceFn>(&::srtp_unprotect_rtcp), ctx, srtcp, srtcpLen, rtcp, rtcpLen, 0);
}
EOF

# 5. Rewrite worker/meson.build and deps/libwebrtc/meson.build: every
#    subproject() becomes a pkg-config dependency() on the Debian packages, and
#    the .wrap files are deleted so meson can never try to download anything.
python3 - "$W" <<'EOF'
import os, re, sys
worker = sys.argv[1]
SYSTEM_DEPS = """# --- system dependencies (Debian -dev packages) instead of subprojects ---
ms_compat_dep = declare_dependency(include_directories: include_directories('compat'))
libuv_dep = dependency('libuv', version: '>=1.44')
openssl_dep = dependency('openssl', version: '>=3.0')
libsrtp_dep = dependency('libsrtp2', version: '>=2.5', static: true)  # ours, OpenSSL-backed
flatbuffers_dep = dependency('flatbuffers')
absl_dep = [dependency('absl_strings'), dependency('absl_optional'), dependency('absl_memory')]
# ---
"""
# <proj>.get_variable('<name>') -> replacement ('' = drop that list item).
GET_VAR = {
    ('libuv_proj', 'libuv_dep'): 'libuv_dep', ('libuv_proj', 'libuv'): '',
    ('openssl_proj', 'openssl_dep'): 'openssl_dep',
    ('openssl_proj', 'libcrypto_lib'): '', ('openssl_proj', 'libssl_lib'): '',
    ('libsrtp3_proj', 'libsrtp3_dep'): 'libsrtp_dep', ('libsrtp3_proj', 'libsrtp3'): '',
    ('flatbuffers_proj', 'flatbuffers_dep'): 'flatbuffers_dep', ('flatbuffers_proj', 'flatbuffers_lib'): '',
    ('abseil_cpp_proj', 'absl_container_dep'): 'absl_dep', ('abseil_cpp_proj', 'absl_strings_dep'): 'absl_dep',
    ('abseil_cpp_proj', 'absl_types_dep'): 'absl_dep', ('abseil_cpp_proj', 'absl_container_lib'): '',
}
KEEP = ('catch2_proj', 'wingetopt_proj')  # only used for tests / on Windows
SUBPROJ_RE = re.compile(r"^(?P<i>[ \t]*)(?P<var>\w+_proj) = subproject\(\n.*?^(?P=i)\)\n", re.M | re.S)
GETVAR_RE = re.compile(r"(\w+_proj)\.get_variable\('(\w+)'\)")

def patch(path, top):
    src = open(path).read()
    state = {'inserted': False}
    def repl(m):
        if m.group('var') in KEEP:
            return m.group(0)
        if top and not state['inserted']:
            state['inserted'] = True
            return SYSTEM_DEPS
        return ''
    src = SUBPROJ_RE.sub(repl, src)
    if top and not state['inserted']:
        sys.exit(f'{path}: no subproject() block found')
    src = src.replace("ankerl_unordered_dense_dep = dependency('unordered_dense')",
                      "ankerl_unordered_dense_dep = ms_compat_dep")
    out = []
    for line in src.splitlines(keepends=True):
        m = GETVAR_RE.search(line)
        while line is not None and m and m.group(1) not in KEEP:
            key = (m.group(1), m.group(2))
            if key not in GET_VAR:
                sys.exit(f'{path}: unhandled {key[0]}.get_variable({key[1]!r})')
            line = None if GET_VAR[key] == '' else line[:m.start()] + GET_VAR[key] + line[m.end():]
            m = line and GETVAR_RE.search(line)
        if line is not None:
            out.append(line)
    src = ''.join(out)
    if top:  # compat/ first, so that <srtp.h> resolves to compat/srtp.h
        src = src.replace("dependencies = [\n", "dependencies = [\n  ms_compat_dep,\n", 1)
    left = [l for l in src.splitlines() if re.search(r'\w+_proj\b', l) and not any(k in l for k in KEEP)]
    if left:
        sys.exit(f'{path}: unpatched subproject references:\n' + '\n'.join(left))
    open(path, 'w').write(src)
    print('patched', path)

patch(os.path.join(worker, 'meson.build'), True)
patch(os.path.join(worker, 'deps', 'libwebrtc', 'meson.build'), False)
for f in os.listdir(os.path.join(worker, 'subprojects')):
    if f.endswith('.wrap'):
        os.remove(os.path.join(worker, 'subprojects', f))
EOF

# 6. DTLS fix. mediasoup's BIO callback returns 1 for every post-callback except
#    plain writes, so with a KTLS-enabled OpenSSL (Debian's) BIO_get_ktls_send()
#    on its memory BIO reports 1, OpenSSL skips allocating its write buffer and
#    the worker SIGSEGVs on the first DTLS handshake flight. Return the real result.
DT="$W/src/RTC/DtlsTransport.cpp"
OLD='(operationType == BIO_CB_RETURN) ? static_cast<long>(ret) : 1'
NEW='(operationType \& BIO_CB_RETURN) ? static_cast<long>(ret) : 1'
grep -qF "$OLD" "$DT"
sed -i "s/(operationType == BIO_CB_RETURN) ? static_cast<long>(ret) : 1/$NEW/" "$DT"
grep -qF '(operationType & BIO_CB_RETURN) ? static_cast<long>(ret) : 1' "$DT"

# 7. Configure and build (same flags as mediasoup's own Release build).
cd "$W"
meson setup --wrap-mode=nodownload --buildtype release -Db_ndebug=true build
ninja -C build -j "$(nproc)" mediasoup-worker
# The worker must carry the OpenSSL-backed libsrtp2, not load Debian's NSS one.
if ldd build/mediasoup-worker | grep -E 'libsrtp2|libnss3'; then echo "worker links a shared libsrtp2/NSS" >&2; exit 1; fi
install -m 0755 build/mediasoup-worker "$BIN"
cd "$MS_OUT" && rm -rf "$SRC"
echo "built $BIN"
