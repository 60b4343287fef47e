#!/usr/bin/env bash
# SPDX-License-Identifier: AGPL-3.0-or-later
# cluster.sh: one, two and three `satupintu serve` instances behind nginx
# on one PostgreSQL, under a mixed load (bench/README.md, "Several
# instances").
#
#   bench/cluster.sh BIN          BIN = a release build's satupintu
#
# In a temporary directory: a throwaway PostgreSQL cluster
# (scripts/pg-cluster.sh), `satupintu init` and a regency-year of
# applications (bench/gen.c), front-office keys, three serve instances on
# free loopback ports, and one nginx with three front doors: to the first
# instance, to the first two, to all three (upstream with keepalive, as
# docs/OPERATIONS.md configures it). Then BENCH_ROUNDS interleaved rounds,
# each running wrk with bench/mixed.lua (60 % tracking, 30 % catalogue,
# 10 % intake) through each door in turn; the report gives per number of
# instances the median throughput and p99 over the rounds, and every
# answer that was not 200/201 or a socket error.
#
# Knobs: BENCH_N (applications, 500000), BENCH_DURATION (per wrk run,
# 20s), BENCH_ROUNDS (3), BENCH_CONNECTIONS (64), BENCH_WRK_THREADS (2),
# BENCH_SERVER_THREADS (8 per instance), BENCH_OUT
# (bench/results/cluster.md), BENCH_WAIT_FOR (a file whose existence
# starts the measuring, once the data is made). All traffic stays on 127.0.0.1.
set -euo pipefail
[[ $# -eq 1 && -x $1 ]] || {
    echo "usage: $0 path/to/satupintu (a release build)" >&2
    exit 2
}
BIN=$(realpath "$1")
BENCH=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$BENCH")
N=${BENCH_N:-500000}
DURATION=${BENCH_DURATION:-20s}
ROUNDS=${BENCH_ROUNDS:-3}
CONNECTIONS=${BENCH_CONNECTIONS:-64}
WRK_THREADS=${BENCH_WRK_THREADS:-2}
SERVER_THREADS=${BENCH_SERVER_THREADS:-8}
OUT=${BENCH_OUT:-$BENCH/results/cluster.md}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/satupintu-cluster.XXXXXX")
# shellcheck source=bench/lib.sh
. "$BENCH/lib.sh"
trap bench_cleanup EXIT
trap 'exit 130' INT TERM
need wrk nginx cc pkg-config
export BENCH_DIR="$BENCH" BENCH_SAMPLE="$TMP/sample.txt" \
    BENCH_PLAN="$TMP/plan.txt" BENCH_KEYS="$TMP/keys.txt"
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)

say "building the generator"
build_gen
say "starting a throwaway PostgreSQL cluster"
DB=$(start_pg)
"$BIN" init --db "$DB" >"$TMP/init.log" 2>&1
say "generating $N applications"
"$TMP/gen" --n "$N" --sample "$TMP/sample.txt" --plan "$TMP/plan.txt" "$DB" \
    >"$TMP/gen.out"
front_office_keys "$DB" "$TMP/plan.txt" "$TMP/keys.txt" 5

URLS=()
SERVE_PIDS=()
# Behind nginx, as docs/OPERATIONS.md runs them: --trust-proxy (the
# client's address from X-Forwarded-For; the per-address connection limit
# off, since every connection comes from nginx: with it on, nginx's 64
# upstream connections were refused: tens of thousands of failed requests).
for i in 1 2 3; do
    start_serve "serve$i" "$DB" "$SERVER_THREADS" --trust-proxy
    URLS+=("${SERVE_URL#http://}")
    SERVE_PIDS+=("$SERVE_PID")
done
say "instances on ${URLS[*]}"

mkdir -p "$TMP/nginx/tmp"
PORTS=()
servers=
for k in 1 2 3; do
    p=$(free_port)
    PORTS+=("$p")
    up=
    for ((i = 0; i < k; i++)); do up+="server ${URLS[$i]}; "; done
    servers+="
    upstream sp$k { $up keepalive 32; }
    server {
        listen 127.0.0.1:$p;
        location / {
            proxy_pass http://sp$k;
            proxy_http_version 1.1;
            proxy_set_header Connection \"\";
            proxy_set_header Host \$host;
            proxy_set_header X-Forwarded-For \$remote_addr;
            proxy_set_header X-Forwarded-Proto \$scheme;
        }
    }"
done
cat >"$TMP/nginx/nginx.conf" <<NGINX
worker_processes 2;
daemon off;
pid $TMP/nginx/nginx.pid;
error_log $TMP/nginx/error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    client_body_temp_path $TMP/nginx/tmp/body;
    proxy_temp_path $TMP/nginx/tmp/proxy;
    fastcgi_temp_path $TMP/nginx/tmp/fastcgi;
    uwsgi_temp_path $TMP/nginx/tmp/uwsgi;
    scgi_temp_path $TMP/nginx/tmp/scgi;
    $servers
}
NGINX
nginx -p "$TMP/nginx" -c "$TMP/nginx/nginx.conf" -e "$TMP/nginx/error.log" &
PIDS+=("$!")
wait_port "${PORTS[2]}" || {
    cat "$TMP/nginx/error.log" >&2
    die "nginx did not start"
}

# BENCH_WAIT_FOR=FILE: hold the measuring until FILE exists (the data is
# slow to make, the measuring wants a quiet machine).
if [[ -n ${BENCH_WAIT_FOR:-} ]]; then
    say "data ready; waiting for $BENCH_WAIT_FOR before measuring"
    while [[ ! -e $BENCH_WAIT_FOR ]]; do sleep 5; done
    LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
fi
say "warming up"
for k in 1 2 3; do wrk_run "warm$k" mixed.lua "http://127.0.0.1:${PORTS[$((k - 1))]}" 3s; done
for ((r = 1; r <= ROUNDS; r++)); do
    for k in 1 2 3; do
        say "round $r: $k instance(s), $DURATION"
        wrk_run "r${r}_k$k" mixed.lua "http://127.0.0.1:${PORTS[$((k - 1))]}" "$DURATION"
    done
done
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)
RSS=
for pid in "${SERVE_PIDS[@]}"; do
    RSS+="$(awk '/^VmHWM:/ { printf "%.1f", $2 / 1024 }' "/proc/$pid/status") MiB "
done
APPS=$(psql -Atq "$DB" -c 'SELECT COUNT(*) FROM applications')
DBSIZE=$(psql -Atq "$DB" -c 'SELECT pg_size_pretty(pg_database_size(current_database()))')
DUPS=$(psql -Atq "$DB" -c 'SELECT COUNT(*) - COUNT(DISTINCT regno) FROM applications')
ERRLINES=$(cat "$TMP"/serve*.log | grep -c -E ' (error|warn) ' || true)

mkdir -p "$(dirname "$OUT")"
{
    echo "# Several instances on one PostgreSQL (bench/cluster.sh)"
    echo
    echo "Run $(date -u '+%Y-%m-%d %H:%M UTC'). **Machine:** $(machine)."
    echo "Load average $LOAD_START at the start, $LOAD_END at the end."
    echo
    echo "**Load:** bench/mixed.lua (of ten requests: six tracking, three" \
        "catalogue, one intake) with wrk -t$WRK_THREADS -c$CONNECTIONS" \
        "-d$DURATION through nginx (2 workers, upstream keepalive) to 1, 2" \
        "or 3 \`satupintu serve --threads $SERVER_THREADS\` on one" \
        "PostgreSQL, all on this machine; $ROUNDS interleaved rounds" \
        "(1, 2, 3 instances, then again), medians over the rounds."
    echo
    echo "| instances | req/s (median) | p99 ms (median) | per round req/s | unexpected answers (by status) | socket errors |"
    echo "|---:|---:|---:|---|---:|---:|"
    for k in 1 2 3; do
        r_rps=() r_p99=() bad=0 sock=0
        for ((r = 1; r <= ROUNDS; r++)); do
            r_rps+=("$(val "r${r}_k$k" rps)")
            r_p99+=("$(val "r${r}_k$k" p99_us)")
            bad=$((bad + $(val "r${r}_k$k" unexpected)))
            sock=$((sock + $(val "r${r}_k$k" socket_errors)))
        done
        by=$(cat "$TMP"/r*_k"$k".out | awk '$1 == "BENCH" && $2 ~ /^status_/ {
            n[substr($2, 8)] += $3 } END { for (s in n) printf "%s %s: %d", sep, s, n[s]; sep = "," }')
        printf '| %d | %s | %s | %s | %d%s | %d |\n' "$k" \
            "$(rps "$(printf '%s\n' "${r_rps[@]}" | median)")" \
            "$(ms "$(printf '%s\n' "${r_p99[@]}" | median)")" \
            "$(for v in "${r_rps[@]}"; do printf '%s ' "$(rps "$v")"; done)" \
            "$bad" "${by:+ (${by# })}" "$sock"
    done
    echo
    echo "Data: $APPS applications in PostgreSQL ($DBSIZE) after the runs" \
        "($N generated), registration numbers duplicated: $DUPS. Peak" \
        "memory of the three instances: $RSS." \
        "Server log lines at warn or error: $ERRLINES."
    echo
    echo "All instances, nginx, wrk and PostgreSQL share the same CPUs: a" \
        "second instance on the same machine cannot add CPU, so what this" \
        "shows is that several instances share one database correctly" \
        "under load (no errors, unique numbers) and what the extra hop" \
        "costs; throughput that grows with instances needs instances on" \
        "their own machines."
} >"$OUT"
cat "$OUT"
