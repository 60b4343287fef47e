#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# lint-tidy.sh BUILD_DIR: clang-tidy over every C file of src/ with the
# checks of .clang-tidy (the choice and the reasons are there and in
# docs/STYLE.md), using BUILD_DIR/compile_commands.json. Passes only with
# zero findings; prints each finding and exits 1 otherwise. The CTest test
# lint.tidy (label lint) runs it in every `make test`.
set -u
cd "$(dirname "$0")/.." || exit 2
build=${1:?usage: tools/lint-tidy.sh BUILD_DIR}
if ! command -v clang-tidy >/dev/null 2>&1; then
    echo "lint-tidy: clang-tidy is missing (scripts/install-deps.sh test)"
    exit 1
fi
if [[ ! -f $build/compile_commands.json ]]; then
    echo "lint-tidy: no $build/compile_commands.json (configure first)"
    exit 1
fi
files=(src/*/*.c)
out=$(mktemp)
trap 'rm -f "$out"' EXIT
jobs=$(nproc 2>/dev/null || echo 2)
# Four files per clang-tidy process, as many processes as cores.
printf '%s\0' "${files[@]}" |
    xargs -0 -n 4 -P "$jobs" clang-tidy -p "$build" --quiet >"$out" 2>/dev/null
findings=$(grep -cE ': (warning|error): ' "$out")
if [[ $findings -ne 0 ]]; then
    grep -E ': (warning|error): ' -A3 "$out"
    echo "lint-tidy: $findings findings; 0 passed, 1 failed"
    exit 1
fi
echo "lint-tidy: ${#files[@]} files, 0 findings; 1 passed, 0 failed"
