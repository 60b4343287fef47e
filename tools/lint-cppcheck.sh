#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# lint-cppcheck.sh: cppcheck over src/ with the warning, style,
# performance and portability checks (docs/STYLE.md, "Build and tools").
# Passes only with zero findings; a false positive is silenced on its line
# with "// cppcheck-suppress ID" and a comment saying why. The CTest test
# lint.cppcheck (label lint) runs it in every `make test`.
set -u
cd "$(dirname "$0")/.." || exit 2
if ! command -v cppcheck >/dev/null 2>&1; then
    echo "lint-cppcheck: cppcheck is missing (scripts/install-deps.sh test)"
    exit 1
fi
jobs=$(nproc 2>/dev/null || echo 2)
# tools/cppcheck.h hides __attribute__, which cppcheck 2.10 cannot parse
# on function pointer members. System headers are not given to it (it
# knows libc itself), hence missingIncludeSystem.
if ! cppcheck --std=c11 -I src --include=tools/cppcheck.h \
    -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
    --enable=warning,style,performance,portability --inline-suppr \
    --suppress=missingIncludeSystem --error-exitcode=1 -q -j "$jobs" \
    src/; then
    echo "lint-cppcheck: findings above; 0 passed, 1 failed"
    exit 1
fi
echo "lint-cppcheck: src/, 0 findings; 1 passed, 0 failed"
