#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# regions.sh: how long loading the national region set takes, and how
# much memory (bench/README.md, "The national region set").
#
#   bench/regions.sh BIN          BIN = a release build's satupintu
#
# In a temporary directory: a fresh `satupintu init` database (the 38
# provinces, 514 regencies and 7,285 districts it bundles, Banyuwangi's
# villages), then `satupintu import regions data/regions/villages.csv`
# (83,762 villages, all of Indonesia), timed with /usr/bin/time (wall
# clock, peak resident memory), on SQLite and on a throwaway PostgreSQL
# cluster (scripts/pg-cluster.sh); then the same import again (every row
# already there: the upserts of a re-import). Prints a Markdown table.
set -euo pipefail
[[ $# -eq 1 && -x $1 ]] || {
    echo "usage: $0 path/to/satupintu" >&2
    exit 2
}
BIN=$(realpath "$1")
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CSV=$ROOT/data/regions/villages.csv
[[ -x /usr/bin/time ]] || {
    echo "regions.sh: /usr/bin/time is missing (apt-get install time)" >&2
    exit 1
}
TMP=$(mktemp -d /tmp/sp-regions.XXXXXX)
# The cluster's own directory (as root it belongs to postgres, which
# cannot enter TMP).
PGDIR=$(mktemp -d /tmp/sp-pg.XXXXXX)
rmdir "$PGDIR"
cleanup() {
    "$ROOT/scripts/pg-cluster.sh" stop "$PGDIR" >/dev/null 2>&1 || true
    rm -rf "$TMP"
}
trap cleanup EXIT

# "SECONDS KIB" of a command (its output dropped).
measure() {
    /usr/bin/time -f '%e %M' -o "$TMP/time" "$@" >/dev/null 2>"$TMP/err" || {
        cat "$TMP/err" >&2
        return 1
    }
    cat "$TMP/time"
}

row() { # label url
    local label=$1 url=$2 init imp again
    init=$(measure "$BIN" init --db "$url")
    imp=$(measure "$BIN" import regions "$CSV" --db "$url")
    again=$(measure "$BIN" import regions "$CSV" --db "$url")
    printf '| %s | %s s, %s MiB | %s s, %s MiB | %s s, %s MiB |\n' "$label" \
        "${init% *}" "$((${init#* } / 1024))" \
        "${imp% *}" "$((${imp#* } / 1024))" \
        "${again% *}" "$((${again#* } / 1024))"
}

echo "| database | init (8,054 regions, 245 offices, 31 services) | import of 83,762 villages | the same again |"
echo "|---|---:|---:|---:|"
row SQLite "sqlite:$TMP/national.db"
PG_URL=$("$ROOT/scripts/pg-cluster.sh" start "$PGDIR" 2>/dev/null)
row "PostgreSQL $(basename "$(dirname "$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)")")")" "$PG_URL"
echo
echo "Machine: $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)," \
    "$(sqlite3 --version 2>/dev/null | cut -d' ' -f1 || echo 'SQLite ?')"
