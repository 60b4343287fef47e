#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# oversight.sh: the oversight benchmark (issue 10; see bench/README.md).
#
#   bench/oversight.sh BIN [sqlite|postgresql|both]   BIN = a release build
#
# A regency-year (bench/gen.c, BENCH_N applications, 500,000 by default)
# in a fresh database, `satupintu measures rebuild`, then with wrk, in
# interleaved rounds (BENCH_ROUNDS, 3) on the same machine in the same run:
#   nginx 1 KB file
#   GET /oversight?period=YYYY             (the Sekda's page, signed in)
#   GET /api/v1/reports/performance?period=YYYY   (the Sekda's API key)
#   GET /api/v1/reports/performance?from=&to=     (365 days, not a
#                                                  calendar year)
# YYYY is the calendar year in which the generated year ends.
# Each figure is the median of the rounds; the report gives p50/p99, the
# requests per second and the ratio to nginx's. PostgreSQL runs in a
# throwaway cluster (scripts/pg-cluster.sh). Report: bench/results/
# oversight.md (BENCH_OUT), also printed.
#
# Knobs: BENCH_N, BENCH_DURATION (10s), BENCH_CONNECTIONS (8),
# BENCH_WRK_THREADS (2), BENCH_SERVER_THREADS (8), BENCH_ROUNDS (3).
set -euo pipefail

if [[ $# -lt 1 || ! -x $1 ]]; then
    echo "usage: $0 path/to/satupintu [sqlite|postgresql|both]" >&2
    exit 2
fi
BIN=$(realpath "$1")
WHICH=${2:-both}
BUILD=$(dirname "$BIN")
BENCH=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$BENCH")
N=${BENCH_N:-500000}
DURATION=${BENCH_DURATION:-10s}
CONNECTIONS=${BENCH_CONNECTIONS:-8}
WRK_THREADS=${BENCH_WRK_THREADS:-2}
SERVER_THREADS=${BENCH_SERVER_THREADS:-8}
ROUNDS=${BENCH_ROUNDS:-3}
OUT=${BENCH_OUT:-$BENCH/results/oversight.md}

for cmd in wrk nginx cc pkg-config curl; do
    command -v "$cmd" >/dev/null 2>&1 || {
        echo "oversight.sh: $cmd is missing (scripts/install-deps.sh bench)" >&2
        exit 1
    }
done

TMP=$(mktemp -d "${TMPDIR:-/tmp}/satupintu-ovbench.XXXXXX")
chmod 755 "$TMP"
SERVER_PID=
NGINX_PID=
PG_DIR=
cleanup() {
    local pid
    for pid in "$SERVER_PID" "$NGINX_PID"; do
        if [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null; then
            kill "$pid" 2>/dev/null || true
            wait "$pid" 2>/dev/null || true
        fi
    done
    [[ -n $PG_DIR ]] && "$ROOT/scripts/pg-cluster.sh" stop "$PG_DIR" || true
    rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
say() { printf '%s\n' "bench: $*" >&2; }

free_port() {
    local p
    for _ in $(seq 1 200); do
        p=$((20000 + RANDOM % 30000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
            echo "$p"
            return 0
        fi
    done
    return 1
}
wait_port() {
    for _ in $(seq 1 100); do
        (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
        sleep 0.1
    done
    return 1
}

say "building the generator"
# shellcheck disable=SC2046 # pkg-config's flags are separate words
cc -std=c17 -O2 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -I"$ROOT/src" \
    "$BENCH/gen.c" "$BUILD/libsp.a" \
    $(pkg-config --libs libmicrohttpd jansson sqlite3 libpq libsodium \
        libqrencode xlsxwriter libxml-2.0 libjpeg libpng libexif libcurl zlib) -lunistring -lpthread -lm \
    -o "$TMP/gen"

# nginx with the 1 KB file, for the whole run.
NGINX_PORT=$(free_port)
mkdir -p "$TMP/nginx/www" "$TMP/nginx/tmp"
head -c 1024 /dev/zero | tr '\0' 'x' >"$TMP/nginx/www/1k.html"
chmod 755 "$TMP/nginx" "$TMP/nginx/www"
chmod 644 "$TMP/nginx/www/1k.html"
cat >"$TMP/nginx/nginx.conf" <<NGINX
worker_processes 2;
daemon off;
pid $TMP/nginx/nginx.pid;
error_log $TMP/nginx/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $TMP/nginx/tmp/body;
    proxy_temp_path $TMP/nginx/tmp/proxy;
    fastcgi_temp_path $TMP/nginx/tmp/fastcgi;
    uwsgi_temp_path $TMP/nginx/tmp/uwsgi;
    scgi_temp_path $TMP/nginx/tmp/scgi;
    default_type text/html;
    server { listen 127.0.0.1:$NGINX_PORT; root $TMP/nginx/www; }
}
NGINX
nginx -p "$TMP/nginx" -c "$TMP/nginx/nginx.conf" -e "$TMP/nginx/error.log" &
NGINX_PID=$!
wait_port "$NGINX_PORT" || { echo "oversight.sh: nginx did not start" >&2; exit 1; }
NGINX_URL="http://127.0.0.1:$NGINX_PORT"
export BENCH_DIR="$BENCH"

# run NAME LUA URL: wrk's BENCH lines into $TMP/NAME.out.
run() {
    wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency \
        -s "$BENCH/$2" "$3" >"$TMP/$1.out" 2>&1 || {
        cat "$TMP/$1.out" >&2
        echo "oversight.sh: wrk failed ($1)" >&2
        exit 1
    }
}
val() { awk -v k="$2" '$1 == "BENCH" && $2 == k { print $3; exit }' "$TMP/$1.out"; }
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

# bench_db LABEL URL: generate, rebuild, serve, measure; rows to $TMP/rows.
bench_db() {
    local label=$1 url=$2
    export SATUPINTU_DB=$url
    say "$label: init"
    "$BIN" init >"$TMP/init-$label.log"
    say "$label: generating $N applications"
    local t0=$SECONDS
    "$TMP/gen" --n "$N" "$url" >"$TMP/gen-$label.out"
    local gen_s=$((SECONDS - t0))
    t0=$SECONDS
    "$BIN" measures rebuild >"$TMP/rebuild-$label.out"
    local rebuild_s=$((SECONDS - t0))
    local events
    events=$(awk '$1 == "events" { print $2; exit }' "$TMP/gen-$label.out")
    say "$label: generated in ${gen_s}s, measures rebuilt in ${rebuild_s}s"
    echo "bench-sekda-pass" | "$BIN" user add bench.sekda --role sekkab \
        --password-stdin >/dev/null
    local key
    key=$("$BIN" apikey create --user bench.sekda --label bench 2>/dev/null)
    "$BIN" serve --listen 127.0.0.1:0 --threads "$SERVER_THREADS" \
        >"$TMP/server-$label.log" 2>&1 &
    SERVER_PID=$!
    local sp=
    for _ in $(seq 1 100); do
        sp=$(sed -n 's|.*listening on \(http://127\.0\.0\.1:[0-9]*\)/.*|\1|p' \
            "$TMP/server-$label.log" | head -n 1)
        [[ -n $sp ]] && break
        sleep 0.1
    done
    [[ -n $sp ]] || { cat "$TMP/server-$label.log" >&2; exit 1; }
    # Sign in once for the page's cookie.
    local jar=$TMP/jar-$label csrf
    csrf=$(curl -s -c "$jar" -b "$jar" "$sp/login" |
        sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -n 1)
    curl -s -c "$jar" -b "$jar" -o /dev/null --data-urlencode "csrf=$csrf" \
        --data-urlencode "login=bench.sekda" \
        --data-urlencode "password=bench-sekda-pass" "$sp/login"
    local cookie
    cookie=$(awk '$6 == "sp_session" { print "sp_session=" $7 }' "$jar")
    # The generated year: its window's local dates ("window FROM UNTIL").
    local from to
    from=$(awk '$1 == "window" { print substr($2, 1, 10); exit }' "$TMP/gen-$label.out")
    to=$(awk '$1 == "window" { print substr($3, 1, 10); exit }' "$TMP/gen-$label.out")
    # A calendar year (what the Sekda picks: period=YYYY, the generated
    # year's last), and the generated 365 days as a from-to for comparison.
    local year=${to:0:4}
    local page="/oversight?period=$year"
    local api="/api/v1/reports/performance?period=$year"
    local api365="/api/v1/reports/performance?from=$from&to=$to"
    [[ $(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$sp$page") == 200 ]] ||
        { echo "oversight.sh: $page is not 200" >&2; exit 1; }
    [[ $(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $key" "$sp$api") == 200 ]] ||
        { echo "oversight.sh: $api is not 200" >&2; exit 1; }
    say "$label: warming up"
    BENCH_PATH=$page BENCH_COOKIE=$cookie BENCH_KEY= DURATION=3s run warm oversight.lua "$sp"
    for r in $(seq 1 "$ROUNDS"); do
        say "$label: round $r of $ROUNDS (nginx, page, API; $DURATION each)"
        run "n-$label-$r" static.lua "$NGINX_URL"
        BENCH_PATH=$page BENCH_COOKIE=$cookie BENCH_KEY= run "p-$label-$r" oversight.lua "$sp"
        BENCH_PATH=$api BENCH_COOKIE= BENCH_KEY=$key run "a-$label-$r" oversight.lua "$sp"
        BENCH_PATH=$api365 BENCH_COOKIE= BENCH_KEY=$key run "d-$label-$r" oversight.lua "$sp"
    done
    kill "$SERVER_PID"
    wait "$SERVER_PID" || true
    SERVER_PID=
    local n_rps p_rps a_rps d_rps p_p99 a_p99 d_p99 p_p50 a_p50 d_p50 bad=0
    n_rps=$(for r in $(seq 1 "$ROUNDS"); do val "n-$label-$r" rps; done | median)
    p_rps=$(for r in $(seq 1 "$ROUNDS"); do val "p-$label-$r" rps; done | median)
    a_rps=$(for r in $(seq 1 "$ROUNDS"); do val "a-$label-$r" rps; done | median)
    p_p50=$(for r in $(seq 1 "$ROUNDS"); do val "p-$label-$r" p50_us; done | median)
    a_p50=$(for r in $(seq 1 "$ROUNDS"); do val "a-$label-$r" p50_us; done | median)
    p_p99=$(for r in $(seq 1 "$ROUNDS"); do val "p-$label-$r" p99_us; done | median)
    a_p99=$(for r in $(seq 1 "$ROUNDS"); do val "a-$label-$r" p99_us; done | median)
    d_rps=$(for r in $(seq 1 "$ROUNDS"); do val "d-$label-$r" rps; done | median)
    d_p50=$(for r in $(seq 1 "$ROUNDS"); do val "d-$label-$r" p50_us; done | median)
    d_p99=$(for r in $(seq 1 "$ROUNDS"); do val "d-$label-$r" p99_us; done | median)
    for r in $(seq 1 "$ROUNDS"); do
        bad=$((bad + $(val "p-$label-$r" unexpected) + $(val "a-$label-$r" unexpected) + $(val "d-$label-$r" unexpected)))
    done
    awk -v l="$label" -v n="$n_rps" -v p="$p_rps" -v a="$a_rps" \
        -v pp50="$p_p50" -v ap50="$a_p50" -v pp99="$p_p99" -v ap99="$a_p99" \
        -v d="$d_rps" -v dp50="$d_p50" -v dp99="$d_p99" \
        -v bad="$bad" -v g="$gen_s" -v rb="$rebuild_s" -v ev="$events" 'BEGIN {
        printf "| %s | /oversight (year) | %.0f | %.4f | %.1f | %.1f | %d |\n", l, p, p / n, pp50 / 1000, pp99 / 1000, bad
        printf "| %s | API performance (year) | %.0f | %.4f | %.1f | %.1f | %d |\n", l, a, a / n, ap50 / 1000, ap99 / 1000, bad
        printf "| %s | API performance (365 days from-to) | %.0f | %.4f | %.1f | %.1f | %d |\n", l, d, d / n, dp50 / 1000, dp99 / 1000, bad
        printf "| %s | nginx 1 KB file | %.0f | 1 | | | |\n", l, n
        printf "%s data: %s events; generated in %d s, measures rebuilt in %d s\n", l, ev, g, rb > "/dev/stderr"
    }' >>"$TMP/rows" 2>>"$TMP/notes"
}

: >"$TMP/rows"
: >"$TMP/notes"
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
if [[ $WHICH == sqlite || $WHICH == both ]]; then
    bench_db sqlite "sqlite:$TMP/sp.db"
fi
if [[ $WHICH == postgresql || $WHICH == both ]]; then
    PG_DIR=$TMP/pg
    PG_URL=$("$ROOT/scripts/pg-cluster.sh" start "$PG_DIR")
    bench_db postgresql "$PG_URL"
fi
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)

mkdir -p "$(dirname "$OUT")"
{
    echo "# Oversight benchmark"
    echo
    echo "$(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), load $LOAD_START → $LOAD_END;"
    echo "$N applications; wrk -t$WRK_THREADS -c$CONNECTIONS -d$DURATION, $ROUNDS interleaved rounds, medians; satupintu --threads $SERVER_THREADS."
    echo
    echo "| database | request | req/s | ratio to nginx | p50 ms | p99 ms | not 200 |"
    echo "|---|---|---|---|---|---|---|"
    cat "$TMP/rows"
    echo
    sed 's/^/- /' "$TMP/notes"
} >"$OUT"
cat "$OUT"
