#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# queue.sh: the counter queue under load (bench/README.md, "The queue").
#
#   bench/queue.sh path/to/satupintu
#
# A fresh database; a front-office user and API key at each of the first
# BENCH_QUEUE_WORKERS service points; `serve` with room for the streams;
# then bench/queue_load.c opens BENCH_STREAMS display-board event streams
# over the 43 service points and, for BENCH_QUEUE_SECONDS, issues, calls
# and finishes tickets at those offices, one worker each. Prints the
# latencies (issue, call), the time for a call to reach every stream of
# its office, and the server's memory. Everything lives in a temporary
# directory that is removed at the end.
set -euo pipefail
if [[ $# -ne 1 || ! -x $1 ]]; then
    echo "usage: $0 path/to/satupintu" >&2
    exit 2
fi
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
STREAMS=${BENCH_STREAMS:-2000}
SECS=${BENCH_QUEUE_SECONDS:-30}
WORKERS=${BENCH_QUEUE_WORKERS:-8}
THREADS=${BENCH_SERVER_THREADS:-8}
TMP=$(mktemp -d /tmp/sp-bench-queue.XXXXXX)
SERVE_PID=
cleanup() {
    [[ -n $SERVE_PID ]] && kill "$SERVE_PID" 2>/dev/null && wait "$SERVE_PID" 2>/dev/null
    rm -rf "$TMP"
}
trap cleanup EXIT
# Two descriptors per stream (ours and the server's), and then some.
ulimit -n $((STREAMS * 2 + 1024))
DB="sqlite:$TMP/q.db"
"$BIN" init --db "$DB" >/dev/null
cc -std=c17 -O2 -pthread "$HERE/queue_load.c" -o "$TMP/queue_load"
"$BIN" serve --db "$DB" --listen 127.0.0.1:0 --threads "$THREADS" \
    --max-connections $((STREAMS + 500)) --max-conn-per-addr 0 \
    >"$TMP/serve.out" 2>"$TMP/serve.err" &
SERVE_PID=$!
for _ in $(seq 100); do
    grep -q 'listening on' "$TMP/serve.out" 2>/dev/null && break
    sleep 0.1
done
PORT=$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$TMP/serve.out")
OFFICES=$(curl -s "http://127.0.0.1:$PORT/api/v1/offices" |
    grep -o '"code":"[0-9.]*"' | sed 's/"code":"\(.*\)"/\1/')
KEYS=()
i=0
for code in $OFFICES; do
    ((i < WORKERS)) || break
    printf 'Sandi-Bench-12345\n' | "$BIN" user add "loket$i" --role front_office \
        --office "$code" --password-stdin --db "$DB" >/dev/null
    KEYS+=("$("$BIN" apikey create --user "loket$i" --db "$DB" 2>/dev/null)")
    i=$((i + 1))
done
echo "satupintu $("$BIN" version | head -1); $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
# shellcheck disable=SC2086
"$TMP/queue_load" "$PORT" "$SERVE_PID" "$STREAMS" "$SECS" $OFFICES -- "${KEYS[@]}"
