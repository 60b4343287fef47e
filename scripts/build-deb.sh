#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# build-deb.sh: build the Debian package from debian/ and check it.
#
#   scripts/build-deb.sh OUTDIR     (make deb: OUTDIR = build/deb)
#
# The tree as it is in git (tracked files, with their changes) is copied
# to a temporary directory, where `dpkg-buildpackage -b` builds it (it
# writes beside the source, so never in the repository); the .deb, the
# .changes and .buildinfo land in OUTDIR. Then lintian checks the
# package and the build fails on any error (warnings are printed).
# DEB_BUILD_OPTIONS passes through (the package test uses "noopt
# nocheck" to build faster); SP_DEB_LINTIAN=0 skips lintian.
set -euo pipefail
[[ $# -eq 1 ]] || {
    echo "usage: $0 OUTDIR" >&2
    exit 2
}
root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$1"
out=$(cd "$1" && pwd)
for cmd in dpkg-buildpackage dh lintian; do
    command -v "$cmd" >/dev/null 2>&1 || {
        echo "build-deb: $cmd is missing (scripts/install-deps.sh deb)" >&2
        exit 1
    }
done
version=$(dpkg-parsechangelog -l "$root/debian/changelog" -S Version)
upstream=${version%-*}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/satupintu-deb.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
src=$tmp/satupintu-$upstream
mkdir -p "$src"
# Tracked files only (no build/, no node_modules/), as they are on disk.
(cd "$root" && git ls-files -z --cached |
    tar --null --ignore-failed-read -T - -cf - 2>/dev/null) |
    tar -xf - -C "$src"
echo "build-deb: building satupintu $version in $src" >&2
(cd "$src" && dpkg-buildpackage -b -us -uc -j"$(nproc)" >"$tmp/build.log" 2>&1) || {
    tail -n 60 "$tmp/build.log" >&2
    echo "build-deb: dpkg-buildpackage failed" >&2
    exit 1
}
cp "$tmp"/*.deb "$tmp"/*.changes "$tmp"/*.buildinfo "$out/"
deb=$(ls "$out"/satupintu_"${version}"_*.deb)
echo "build-deb: $deb" >&2
if [[ ${SP_DEB_LINTIAN:-1} != 0 ]]; then
    # Errors fail the build; warnings and the rest are shown.
    lintian --fail-on error --no-tag-display-limit "$deb" >&2 || {
        echo "build-deb: lintian found errors" >&2
        exit 1
    }
    echo "build-deb: lintian: no errors" >&2
fi
printf '%s\n' "$deb"
