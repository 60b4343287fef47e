#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# with-pg.sh: run a command with a PostgreSQL test database.
#
#   scripts/with-pg.sh CMD [ARGS...]
#
# When SP_TEST_PG_URL is already set (make test starts one cluster for the
# whole run), the command simply runs with it. Otherwise a throwaway
# cluster is started in a temporary directory (scripts/pg-cluster.sh),
# SP_TEST_PG_URL is set for the command, and the cluster is stopped and
# removed afterwards, whatever the command's outcome.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
if [[ -n ${SP_TEST_PG_URL:-} ]]; then
    exec "$@"
fi
dir=$(mktemp -d /tmp/sp-pg.XXXXXX)
rmdir "$dir"
cleanup() { "$here/pg-cluster.sh" stop "$dir" >/dev/null 2>&1 || true; }
trap cleanup EXIT
SP_TEST_PG_URL=$("$here/pg-cluster.sh" start "$dir")
export SP_TEST_PG_URL
"$@"
