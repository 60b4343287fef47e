#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# install-deps.sh: install the Debian packages Satu Pintu needs, once.
#
#   scripts/install-deps.sh build   compiler, CMake, Ninja and the libraries
#   scripts/install-deps.sh test    build + PostgreSQL server, an SMTP server
#                                   for the notification tests (aiosmtpd),
#                                   Chromium, the sqlite3 shell and Node.js
#                                   for browser tests
#   scripts/install-deps.sh bench   build + wrk and nginx for benchmarks
#   scripts/install-deps.sh deb     build + dpkg-dev, debhelper, lintian
#
# Idempotent and quiet when nothing is missing. Needs root (or sudo) only
# when something has to be installed.
set -euo pipefail

BUILD_PKGS=(gcc make cmake ninja-build pkg-config libc6-dev
    libmicrohttpd-dev libjansson-dev libsqlite3-dev libpq-dev libsodium-dev
            libqrencode-dev libxlsxwriter-dev libxml2-dev libcurl4-openssl-dev
    libunistring-dev libjpeg62-turbo-dev libpng-dev libexif-dev zlib1g-dev)
TEST_PKGS=(postgresql chromium unzip python3-aiosmtpd sqlite3 clang-tidy
    cppcheck python3-prometheus-client dpkg-dev debhelper lintian fakeroot
    systemd)
BENCH_PKGS=(wrk nginx-light)
DEB_PKGS=(dpkg-dev debhelper lintian fakeroot)

want=("${BUILD_PKGS[@]}")
case "${1:-build}" in
build) ;;
test) want+=("${TEST_PKGS[@]}") ;;
bench) want+=("${BENCH_PKGS[@]}") ;;
deb) want+=("${DEB_PKGS[@]}") ;;
*)
    echo "usage: $0 build|test|bench|deb" >&2
    exit 2
    ;;
esac

missing=()
for p in "${want[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    [[ $status == "install ok installed" ]] || missing+=("$p")
done
# Node.js may come from Debian or elsewhere: only the commands matter.
if [[ ${1:-build} == test ]]; then
    command -v node >/dev/null 2>&1 || missing+=(nodejs)
    command -v npm >/dev/null 2>&1 || missing+=(npm)
fi
[[ ${#missing[@]} -eq 0 ]] && exit 0

sudo=()
if [[ $(id -u) -ne 0 ]]; then
    if command -v sudo >/dev/null 2>&1; then
        sudo=(sudo)
    else
        echo "install-deps: missing packages: ${missing[*]}" >&2
        echo "install-deps: run as root: apt-get install ${missing[*]}" >&2
        exit 1
    fi
fi
echo "install-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
if ! "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null; then
    "${sudo[@]}" apt-get update -q >/dev/null
    "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
fi
