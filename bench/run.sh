#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# run.sh: the load benchmark of Satu Pintu on SQLite (see bench/README.md).
#
#   bench/run.sh BIN          BIN = a release build's satupintu
#
# In a temporary directory: a fresh database (satupintu init), a
# regency-year of applications (bench/gen.c, built here against the static
# library next to BIN), satupintu serve on a free port, and nginx serving a
# 1 KB file on another; then wrk, in one run, side by side:
#   nginx 1 KB file  vs  GET  /api/v1/track/{no}?pin=   (tracking)
#   nginx 1 KB file  vs  POST /api/v1/applications      (intake)
# The report (Markdown, bench/results/latest.md, also printed) gives the
# ratios satupintu/nginx with the absolute figures, the p50/p99 latencies,
# the server's peak memory, the database, and the machine.
#
# Knobs: BENCH_N (applications, 500000), BENCH_DURATION (per wrk run, 20s),
# BENCH_CONNECTIONS (32), BENCH_WRK_THREADS (2), BENCH_SERVER_THREADS (8),
# BENCH_OUT (report file, bench/results/latest.md). All traffic stays on
# 127.0.0.1.
set -euo pipefail

if [[ $# -ne 1 || ! -x $1 ]]; then
    echo "usage: $0 path/to/satupintu (a release build)" >&2
    exit 2
fi
BIN=$(realpath "$1")
BUILD=$(dirname "$BIN")
BENCH=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$BENCH")
N=${BENCH_N:-500000}
DURATION=${BENCH_DURATION:-20s}
CONNECTIONS=${BENCH_CONNECTIONS:-32}
WRK_THREADS=${BENCH_WRK_THREADS:-2}
SERVER_THREADS=${BENCH_SERVER_THREADS:-8}
OUT=${BENCH_OUT:-$BENCH/results/latest.md}

for cmd in wrk nginx cc pkg-config; do
    command -v "$cmd" >/dev/null 2>&1 || {
        echo "run.sh: $cmd is missing (scripts/install-deps.sh bench)" >&2
        exit 1
    }
done
[[ -f $BUILD/libsp.a ]] || {
    echo "run.sh: no libsp.a next to $BIN" >&2
    exit 1
}

TMP=$(mktemp -d "${TMPDIR:-/tmp}/satupintu-bench.XXXXXX")
SERVER_PID=
NGINX_PID=
cleanup() {
    local pid
    for pid in "$SERVER_PID" "$NGINX_PID"; do
        if [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null; then
            kill "$pid" 2>/dev/null || true
            wait "$pid" 2>/dev/null || true
        fi
    done
    rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say() { printf '%s\n' "bench: $*" >&2; }

# A free TCP port on 127.0.0.1 (nothing answers a connection to it).
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

# Wait until something accepts connections on 127.0.0.1:$1.
wait_port() {
    for _ in $(seq 1 100); do
        (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
        sleep 0.1
    done
    return 1
}

export SATUPINTU_DB="sqlite:$TMP/sp.db"
export BENCH_DIR="$BENCH" BENCH_SAMPLE="$TMP/sample.txt" \
    BENCH_PLAN="$TMP/plan.txt" BENCH_KEYS="$TMP/keys.txt"
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)

# --- the data -----------------------------------------------------------
say "building the generator"
# shellcheck disable=SC2046 # pkg-config's flags are separate words
cc -std=c17 -O2 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -I"$ROOT/src" \
    "$BENCH/gen.c" "$BUILD/libsp.a" \
    $(pkg-config --libs libmicrohttpd jansson sqlite3 libpq libsodium \
        libqrencode xlsxwriter libxml-2.0) -lunistring -lpthread -lm \
    -o "$TMP/gen"
say "satupintu init"
"$BIN" init >"$TMP/init.log"
say "generating $N applications (this takes a while)"
"$TMP/gen" --n "$N" --sample "$TMP/sample.txt" --plan "$TMP/plan.txt" \
    "$SATUPINTU_DB" >"$TMP/gen.out"
gen() { awk -v k="$1" '$1 == k { print $2; exit }' "$TMP/gen.out"; }
DB_BYTES_GEN=$(stat -c %s "$TMP/sp.db")
say "generated $(gen applications) applications in $(gen seconds) s"

# Front-office staff with an API key at every fifth service point.
: >"$TMP/keys.txt"
k=0
for office in $(awk '{ print $1 }' "$TMP/plan.txt" | uniq | awk 'NR % 5 == 1'); do
    k=$((k + 1))
    login=$(printf 'bench.fo%02d' "$k")
    head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n' |
        "$BIN" user add "$login" --role front_office --office "$office" \
            --password-stdin >/dev/null
    key=$("$BIN" apikey create --user "$login" --label bench 2>/dev/null)
    echo "$office $key" >>"$TMP/keys.txt"
done
N_KEYS=$k

# --- the servers --------------------------------------------------------
"$BIN" serve --listen 127.0.0.1:0 --threads "$SERVER_THREADS" \
    >"$TMP/server.log" 2>&1 &
SERVER_PID=$!
SP_URL=
for _ in $(seq 1 100); do
    SP_URL=$(sed -n 's|.*listening on \(http://127\.0\.0\.1:[0-9]*\)/.*|\1|p' \
        "$TMP/server.log" | head -n 1)
    [[ -n $SP_URL ]] && break
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.1
done
[[ -n $SP_URL ]] || {
    cat "$TMP/server.log" >&2
    echo "run.sh: the server did not start" >&2
    exit 1
}

NGINX_PORT=$(free_port)
mkdir -p "$TMP/nginx/www" "$TMP/nginx/tmp"
head -c 1024 /dev/zero | tr '\0' 'x' >"$TMP/nginx/www/1k.html"
# nginx's workers may run as another user: let them reach the file.
chmod 711 "$TMP"
chmod 755 "$TMP/nginx" "$TMP/nginx/www"
chmod 644 "$TMP/nginx/www/1k.html"
cat >"$TMP/nginx/nginx.conf" <<EOF
worker_processes 2;
daemon off;
pid $TMP/nginx/nginx.pid;
error_log $TMP/nginx/error.log warn;
events { worker_connections 1024; }
http {
    access_log $TMP/nginx/access.log;
    client_body_temp_path $TMP/nginx/tmp/body;
    proxy_temp_path $TMP/nginx/tmp/proxy;
    fastcgi_temp_path $TMP/nginx/tmp/fastcgi;
    uwsgi_temp_path $TMP/nginx/tmp/uwsgi;
    scgi_temp_path $TMP/nginx/tmp/scgi;
    default_type text/html;
    server {
        listen 127.0.0.1:$NGINX_PORT;
        root $TMP/nginx/www;
    }
}
EOF
nginx -p "$TMP/nginx" -c "$TMP/nginx/nginx.conf" -e "$TMP/nginx/error.log" &
NGINX_PID=$!
wait_port "$NGINX_PORT" || {
    cat "$TMP/nginx/error.log" >&2
    echo "run.sh: nginx did not start" >&2
    exit 1
}
NGINX_URL="http://127.0.0.1:$NGINX_PORT"
say "satupintu on $SP_URL, nginx on $NGINX_URL"

# --- the runs -------------------------------------------------------------
# run NAME SCRIPT URL [DURATION]: wrk's BENCH lines into $TMP/NAME.out.
run() {
    local name=$1 script=$2 url=$3 dur=${4:-$DURATION}
    wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"$dur" --latency \
        -s "$BENCH/$script" "$url" >"$TMP/$name.out" 2>&1 || {
        cat "$TMP/$name.out" >&2
        echo "run.sh: wrk failed ($name)" >&2
        exit 1
    }
}
val() { awk -v k="$2" '$1 == "BENCH" && $2 == k { print $3; exit }' \
    "$TMP/$1.out"; }

say "warming up"
run warm_nginx static.lua "$NGINX_URL" 3s
run warm_track track.lua "$SP_URL" 3s
say "nginx, then tracking ($DURATION each)"
run nginx1 static.lua "$NGINX_URL"
run track track.lua "$SP_URL"
say "nginx, then intake ($DURATION each)"
run nginx2 static.lua "$NGINX_URL"
run intake intake.lua "$SP_URL"

PEAK_RSS_KB=$(awk '/^VmHWM:/ { print $2 }' "/proc/$SERVER_PID/status")
RSS_KB=$(awk '/^VmRSS:/ { print $2 }' "/proc/$SERVER_PID/status")
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)
kill "$SERVER_PID"
wait "$SERVER_PID" || true
SERVER_PID=
kill "$NGINX_PID"
wait "$NGINX_PID" || true
NGINX_PID=
"$TMP/gen" stats "$SATUPINTU_DB" >"$TMP/stats.out"
stat_() { awk -v k="$1" '$1 == k { print $2; exit }' "$TMP/stats.out"; }
DB_BYTES_END=$(($(stat -c %s "$TMP/sp.db") + $(stat -c %s "$TMP/sp.db-wal" 2>/dev/null || echo 0)))
SERVER_ERRORS=$(grep -c -E ' (error|warn) ' "$TMP/server.log" || true)

# --- the report -----------------------------------------------------------
ms() { awk -v us="$1" 'BEGIN { printf "%.2f", us / 1000 }'; }
rps() { awk -v r="$1" 'BEGIN { printf "%.0f", r }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }
mib() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1048576 }'; }
statuses() {
    local s
    s=$(awk '$1 == "BENCH" && $2 ~ /^status_/ { sub("status_", "", $2);
        printf "%s%s× %s", sep, $3, $2; sep = ", " }' "$TMP/$1.out")
    echo "${s:-none}"
}
row() { # row LABEL NAME
    printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$1" \
        "$(rps "$(val "$2" rps)")" "$(ms "$(val "$2" p50_us)")" \
        "$(ms "$(val "$2" p99_us)")" "$(ms "$(val "$2" max_us)")" \
        "$(val "$2" unexpected)" "$(val "$2" socket_errors)"
}
CPU=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
MEM_GIB=$(awk '/^MemTotal:/ { printf "%.1f", $2 / 1048576 }' /proc/meminfo)
# shellcheck disable=SC1091
OS=$(. /etc/os-release 2>/dev/null && echo "${PRETTY_NAME:-}")
TRACK_RATIO=$(ratio "$(val track rps)" "$(val nginx1 rps)")
INTAKE_RATIO=$(ratio "$(val intake rps)" "$(val nginx2 rps)")

mkdir -p "$(dirname "$OUT")"
{
    echo "# Satu Pintu load benchmark (SQLite)"
    echo
    echo "Run $(date -u '+%Y-%m-%d %H:%M UTC') by \`bench/run.sh\` (see bench/README.md)."
    echo
    echo "**Machine:** $(nproc) CPUs ($CPU), $MEM_GIB GiB RAM, $OS," \
        "Linux $(uname -r); SQLite $(pkg-config --modversion sqlite3)," \
        "$(nginx -v 2>&1 | sed 's|nginx version: ||'), wrk" \
        "$(wrk -v 2>&1 | awk 'NR == 1 { print $2 }'). Load average" \
        "$LOAD_START at the start, $LOAD_END at the end (other work on the" \
        "machine shows here)."
    echo
    echo "**Load:** wrk -t$WRK_THREADS -c$CONNECTIONS -d$DURATION on" \
        "127.0.0.1, client and servers on the same CPUs; \`satupintu serve" \
        "--threads $SERVER_THREADS\` (SQLite, WAL, synchronous=FULL, request" \
        "log on), nginx with 2 workers and its access log on."
    echo
    echo "## Ratios (satupintu / nginx 1 KB static file, same run)"
    echo
    echo "| pair | satupintu req/s | nginx req/s | ratio |"
    echo "|---|---:|---:|---:|"
    echo "| tracking: GET /api/v1/track/{no}?pin= | $(rps "$(val track rps)") | $(rps "$(val nginx1 rps)") | $TRACK_RATIO |"
    echo "| intake: POST /api/v1/applications | $(rps "$(val intake rps)") | $(rps "$(val nginx2 rps)") | $INTAKE_RATIO |"
    echo
    echo "## Runs"
    echo
    echo "| run | req/s | p50 ms | p99 ms | max ms | unexpected status | socket errors |"
    echo "|---|---:|---:|---:|---:|---:|---:|"
    row "nginx 1 KB file (1)" nginx1
    row "tracking, 200 expected" track
    row "nginx 1 KB file (2)" nginx2
    row "intake, 201 expected" intake
    echo
    echo "Unexpected answers: tracking $(statuses track); intake" \
        "$(statuses intake). Server log lines at warn or error: $SERVER_ERRORS."
    echo
    echo "## Server"
    echo
    echo "- peak resident memory (VmHWM) of \`satupintu serve\`:" \
        "$(mib $((PEAK_RSS_KB * 1024))) MiB ($PEAK_RSS_KB kB); at the end" \
        "$(mib $((RSS_KB * 1024))) MiB"
    echo
    echo "## Data"
    echo
    echo "- generated: $(gen applications) applications, $(gen events)" \
        "events, $(gen requirements) requirement rows at the 43 service" \
        "points, handed in $(gen window | tr 'T' ' ' | cut -c1-10) to" \
        "$(awk '$1 == "window" { print substr($3, 1, 10) }' "$TMP/gen.out")"
    echo "- generation: $(gen seconds) s, $(gen applications_per_s)" \
        "applications/s, $(gen rows_per_s) rows/s"
    echo "- states: $(awk '$1 ~ /^state\./ { sub("state.", "", $1);
        printf "%s%s %s", sep, $1, $2; sep = ", " }' "$TMP/gen.out")"
    echo "- database: $(mib "$DB_BYTES_GEN") MiB after generation;" \
        "$(mib "$DB_BYTES_END") MiB at the end, with" \
        "$(stat_ applications) applications and $(stat_ events) events" \
        "after the intake run"
    echo "- tracking sample: $(wc -l <"$TMP/sample.txt") random (number," \
        "PIN) pairs; intake: $N_KEYS offices, each with a front-office API" \
        "key, all the services each accepts in rotation"
} >"$OUT"
cat "$OUT"
