#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# Browser tests: headless Debian Chromium driven by playwright-core under
# node's test runner. Usage: tests/browser/run.sh PATH/TO/satupintu
# Installs what is missing (chromium, sqlite3, node/npm, node_modules), then runs
# `node --test tests/browser/`; the exit code is node's.
set -euo pipefail

if [[ $# -ne 1 ]]; then
    echo "usage: $0 PATH/TO/satupintu" >&2
    exit 2
fi
if [[ ! -x $1 ]]; then
    echo "$0: $1 is not an executable file" >&2
    exit 2
fi
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# apt-get install, with `apt-get update` first only when the install fails.
apt_install() {
    export DEBIAN_FRONTEND=noninteractive
    if ! apt-get install -y -q "$@" >/tmp/satupintu-apt.log 2>&1; then
        apt-get update -q >>/tmp/satupintu-apt.log 2>&1
        apt-get install -y -q "$@" >>/tmp/satupintu-apt.log 2>&1 || {
            cat /tmp/satupintu-apt.log >&2
            echo "$0: apt-get install $* failed" >&2
            exit 1
        }
    fi
}

if [[ ! -x /usr/bin/chromium ]]; then
    echo "Installing Debian's chromium"
    apt_install chromium
fi
# The oversight test writes its month of data with the sqlite3 shell.
if ! command -v sqlite3 >/dev/null 2>&1; then
    echo "Installing Debian's sqlite3"
    apt_install sqlite3
fi
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    echo "Installing Debian's nodejs and npm"
    apt_install nodejs npm
fi
node_major=$(node -p 'process.versions.node.split(".")[0]')
if (( node_major < 20 )); then
    echo "$0: warning: node $(node --version) is older than playwright-core needs (20)" >&2
fi

if [[ ! -d $here/node_modules/playwright-core || ! -d $here/node_modules/axe-core ]]; then
    echo "Installing playwright-core and axe-core (npm)"
    if [[ -f $here/package-lock.json ]]; then
        (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
    else
        (cd "$here" && npm install --no-audit --no-fund --loglevel=error)
    fi
fi

cd "$here/../.."
# The test files as the shell lists them: the same on every node from 20 on.
status=0
SATUPINTU_BIN=$bin node --test tests/browser/*.test.mjs || status=$?
exit "$status"
